package dev.rotation.app;

import dev.rotation.model.Alert;
import dev.rotation.model.Causality;
import dev.rotation.processor.confidence.Money;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.apache.commons.text.WordUtils;

/**
 * The readable alert table shared by {@code demo} and {@code alerts}. Alerts come in already
 * selected and ordered ({@link AlertSelection}); each run of alerts of one week becomes a block: a
 * line naming the week and the sources its alerts rest on, the column header, then one row per
 * alert. A row may take several lines: the subjects, the type's scale, the causality and above all
 * the whole explanation and the caveat codes wrap within their column, continuation lines indented
 * under it; nothing is cut.
 *
 * <pre>
 * Week of 2026-01-19 to 2026-01-25: 2 alerts, resting on coinshares, market-data
 * SEVERITY  STATUS       TYPE                    SUBJECT           CONFIDENCE   EXPLANATION
 * WARNING   FINAL        DERISKING               BTC               0.60 MEDIUM  Net outflows of $1.09B from BTC ...
 *                                                                  correlation  ... (continued)
 *                                                                               caveats: SINGLE_SOURCE
 * </pre>
 */
public final class AlertTable {
    /** Width used when neither {@code --width} nor a usable {@code COLUMNS} says otherwise. */
    public static final int DEFAULT_WIDTH = 140;

    /** The fixed columns take 78 characters; below this the explanation would be too narrow. */
    public static final int MIN_WIDTH = 100;

    /** The source name the bundled and simulated data carry when they are generated. */
    private static final String ILLUSTRATIVE = "illustrative";

    private static final int[] FIXED = {8, 11, 22, 16, 11};
    private static final String GAP = "  ";
    private static final String[] HEADER = {
        "SEVERITY", "STATUS", "TYPE", "SUBJECT", "CONFIDENCE", "EXPLANATION"
    };

    private final int width;
    private final int explanationWidth;

    /**
     * @param width the whole table's width in characters, at least {@link #MIN_WIDTH}
     * @throws IllegalArgumentException if {@code width} is below {@link #MIN_WIDTH}
     */
    public AlertTable(int width) {
        if (width < MIN_WIDTH) {
            throw new IllegalArgumentException(
                    "the table needs a width of at least " + MIN_WIDTH + ", not " + width);
        }
        this.width = width;
        this.explanationWidth = width - explanationColumn();
    }

    /**
     * The width to use: {@code columns} (the terminal's {@code COLUMNS}) when it is a number,
     * raised to {@link #MIN_WIDTH} if smaller; {@link #DEFAULT_WIDTH} otherwise (not a terminal, or
     * a shell that does not export it).
     */
    public static int widthFor(String columns) {
        if (columns != null && columns.strip().matches("\\d{1,4}")) {
            return Math.max(MIN_WIDTH, Integer.parseInt(columns.strip()));
        }
        return DEFAULT_WIDTH;
    }

    /** Where the explanation column starts, counted from 0. */
    static int explanationColumn() {
        return Arrays.stream(FIXED).sum() + FIXED.length * GAP.length();
    }

    /**
     * The table's lines for {@code ordered}, one block per run of alerts of the same window, blocks
     * separated by an empty line. No line is longer than the width, except where a single word is
     * (a word is never split).
     */
    public List<String> lines(List<Alert> ordered) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < ordered.size()) {
            int end = i;
            Instant week = ordered.get(i).getWindowStart();
            while (end < ordered.size() && ordered.get(end).getWindowStart().equals(week)) {
                end++;
            }
            if (!out.isEmpty()) {
                out.add("");
            }
            List<Alert> block = ordered.subList(i, end);
            List<String> heading = wrap(weekLine(block), width, false);
            out.add(heading.get(0));
            // the rest of a long week line goes on under it, indented, within the width
            wrap(String.join(" ", heading.subList(1, heading.size())), width - 4, false).stream()
                    .filter(l -> !l.isEmpty())
                    .forEach(l -> out.add("    " + l));
            out.add(line(HEADER));
            for (Alert a : block) {
                out.addAll(row(a));
            }
            i = end;
        }
        return out;
    }

    /**
     * "Week of 2026-01-19 to 2026-01-25: 9 alerts, resting on coinshares, illustrative (generated,
     * not market data)": the window and the distinct sources behind the block's alerts.
     */
    static String weekLine(List<Alert> block) {
        Alert first = block.get(0);
        TreeSet<String> sources = new TreeSet<>();
        block.forEach(a -> sources.addAll(a.getSources()));
        List<String> named = new ArrayList<>();
        for (String source : sources) {
            named.add(
                    ILLUSTRATIVE.equals(source)
                            ? source + " (generated, not market data)"
                            : source);
        }
        String rests =
                sources.isEmpty()
                        ? "their sources are not recorded in these alerts"
                        : "resting on " + String.join(", ", named);
        return String.format(
                Locale.ROOT,
                "%s: %d alert%s, %s",
                window(first.getWindowStart(), first.getWindowEnd()),
                block.size(),
                block.size() == 1 ? "" : "s",
                rests);
    }

    /** "Week of 2026-01-19 to 2026-01-25", "Day 2026-01-19" or "Window 2026-01-19 to ...". */
    static String window(Instant start, Instant end) {
        LocalDate first = start.atOffset(ZoneOffset.UTC).toLocalDate();
        LocalDate last = end.minusMillis(1).atOffset(ZoneOffset.UTC).toLocalDate();
        Duration length = Duration.between(start, end);
        if (length.equals(Duration.ofDays(7))) {
            return "Week of " + first + " to " + last;
        }
        if (length.equals(Duration.ofDays(1))) {
            return "Day " + first;
        }
        return "Window " + start + " to " + end;
    }

    private List<String> row(Alert a) {
        List<List<String>> cells =
                List.of(
                        List.of(a.getSeverity().name()),
                        List.of(a.getStatus().name()),
                        a.getScale() == null
                                ? List.of(a.getType().name())
                                : List.of(a.getType().name(), "scale " + a.getScale()),
                        wrap(subject(a), FIXED[3], true),
                        List.of(
                                String.format(
                                        Locale.ROOT,
                                        "%.2f %s",
                                        a.getConfidence(),
                                        a.getConfidenceLevel()),
                                causality(a.getCausality())),
                        explanationCell(a));
        int height = cells.stream().mapToInt(List::size).max().orElse(1);
        List<String> out = new ArrayList<>();
        for (int r = 0; r < height; r++) {
            String[] parts = new String[cells.size()];
            for (int c = 0; c < parts.length; c++) {
                List<String> cell = cells.get(c);
                parts[c] = r < cell.size() ? cell.get(r) : "";
            }
            out.add(line(parts));
        }
        return out;
    }

    private List<String> explanationCell(Alert a) {
        List<String> cell = new ArrayList<>(wrap(explanation(a), explanationWidth, false));
        if (!a.getCaveatCodes().isEmpty()) {
            cell.addAll(
                    wrap(
                            "caveats: " + String.join(", ", a.getCaveatCodes()),
                            explanationWidth,
                            false));
        }
        return cell;
    }

    private static String line(String[] parts) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < FIXED.length; c++) {
            b.append(String.format(Locale.ROOT, "%-" + FIXED[c] + "s", parts[c])).append(GAP);
        }
        return b.append(parts[FIXED.length]).toString().stripTrailing();
    }

    /**
     * {@code text} broken at spaces into lines of at most {@code width}; a longer word is split
     * when {@code splitLongWords}, otherwise kept whole on a line of its own.
     */
    static List<String> wrap(String text, int width, boolean splitLongWords) {
        if (text.isEmpty()) {
            return List.of("");
        }
        return List.of(WordUtils.wrap(text, width, "\n", splitLongWords).split("\n"));
    }

    private static String causality(Causality c) {
        return switch (c) {
            case CORRELATION_NOT_CAUSATION -> "correlation";
            case OBSERVATION -> "observation";
            case TEMPORAL_PRECEDENCE -> "precedence";
        };
    }

    /**
     * What the alert is about, as a desk names it: {@code asset:BTC,asset:ETH -> "BTC, ETH"},
     * {@code crypto:total,metal:XAG -> "crypto, XAG"}, {@code instrument:BTC-USD,level:93000 ->
     * "BTC-USD, level 93,000"}. Alerts written before they carried subjects take them from the
     * signal id ({@code TYPE|week|subjects}); "-" when neither has any.
     */
    public static String subject(Alert a) {
        List<String> subjects = a.getSubjects();
        if (subjects.isEmpty()) {
            String[] id = a.getSignalId().split("\\|", 3);
            subjects = id.length == 3 && !id[2].isEmpty() ? List.of(id[2].split(",")) : List.of();
        }
        if (subjects.isEmpty()) {
            return "-";
        }
        List<String> names = new ArrayList<>();
        for (String s : subjects) {
            names.add(subjectName(s));
        }
        return String.join(", ", names);
    }

    private static String subjectName(String prefixed) {
        int colon = prefixed.indexOf(':');
        if (colon < 0) {
            return prefixed;
        }
        String kind = prefixed.substring(0, colon);
        String name = prefixed.substring(colon + 1);
        return switch (kind) {
            case "crypto" -> "total".equals(name) ? "crypto" : "crypto " + name;
            case "level" -> "level " + levelFigure(name);
            default -> name;
        };
    }

    private static String levelFigure(String level) {
        try {
            return Money.price(new BigDecimal(level).doubleValue());
        } catch (NumberFormatException e) {
            return level;
        }
    }

    /**
     * The signal's whole explanation: the alert's own field, or for alerts written before it
     * existed, the part of the alert's line between the causality tag and the signal id.
     */
    static String explanation(Alert a) {
        if (a.getExplanation() != null) {
            return a.getExplanation();
        }
        String line = a.getLine();
        int bracket = line.indexOf("] ");
        int tail = line.lastIndexOf(" (signal ");
        return bracket >= 0 && tail > bracket ? line.substring(bracket + 2, tail) : line;
    }
}
