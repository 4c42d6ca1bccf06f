// The web view's script: reads /api/ and fills the page's tables and charts. No build step.
"use strict";

const POLL_MS = 3000;
// userWeek: the week the desk chose (the selector or #week= in the URL); while there is none the
// page follows the default week as weeks close
const state = { week: null, userWeek: fromHash(), lastEmitted: null, liveStarted: false, weeks: [], ready: false };

// ---- formatting -------------------------------------------------------------------------------

/** A net flow as a desk writes it: -$1.73B, +$17.1M, +$0.5M. */
function usd(v) {
  if (v === null || v === undefined) return "n/a";
  const sign = v < 0 ? "-" : "+";
  const a = Math.abs(v);
  if (a >= 1e9) return `${sign}$${(a / 1e9).toFixed(2)}B`;
  if (a >= 1e5) return `${sign}$${(a / 1e6).toFixed(1)}M`;
  return `${sign}$${(a / 1e3).toFixed(1)}K`;
}
function pct(v) { return v === null || v === undefined ? "n/a" : `${(v * 100).toFixed(1)}%`; }
function num(v, digits) { return v === null || v === undefined ? "n/a" : Number(v).toLocaleString("en-US", { maximumFractionDigits: digits }); }
function isoDay(t) { return new Date(t).toISOString().slice(0, 10); }
function isoTime(t) { return new Date(t).toISOString().replace("T", " ").slice(0, 19) + " UTC"; }
function flowClass(v) { return v < 0 ? "num out" : "num in"; }

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === "class") e.className = v; else if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}
function fill(tableId, rows, emptyText) {
  const body = document.querySelector(`#${tableId} tbody`);
  body.replaceChildren(...rows);
  if (rows.length === 0) {
    const cols = document.querySelectorAll(`#${tableId} thead th`).length;
    body.append(el("tr", {}, el("td", { colspan: cols }, emptyText || "none")));
  }
}
/** A code such as CORRELATION_NOT_CAUSATION that may wrap after each underscore. */
function code(c) { return c.split("_").map((part, i, all) => i < all.length - 1 ? [part + "_", el("wbr")] : part); }
function sourceList(sources) {
  return (sources || []).map((s, i) => [i ? ", " : "", s === "illustrative" ? el("span", { class: "illustrative" }, "illustrative") : s]);
}

/** An answer that failed; {@code retry} when the processor is starting or moving its state (503, 502) or unreachable. */
class ApiError extends Error {
  constructor(message, retry) { super(message); this.retry = retry; }
}
async function api(path) {
  let r;
  try {
    r = await fetch(`/api/${path}`, { headers: { Accept: "application/json" } });
  } catch (e) {
    throw new ApiError(`the processor does not answer (${e.message})`, true);
  }
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new ApiError(body.error || `HTTP ${r.status}`, r.status === 503 || r.status === 502);
  return body;
}

// ---- the week ---------------------------------------------------------------------------------

async function loadWeeks() {
  const { weeks } = await api("weeks");
  state.weeks = weeks;
  const select = document.getElementById("week");
  const kept = day => day && weeks.some(w => isoDay(w.start) === day) ? day : null;
  const chosen = kept(state.userWeek) || defaultWeek(weeks);
  select.replaceChildren(...weeks.map(w => el("option", { value: isoDay(w.start), "data-flows": String(w.flows) },
    `${isoDay(w.start)} to ${isoDay(new Date(w.end).getTime() - 1)} (${w.closed ? "final" : "open"}, ` +
    `${w.flows ? "flows" : "no flows"}, ${w.signals} signal${w.signals === 1 ? "" : "s"})`)));
  if (chosen) select.value = chosen;
  document.getElementById("week-count").textContent = weeks.length
    ? `${weeks.length} weeks kept, ${weeks.filter(w => w.flows).length} with flows` : "";
  return select.value || null;
}
function fromHash() { const m = /week=(\d{4}-\d{2}-\d{2})/.exec(location.hash); return m ? m[1] : null; }
/**
 * The week a desk opens on: the latest final week with flows and signals (a week's picture is its
 * flows; a later week with only price or holder readings is one step away in the selector), else
 * the latest final week with signals, else the latest week.
 */
function defaultWeek(weeks) {
  const last = list => list.length ? list[list.length - 1] : null;
  const w = last(weeks.filter(w => w.closed && w.flows && w.signals > 0))
    || last(weeks.filter(w => w.closed && w.signals > 0)) || last(weeks);
  return w ? isoDay(w.start) : null;
}

async function showWeek(day) {
  state.week = day;
  if (!day) { document.getElementById("week-summary").textContent = "No week is kept yet."; return; }
  const kept = state.weeks.find(w => isoDay(w.start) === day);
  history.replaceState(null, "", `#week=${day}`);
  const w = await api(`weeks/${day}`);
  document.getElementById("week-status").textContent = w.window.closed ? "final" : "open (readings are provisional)";
  document.getElementById("week-summary").textContent =
    `Net flow, total reported: ${usd(w.totalReportedUsd)}. ${w.signals.length} signals. ` +
    (kept && !kept.flows ? "No report gave this week flows; the selector says which weeks have them. " : "") +
    `Last input at ${isoTime(w.window.lastEventTime)} (event time).`;
  fill("groups-table", Object.entries(w.byGroup).map(([g, v]) => el("tr", {}, el("th", { scope: "row" }, g), el("td", { class: flowClass(v) }, usd(v)))));
  fill("assets-table", sortByValue(w.byAsset).map(([a, v]) => el("tr", {}, el("th", { scope: "row" }, a), el("td", {}, w.groupOfAsset[a]), el("td", { class: flowClass(v) }, usd(v)))));
  fill("regions-table", sortByValue(w.byRegion).map(([r, v]) => el("tr", {}, el("th", { scope: "row" }, r), el("td", { class: flowClass(v) }, usd(v)))));
  fill("sources-table", w.bySource.map(s => el("tr", {}, el("th", { scope: "row" }, sourceList([s.source])),
    el("td", { class: s.totalReportedUsd === null ? "num" : flowClass(s.totalReportedUsd) }, usd(s.totalReportedUsd)),
    el("td", {}, s.breakdowns.join(", ")), el("td", {}, s.reportIds.join(", ")))));
  fill("prices-table", Object.values(w.prices).map(p => el("tr", {}, el("th", { scope: "row" }, p.instrument),
    el("td", { class: "num" }, num(p.firstOpen, 2)), el("td", { class: "num" }, num(p.lastClose, 2)),
    el("td", { class: "num" }, pct(p.windowReturn)), el("td", { class: "num" }, num(p.high, 2)), el("td", { class: "num" }, num(p.low, 2)),
    el("td", { class: "num" }, pct(p.drawdownFromHigh)), el("td", {}, sparkline(p.bucketCloses)), el("td", {}, sourceList(p.sources)))));
  fill("metals-table", Object.values(w.metals).map(m => el("tr", {}, el("th", { scope: "row" }, m.metal),
    el("td", { class: "num" }, num(m.firstSpot, 2)), el("td", { class: "num" }, num(m.lastSpot, 2)),
    el("td", { class: "num" }, pct(m.windowReturn)), el("td", {}, sourceList(m.sources)))));
  showSignals(w.signals);
}
/** A small line of a price's closes over the week (hand-written SVG), with the closes as its text. */
function sparkline(closes) {
  if (!closes || closes.length < 2) return "n/a";
  const NS = "http://www.w3.org/2000/svg", w = 90, h = 22;
  const lo = Math.min(...closes), hi = Math.max(...closes), span = hi - lo || 1;
  const points = closes.map((c, i) => `${(i * w / (closes.length - 1)).toFixed(1)},${(h - 2 - (c - lo) / span * (h - 4)).toFixed(1)}`).join(" ");
  const svg = document.createElementNS(NS, "svg");
  svg.setAttribute("width", w); svg.setAttribute("height", h); svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", `closes: ${closes.map(c => num(c, 2)).join(", ")}`);
  const line = document.createElementNS(NS, "polyline");
  line.setAttribute("points", points); line.setAttribute("fill", "none");
  line.setAttribute("stroke", closes[closes.length - 1] < closes[0] ? "#b42318" : "#067647"); line.setAttribute("stroke-width", "1.5");
  svg.append(line);
  return svg;
}
function sortByValue(m) { return Object.entries(m).sort((a, b) => a[1] - b[1]); }

// ---- signals ----------------------------------------------------------------------------------

const TYPE_ORDER = ["ROTATION_TO_HIGH_BETA", "ROTATION_TO_MAINSTREAM", "CONCENTRATED_OUTFLOW", "RISK_OFF_SHIFT", "RISK_ON_SHIFT", "DERISKING", "CASCADE_RISK", "LEVERAGE_STRESS", "LEVEL_BREACH", "LEVEL_RECLAIM", "QUADRANT_TRANSITION"];
/** A type's place in the table; a type the page does not list goes last. */
function typeRank(t) { const i = TYPE_ORDER.indexOf(t); return i < 0 ? TYPE_ORDER.length : i; }

function showSignals(signals) {
  const sorted = [...signals].sort((a, b) => typeRank(a.type) - typeRank(b.type) || a.signalId.localeCompare(b.signalId));
  const rows = [];
  for (const s of sorted) {
    const detail = el("tr", { class: "detail", hidden: "" }, el("td", { colspan: 9 }));
    const button = el("button", { type: "button", "aria-expanded": "false", "data-signal": s.signalId,
      onclick: () => toggleDetail(s, detail, button) }, "History and evidence");
    rows.push(el("tr", { "data-signal": s.signalId },
      el("td", {}, code(s.type)),
      el("td", {}, s.subjects.join(", ")),
      el("td", {}, el("span", { class: `badge ${s.status}` }, s.status), ` r${s.revision}`),
      el("td", {}, s.magnitude ? [el("strong", {}, s.magnitude.scale), ` ${pct(s.magnitude.ratio)} (${usd(s.magnitude.receivingUsd)} of ${usd(-s.magnitude.leavingUsd)})`] : "n/a"),
      el("td", {}, confidence(s)),
      el("td", {}, code(s.causality)),
      el("td", {}, el("ul", { class: "caveats" }, s.caveats.map(c => el("li", {}, c.text, " ", el("code", {}, c.code))))),
      el("td", { class: "explanation" }, s.explanation),
      el("td", {}, button)));
    rows.push(detail);
  }
  fill("signals-table", rows, "No signal for this week.");
}

/** A signal's confidence: score and level, then its components (docs/confidence.md) as a small table. */
function confidence(s) {
  const head = el("strong", {}, `${s.confidence.toFixed(2)} ${s.confidenceLevel}`);
  const k = s.confidenceComponents;
  if (!k) return el("div", {}, head, legacyConfidence(s));
  const f2 = v => v.toFixed(2);
  const term = (name, value, weight, note) => el("tr", { "data-term": name }, el("th", { scope: "row" }, name, note ? el("small", {}, ` ${note}`) : null),
    el("td", { class: "num" }, f2(value), el("meter", { min: 0, max: 1, value, "aria-hidden": "true" })),
    el("td", { class: "num" }, f2(weight)));
  const line = (name, ...text) => el("tr", { "data-term": name }, el("th", { scope: "row" }, name), el("td", { colspan: 2 }, ...text));
  const r = s.correlation;
  const w = k.weights;
  return el("div", {}, head, el("table", { class: "components" },
    el("caption", {}, "Confidence components"),
    el("thead", {}, el("tr", {}, ["Term", "Value", "Weight"].map(h => el("th", { scope: "col" }, h)))),
    el("tbody", {},
      term("strength", k.strength, w.strength),
      term("breadth", k.breadth, w.breadth),
      term("history", k.history, w.history, s.causality === "OBSERVATION" ? "(an observation needs none)" : `(${k.historyWindows} windows)`),
      term("completeness", k.completeness, w.completeness),
      k.correlationTerm === null ? null : term("correlation", k.correlationTerm, w.correlation, "(share)"),
      r ? line("r", `${r.between} r=${f2(r.coefficient)} [${f2(r.lower95)}, ${f2(r.upper95)}], n=${r.sampleSize}`) : null,
      line("sources", `${k.distinctSources} independent; evidence from `, sourceList(s.sources))),
    el("tfoot", {},
      line("base", f2(k.base), k.correlationTerm === null ? "" : `, with correlation ${f2(k.uncapped)}`),
      line("cap", k.cap ? [el("code", {}, code(k.cap.code)), ` ${f2(k.cap.value)} bound the score`] : "none bound the score"),
      k.adjustment ? line("adjusted", `× ${k.adjustment.factor} `, el("code", {}, code(k.adjustment.code))) : null)));
}
/** What a signal written before components were recorded shows: sources, history and missing legs from its caveats. */
function legacyConfidence(s) {
  const codes = s.caveats.map(c => c.code);
  const history = codes.includes("INSUFFICIENT_HISTORY") ? "short" : "enough";
  const missing = codes.filter(c => c.startsWith("MISSING_LEG:")).map(c => c.slice(12));
  return el("ul", { class: "caveats" },
    el("li", {}, `sources: ${s.sources.length} (`, sourceList(s.sources), ")"),
    el("li", {}, `history: ${history}`),
    el("li", {}, `completeness: ${missing.length ? "missing " + missing.join(", ") : "every leg present"}`),
    s.correlation ? el("li", {}, `correlation ${s.correlation.between} r=${s.correlation.coefficient.toFixed(2)} [${s.correlation.lower95.toFixed(2)}, ${s.correlation.upper95.toFixed(2)}], n=${s.correlation.sampleSize}`) : null);
}

async function toggleDetail(s, detail, button) {
  const open = detail.hidden;
  detail.hidden = !open;
  button.setAttribute("aria-expanded", String(open));
  if (!open) return;
  const cell = detail.firstChild;
  cell.replaceChildren(el("p", {}, "Reading the revisions…"));
  const evidence = el("table", { class: "evidence" }, el("caption", {}, "Evidence"),
    el("thead", {}, el("tr", {}, ["Metric", "Subject", "Value", "Baseline", "z-score", "Threshold", "Source"].map(h => el("th", { scope: "col" }, h)))),
    el("tbody", {}, s.evidence.map(e => el("tr", {}, el("td", {}, e.metric), el("td", {}, e.subject),
      el("td", { class: "num" }, num(e.value, 4)), el("td", { class: "num" }, num(e.baseline, 4)), el("td", { class: "num" }, num(e.zScore, 2)),
      el("td", { class: "num" }, num(e.threshold, 4)), el("td", {}, e.source ? sourceList(e.source.split(",")) : "n/a")))));
  try {
    const h = await api(`signals/${encodeURIComponent(s.signalId)}/revisions`);
    const timeline = el("ol", { class: "timeline", "aria-label": "Revision history" },
      h.revisions.map(r => el("li", { "data-status": r.status },
        el("span", { class: `badge ${r.status}` }, r.status), ` r${r.revision} `,
        el("time", { datetime: new Date(r.emittedAt).toISOString() }, isoTime(r.emittedAt)),
        ` conf ${r.confidence.toFixed(2)}`, r.magnitude ? ` ${r.magnitude.scale} ${pct(r.magnitude.ratio)}` : "")));
    cell.replaceChildren(el("h3", {}, `Revision history of ${s.signalId} (${h.revisionsEmitted} revisions emitted)`), timeline, evidence);
  } catch (e) {
    cell.replaceChildren(el("p", {}, `The revision history could not be read: ${e.message}`), evidence);
  }
}

// ---- charts -----------------------------------------------------------------------------------

let rotationChart = null;
let rrChart = null;

async function showRotation() {
  const r = await api("rotation");
  const weeks = r.weeks.map(w => isoDay(w.start));
  const groups = [...new Set(r.weeks.flatMap(w => Object.keys(w.byGroup)))];
  fill("rotation-table", r.weeks.map(w => el("tr", {}, el("th", { scope: "row" }, isoDay(w.start)),
    el("td", {}, Object.entries(w.byGroup).map(([g, v], i) => [i ? ", " : "", `${g} ${usd(v)}`])),
    el("td", { class: "num" }, w.rotation ? pct(w.rotation.ratio) : "n/a"),
    el("td", {}, w.rotation ? w.rotation.scale : ""),
    el("td", {}, w.rotation ? `${w.rotation.type} (${w.rotation.status})` : "no rotation reading"))));
  if (!window.echarts) return;
  rotationChart = rotationChart || echarts.init(document.getElementById("rotation-chart"));
  const maxRatio = Math.max(r.majorAbove * 1.2, ...r.weeks.map(w => w.rotation ? w.rotation.ratio * 1.1 : 0));
  rotationChart.setOption({
    animation: false,
    tooltip: { trigger: "axis" },
    legend: { top: 0 },
    grid: { left: 80, right: 80, top: 40, bottom: 40 },
    xAxis: { type: "category", data: weeks },
    yAxis: [{ type: "value", name: "net flow (USD)", axisLabel: { formatter: v => usd(v) } },
            { type: "value", name: "rotation ratio", min: 0, max: maxRatio, axisLabel: { formatter: v => pct(v) }, splitLine: { show: false } }],
    series: [
      ...groups.map(g => ({ name: g, type: "bar", data: r.weeks.map(w => w.byGroup[g] ?? null) })),
      { name: "rotation ratio", type: "line", yAxisIndex: 1, connectNulls: false, symbolSize: 8,
        data: r.weeks.map(w => w.rotation ? w.rotation.ratio : null),
        markArea: { silent: true, label: { position: "insideRight" }, data: [
          [{ name: "MICRO", yAxis: 0, itemStyle: { color: "rgba(120,160,220,0.08)" } }, { yAxis: r.microBelow }],
          [{ name: "MATERIAL", yAxis: r.microBelow, itemStyle: { color: "rgba(220,180,60,0.10)" } }, { yAxis: r.majorAbove }],
          [{ name: "MAJOR", yAxis: r.majorAbove, itemStyle: { color: "rgba(220,80,60,0.10)" } }, { yAxis: maxRatio }]] } }
    ]
  }, true);
}

/** The relative rotation chart's series colours, one per asset (echarts' default palette). */
const RR_COLORS = ["#5470c6", "#91cc75", "#fac858", "#ee6666", "#73c0de", "#3ba272", "#fc8452", "#9a60b4", "#ea7ccc"];
/**
 * The chart's half-width around the centre, rounded up to whole ticks so that the axis ends fall on
 * ticks and no end label crowds its neighbour: {span, step}.
 */
function rrAxis(raw) {
  const step = raw <= 2 ? 0.5 : raw <= 5 ? 1 : raw <= 10 ? 2 : 5;
  return { span: Math.ceil(raw / step) * step, step };
}

async function showRelativeRotation() {
  const rr = await api("relative-rotation");
  document.querySelectorAll(".rr-benchmark").forEach(e => { e.textContent = rr.benchmark; });
  document.querySelectorAll(".rr-n").forEach(e => { e.textContent = `n = ${rr.ratioWindows}`; });
  document.querySelectorAll(".rr-m").forEach(e => { e.textContent = `m = ${rr.momentumWindows}`; });
  const week = p => `${isoDay(p.windowStart)}${p.closed ? "" : " (open)"}`;
  const xy = p => `${p.rsRatio.toFixed(2)}, ${p.rsMomentum.toFixed(2)}`;
  fill("rr-table", rr.assets.map(a => { const p = a.points[a.points.length - 1];
    return el("tr", { "data-asset": a.asset }, el("th", { scope: "row" }, a.asset), el("td", {}, `${a.benchmark} (${a.instrument})`),
      el("td", {}, week(p)), el("td", { class: "num" }, p.rsRatio.toFixed(2)), el("td", { class: "num" }, p.rsMomentum.toFixed(2)),
      el("td", {}, p.quadrant),
      el("td", {}, a.points.slice(0, -1).map((q, i) => [i ? "; " : "", `${isoDay(q.windowStart)}: ${xy(q)}`]))); }),
    `No asset has ${rr.ratioWindows + rr.momentumWindows} weeks of prices yet.`);
  if (!window.echarts) return;
  rrChart = rrChart || echarts.init(document.getElementById("rr-chart"));
  const c = rr.centre;
  const all = rr.assets.flatMap(a => a.points);
  const { span, step } = rrAxis(Math.max(1, ...all.map(p => Math.abs(p.rsRatio - c)), ...all.map(p => Math.abs(p.rsMomentum - c))) * 1.15);
  // each quadrant's name in its outer corner, away from the points that gather near the centre
  const quadrant = (name, x0, x1, y0, y1, color, position) =>
    [{ name, xAxis: x0, yAxis: y0, itemStyle: { color }, label: { position } }, { xAxis: x1, yAxis: y1 }];
  const last = a => a.points.length - 1;
  const axis = { min: c - span, max: c + span, interval: step, axisLabel: { formatter: v => v.toFixed(step < 1 ? 1 : 0) } };
  rrChart.setOption({
    animation: false,
    tooltip: { formatter: p => `${p.seriesName} vs ${p.data[3]}, week of ${p.data[2]}: RS-Ratio ${p.data[0].toFixed(2)}, RS-Momentum ${p.data[1].toFixed(2)}` },
    legend: { top: 0, type: "scroll", data: rr.assets.map(a => a.asset) },
    grid: { left: 60, right: 40, top: 40, bottom: 50 },
    xAxis: { type: "value", name: `RS-Ratio (vs ${rr.benchmark}; metals vs ${rr.metalsBenchmark})`, nameLocation: "middle", nameGap: 28, ...axis },
    yAxis: { type: "value", name: "RS-Momentum", ...axis },
    labelLayout: { hideOverlap: true },
    series: [
      { name: "quadrants", type: "line", data: [], markArea: { silent: true, label: { color: "#6b778a", fontWeight: "bold" }, data: [
        quadrant("Leading", c, c + span, c, c + span, "rgba(6,118,71,0.06)", "insideTopRight"),
        quadrant("Weakening", c, c + span, c - span, c, "rgba(183,121,31,0.06)", "insideBottomRight"),
        quadrant("Lagging", c - span, c, c - span, c, "rgba(180,35,24,0.06)", "insideBottomLeft"),
        quadrant("Improving", c - span, c, c, c + span, "rgba(30,90,200,0.06)", "insideTopLeft")] },
        markLine: { silent: true, symbol: "none", lineStyle: { color: "#98a2b3" }, label: { show: false }, data: [{ xAxis: c }, { yAxis: c }] } },
      ...rr.assets.map((a, k) => { const color = RR_COLORS[k % RR_COLORS.length];
        return { name: a.asset, type: "line", showSymbol: true, color,
          symbolSize: (v, p) => p.dataIndex === last(a) ? 14 : 5,
          itemStyle: { borderWidth: 2 },
          label: { show: true, position: "right", fontWeight: "bold", color, textBorderColor: "#fff", textBorderWidth: 3, formatter: p => p.dataIndex === last(a) ? a.asset : "" },
          // the newest point: solid when its week is final, a thick ring of the asset's colour while
          // it is open (a plain circle: the line's default hollow symbol strokes in the fill colour)
          data: a.points.map((p, i) => i !== last(a) ? { value: [p.rsRatio, p.rsMomentum, week(p), a.benchmark] }
            : { value: [p.rsRatio, p.rsMomentum, week(p), a.benchmark], symbol: "circle",
                itemStyle: p.closed ? { color, borderColor: color } : { color: "#fff", borderColor: color, borderWidth: 4 } }) }; })
    ]
  }, true);
}

// ---- live -------------------------------------------------------------------------------------

/**
 * The signals emitted since the last call, into the Live table; the first call fills it with the
 * latest ones, unmarked. Returns the new signals (none on the first call: the page reads
 * everything after it).
 */
async function readRecent() {
  const after = state.lastEmitted || "1970-01-01T00:00:00Z";
  const r = await api(`recent?after=${encodeURIComponent(after)}`);
  const first = !state.liveStarted;
  state.liveStarted = true;
  if (r.signals.length) {
    state.lastEmitted = new Date(Math.max(...r.signals.map(s => new Date(s.emittedAt).getTime()))).toISOString();
    const body = document.querySelector("#live-table tbody");
    const rows = r.signals.map(s => el("tr", { class: first ? "" : "new", "data-signal": s.signalId },
      el("td", {}, isoTime(s.emittedAt)), el("td", {}, isoDay(s.windowStart)), el("td", {}, s.type),
      el("td", {}, s.subjects.join(", ")), el("td", {}, el("span", { class: `badge ${s.status}` }, s.status), ` r${s.revision}`),
      el("td", {}, `${s.confidence.toFixed(2)} ${s.confidenceLevel}`)));
    body.prepend(...rows);
    while (body.rows.length > 50) body.deleteRow(body.rows.length - 1);
  }
  const t = document.getElementById("last-update");
  t.textContent = isoTime(r.asOf);
  t.setAttribute("datetime", r.asOf);
  return first ? [] : r.signals;
}

/** New signals arrived: the week list, the selected week (when it changed or they are of it) and the charts. */
async function refresh(signals) {
  const before = state.week;
  const day = await loadWeeks();
  if (day !== before || signals.some(s => isoDay(s.windowStart) === day)) await showWeek(day);
  await Promise.all([showRotation(), showRelativeRotation()]);
}

/**
 * Everything the page shows, read once. The Live table is read first, so that a signal emitted
 * while the rest loads comes in the next poll and refreshes the page rather than being missed.
 */
async function load() {
  await readRecent();
  await showWeek(await loadWeeks());
  await Promise.all([showRotation(), showRelativeRotation()]);
}

/** Every few seconds: load the page until the processor answers, then look for new signals. */
async function tick() {
  try {
    if (!state.ready) {
      await load();
      state.ready = true;
      waiting(null);
    } else {
      const signals = await readRecent();
      if (signals.length) await refresh(signals);
    }
  } catch (e) {
    if (!state.ready) waiting(e); else document.getElementById("last-update").textContent = `failed (${e.message}); retrying`;
  } finally {
    setTimeout(tick, POLL_MS);
  }
}

/** Shows that the page is waiting for the processor (a 503 while it starts), or clears it ({@code e} null). */
function waiting(e) {
  const banner = document.getElementById("waiting");
  banner.hidden = e === null;
  if (e === null) return;
  banner.textContent = e.retry
    ? `Waiting for the processor: ${e.message}. The page tries again every ${POLL_MS / 1000} s.`
    : `Could not read the week: ${e.message}. The page tries again every ${POLL_MS / 1000} s.`;
}

// ---- start ------------------------------------------------------------------------------------

function report(e) { document.getElementById("week-summary").textContent = `Could not read the week: ${e.message}`; }
document.getElementById("week").addEventListener("change", e => { state.userWeek = e.target.value; showWeek(e.target.value).catch(report); });
window.addEventListener("resize", () => { rotationChart && rotationChart.resize(); rrChart && rrChart.resize(); });
tick();
