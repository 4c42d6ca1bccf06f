package dev.rotation.processor.analytics;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything the rules see of one window: the flows along each breakdown (never added across
 * breakdowns), prices, volumes, metals, and their place against the trailing history. Immutable
 * once built; the rules only read it.
 */
public final class WindowSnapshot {

    /** Where the crypto total comes from. */
    public enum TotalBasis {
        REPORTED_TOTAL,
        SUM_OF_ASSETS,
        NONE
    }

    /** Which breakdown the gross inflows and outflows come from. */
    public enum GrossBasis {
        ASSET,
        REGION,
        NONE
    }

    public static final String BREAKDOWN_TOTAL = "TOTAL";
    public static final String BREAKDOWN_ASSET = "ASSET";
    public static final String BREAKDOWN_REGION = "REGION";

    /** Leg names, used in {@code MISSING_LEG:<leg>} caveats. */
    public static final String LEG_FLOWS = "FLOWS";

    public static final String LEG_TOTAL = "TOTAL_FLOW";
    public static final String LEG_ASSET_BREAKDOWN = "ASSET_BREAKDOWN";
    public static final String LEG_REGION_BREAKDOWN = "REGION_BREAKDOWN";
    public static final String LEG_PRICES = "PRICES";
    public static final String LEG_VOLUMES = "VOLUMES";
    public static final String LEG_METALS = "METALS";

    /**
     * A breakdown disagrees with the report's total when its rows' sum is further from the total
     * than this share of the larger of the total and the breakdown's gross flows (in plus out).
     * Loose enough for a report that does not itemise every asset or region (the seed week's assets
     * miss the total by 1%), tight enough for a misprint (regions of -$12.4B against a total of
     * -$53.7M).
     */
    public static final double BREAKDOWN_TOLERANCE = 0.10;

    /**
     * A breakdown whose rows do not add up to the report's total.
     *
     * @param breakdown ASSET or REGION
     * @param sum the sum of its rows, USD
     * @param total the reported total, USD
     */
    public record BreakdownDisagreement(String breakdown, double sum, double total) {}

    private final EventWindow window;
    private final TrailingHistory history;
    private final List<String> overlappingPeriods = new java.util.ArrayList<>();
    private final List<BreakdownDisagreement> breakdownDisagreements = new java.util.ArrayList<>();

    private final Map<String, FlowMetrics> assetFlows = new TreeMap<>();
    private final Map<String, FlowMetrics> regionFlows = new TreeMap<>();
    private FlowMetrics totalFlow;
    private final Map<String, Double> netByAsset = new TreeMap<>();
    private final Map<String, Double> netByRegion = new TreeMap<>();
    private final Map<String, Double> netByGroup = new TreeMap<>();
    private final Double cryptoTotal;
    private final TotalBasis totalBasis;
    private final double grossInflows;
    private final double grossOutflows;
    private final GrossBasis grossBasis;
    private final Map<String, Double> flowZByAsset = new TreeMap<>();
    private final Map<String, PriceMetrics> prices;
    private final Map<String, VolumeMetrics> volumes;
    private final Map<String, MetalMetrics> metals;
    private final Map<String, ExposureMetrics> reportedExposures;
    private final Map<String, ExposureMetrics> positions;
    private final Map<String, Double> volumeRatios = new TreeMap<>();
    private final Map<String, Double> metalVolumeRatios = new TreeMap<>();
    private final FlowSources catalogue;
    private final String headlineScope;
    private final Set<String> flowSources = new TreeSet<>();
    private final Set<String> allFlowSources = new TreeSet<>();
    private final Map<String, Map<String, FlowMetrics.SourceFigure>> assetFigures = new TreeMap<>();
    private final Map<String, FlowMetrics.SourceFigure> totalFigures = new TreeMap<>();
    private final Set<String> priceSources = new TreeSet<>();
    private final Set<String> volumeSources = new TreeSet<>();
    private final Set<String> metalSources = new TreeSet<>();
    private final Set<String> presentLegs = new TreeSet<>();
    private final Set<String> missingLegs = new TreeSet<>();
    private final boolean anyFlowRevised;
    private final List<IncompleteReport> incompleteReports;

    private WindowSnapshot(
            EventWindow window,
            Collection<FlowMetrics> flows,
            Map<String, PriceMetrics> prices,
            Map<String, VolumeMetrics> volumes,
            Map<String, MetalMetrics> metals,
            Map<String, ExposureMetrics> exposures,
            TrailingHistory history,
            AssetGroups groups,
            List<IncompleteReport> incompleteReports,
            FlowSources catalogue) {
        this.window = Objects.requireNonNull(window, "window");
        this.catalogue = catalogue != null ? catalogue : FlowSources.defaults();
        this.incompleteReports = List.copyOf(incompleteReports);
        Objects.requireNonNull(groups, "groups");
        this.history = history != null ? history : new TrailingHistory();
        this.prices =
                Collections.unmodifiableMap(new TreeMap<>(prices != null ? prices : Map.of()));
        this.volumes =
                Collections.unmodifiableMap(new TreeMap<>(volumes != null ? volumes : Map.of()));
        this.metals =
                Collections.unmodifiableMap(new TreeMap<>(metals != null ? metals : Map.of()));
        this.reportedExposures =
                Collections.unmodifiableMap(
                        new TreeMap<>(exposures != null ? exposures : Map.of()));
        // a position reported in an earlier FINAL window stands until a newer report replaces it
        Map<String, ExposureMetrics> standing =
                new TreeMap<>(this.history.positionsAsOf(window.end()));
        this.reportedExposures.forEach(
                (k, p) ->
                        standing.merge(
                                k, p, (held, now) -> now.asOf() >= held.asOf() ? now : held));
        this.positions = Collections.unmodifiableMap(standing);

        List<FlowMetrics> given = new java.util.ArrayList<>();
        for (FlowMetrics f : flows != null ? flows : List.<FlowMetrics>of()) {
            if (f != null) {
                given.add(f);
                allFlowSources.addAll(f.sources());
            }
        }
        // one scope per window: the rules read the primary scope's figures when it reports, and
        // another scope's only in a window it does not report at all; never a mix of the two
        this.headlineScope = this.catalogue.headlineScope(allFlowSources);
        boolean revised = false;
        for (FlowMetrics all : given) {
            overlappingPeriods.addAll(all.overlaps());
            Map<String, FlowMetrics.SourceFigure> figures = all.bySource();
            switch (all.breakdown()) {
                case BREAKDOWN_ASSET -> assetFigures.put(all.key(), figures);
                case BREAKDOWN_TOTAL -> totalFigures.putAll(figures);
                default -> {
                    /* REGION and PROVIDER rows are not compared across sources */
                }
            }
            String source = this.catalogue.headlineSource(figures.keySet(), headlineScope);
            FlowMetrics f = source == null ? null : all.ofSource(source);
            if (f == null) {
                continue;
            }
            revised |= f.revised();
            flowSources.addAll(f.sources());
            switch (f.breakdown()) {
                case BREAKDOWN_TOTAL -> totalFlow = merge(totalFlow, f);
                case BREAKDOWN_ASSET -> assetFlows.merge(f.key(), f, this::merge);
                case BREAKDOWN_REGION -> regionFlows.merge(f.key(), f, this::merge);
                default -> {
                    /* PROVIDER and others are not used by the rules */
                }
            }
        }
        this.anyFlowRevised = revised;
        assetFlows.forEach((k, f) -> netByAsset.put(k, f.netFlowUsd()));
        regionFlows.forEach((k, f) -> netByRegion.put(k, f.netFlowUsd()));
        for (String g : groups.names()) {
            double sum = 0;
            boolean any = false;
            for (String a : groups.group(g)) {
                Double v = netByAsset.get(a);
                if (v != null) {
                    sum += v;
                    any = true;
                }
            }
            if (any) {
                netByGroup.put(g, sum);
            }
        }
        if (totalFlow != null) {
            cryptoTotal = totalFlow.netFlowUsd();
            totalBasis = TotalBasis.REPORTED_TOTAL;
        } else if (!netByAsset.isEmpty()) {
            cryptoTotal = netByAsset.values().stream().mapToDouble(Double::doubleValue).sum();
            totalBasis = TotalBasis.SUM_OF_ASSETS;
        } else {
            cryptoTotal = null;
            totalBasis = TotalBasis.NONE;
        }
        // gross flows from one breakdown only: ASSET and REGION describe the same money
        Map<String, Double> grossFrom = !netByAsset.isEmpty() ? netByAsset : netByRegion;
        grossBasis =
                !netByAsset.isEmpty()
                        ? GrossBasis.ASSET
                        : !netByRegion.isEmpty() ? GrossBasis.REGION : GrossBasis.NONE;
        double in = 0;
        double out = 0;
        for (double v : grossFrom.values()) {
            if (v > 0) {
                in += v;
            } else {
                out -= v;
            }
        }
        grossInflows = in;
        grossOutflows = out;

        // the trailing history holds the primary scope's figures: another scope is not compared
        // with it
        Map<String, Double> scored = isPrimaryScope() ? netByAsset : Map.of();
        scored.forEach(
                (a, v) -> {
                    Double z = this.history.zScore(Series.flowAsset(a), v, window.start());
                    if (z != null) {
                        flowZByAsset.put(a, z);
                    }
                });
        this.prices.values().forEach(p -> priceSources.addAll(p.sources()));
        this.volumes.forEach(
                (i, v) -> {
                    volumeSources.addAll(v.sources());
                    Double mean =
                            this.history
                                    .baseline(Series.volumeBase(i), window.start())
                                    .meanOrNull();
                    if (mean != null && mean > 0) {
                        volumeRatios.put(i, v.totalBase() / mean);
                    }
                });
        this.metals.forEach(
                (m, mm) -> {
                    metalSources.addAll(mm.sources());
                    if (mm.volumeOz() != null) {
                        Double mean =
                                this.history
                                        .baseline(Series.metalVolume(m), window.start())
                                        .meanOrNull();
                        if (mean != null && mean > 0) {
                            metalVolumeRatios.put(m, mm.volumeOz() / mean);
                        }
                    }
                });

        if (totalFlow != null) {
            disagreement(BREAKDOWN_ASSET, netByAsset);
            disagreement(BREAKDOWN_REGION, netByRegion);
        }

        leg(LEG_FLOWS, totalFlow != null || !assetFlows.isEmpty() || !regionFlows.isEmpty());
        leg(LEG_TOTAL, totalFlow != null);
        leg(LEG_ASSET_BREAKDOWN, !assetFlows.isEmpty());
        leg(LEG_REGION_BREAKDOWN, !regionFlows.isEmpty());
        leg(LEG_PRICES, !this.prices.isEmpty());
        leg(LEG_VOLUMES, !this.volumes.isEmpty());
        leg(LEG_METALS, !this.metals.isEmpty());
    }

    /**
     * @param history the trailing history of earlier FINAL windows; null for none
     * @param groups the asset groups whose net flows the snapshot sums
     */
    public static WindowSnapshot of(
            EventWindow window,
            Collection<FlowMetrics> flows,
            Map<String, PriceMetrics> prices,
            Map<String, VolumeMetrics> volumes,
            Map<String, MetalMetrics> metals,
            TrailingHistory history,
            AssetGroups groups) {
        return of(window, flows, prices, volumes, metals, history, groups, List.of());
    }

    /**
     * A snapshot with the institutional positions reported in the window (by {@code
     * <holder>|<instrument>}); positions from earlier FINAL windows come from the history.
     */
    public static WindowSnapshot of(
            EventWindow window,
            Collection<FlowMetrics> flows,
            Map<String, PriceMetrics> prices,
            Map<String, VolumeMetrics> volumes,
            Map<String, MetalMetrics> metals,
            Map<String, ExposureMetrics> exposures,
            TrailingHistory history,
            AssetGroups groups,
            List<IncompleteReport> incompleteReports) {
        return of(
                window,
                flows,
                prices,
                volumes,
                metals,
                exposures,
                history,
                groups,
                incompleteReports,
                FlowSources.defaults());
    }

    /**
     * The full factory: as above, with the sources as configured ({@link FlowSources}), which say
     * which scope the rules read and how the other sources are compared with it.
     */
    public static WindowSnapshot of(
            EventWindow window,
            Collection<FlowMetrics> flows,
            Map<String, PriceMetrics> prices,
            Map<String, VolumeMetrics> volumes,
            Map<String, MetalMetrics> metals,
            Map<String, ExposureMetrics> exposures,
            TrailingHistory history,
            AssetGroups groups,
            List<IncompleteReport> incompleteReports,
            FlowSources catalogue) {
        return new WindowSnapshot(
                window,
                flows,
                prices,
                volumes,
                metals,
                exposures,
                history,
                groups,
                incompleteReports,
                catalogue);
    }

    /**
     * A snapshot whose flows include reports counted before all their rows arrived.
     *
     * @param incompleteReports those reports (empty: every report counted is complete)
     */
    public static WindowSnapshot of(
            EventWindow window,
            Collection<FlowMetrics> flows,
            Map<String, PriceMetrics> prices,
            Map<String, VolumeMetrics> volumes,
            Map<String, MetalMetrics> metals,
            TrailingHistory history,
            AssetGroups groups,
            List<IncompleteReport> incompleteReports) {
        return of(
                window,
                flows,
                prices,
                volumes,
                metals,
                Map.of(),
                history,
                groups,
                incompleteReports);
    }

    /**
     * The close of the window right before {@code w} from a history series (price.close or
     * metal.close), or null when that window has no value: the topology passes it to {@link
     * PriceAccumulator#toMetrics} and {@link MetalAccumulator#toMetrics}.
     */
    public static Double previousClose(TrailingHistory history, String series, EventWindow w) {
        TrailingHistory.Point p = history.lastBefore(series, w.start());
        return p != null && p.end() == w.start() ? p.value() : null;
    }

    private void disagreement(String breakdown, Map<String, Double> net) {
        if (net.isEmpty()) {
            return;
        }
        double sum = net.values().stream().mapToDouble(Double::doubleValue).sum();
        double gross = net.values().stream().mapToDouble(Math::abs).sum();
        double total = totalFlow.netFlowUsd();
        if (Math.abs(sum - total) > BREAKDOWN_TOLERANCE * Math.max(Math.abs(total), gross)) {
            breakdownDisagreements.add(new BreakdownDisagreement(breakdown, sum, total));
        }
    }

    private void leg(String name, boolean present) {
        (present ? presentLegs : missingLegs).add(name);
    }

    /**
     * Two metrics of the same key (the topology keeps one per key; a caller may pass more): their
     * rows together, as one key's rows combine ({@link FlowMetrics#of}); without rows, the first.
     */
    private FlowMetrics merge(FlowMetrics a, FlowMetrics b) {
        if (a == null) {
            return b;
        }
        if (a.rows().isEmpty() || b.rows().isEmpty()) {
            return a;
        }
        List<FlowRow> rows = new java.util.ArrayList<>(a.rows());
        rows.addAll(b.rows());
        return FlowMetrics.of(a.breakdown(), a.key(), rows, a.revised() || b.revised(), catalogue);
    }

    /**
     * Appends this window's values to every series; the topology calls it once the window is FINAL.
     */
    public void appendTo(TrailingHistory h) {
        reportedExposures.values().forEach(h::recordPosition);
        // flow series keep the primary scope only, so baselines compare like with like
        if (isPrimaryScope()) {
            netByAsset.forEach((a, v) -> h.append(Series.flowAsset(a), window, v));
            netByRegion.forEach((r, v) -> h.append(Series.flowRegion(r), window, v));
            netByGroup.forEach((g, v) -> h.append(Series.flowGroup(g), window, v));
            if (cryptoTotal != null) {
                h.append(Series.CRYPTO_TOTAL, window, cryptoTotal);
            }
        }
        h.append(Series.ILLUSTRATIVE_INPUTS, window, illustrativeInputs() ? 1 : 0);
        prices.forEach(
                (i, p) -> {
                    h.append(Series.priceClose(i), window, p.lastClose());
                    h.append(Series.priceReturn(i), window, p.windowReturn());
                    if (p.realisedVolatility() != null) {
                        h.append(Series.priceVol(i), window, p.realisedVolatility());
                    }
                });
        volumes.forEach(
                (i, v) -> {
                    h.append(Series.volumeBase(i), window, v.totalBase());
                    if (v.totalUsd() != null) {
                        h.append(Series.volumeUsd(i), window, v.totalUsd());
                    }
                });
        metals.forEach(
                (m, mm) -> {
                    h.append(Series.metalClose(m), window, mm.lastSpot());
                    h.append(Series.metalReturn(m), window, mm.windowReturn());
                    if (mm.volumeOz() != null) {
                        h.append(Series.metalVolume(m), window, mm.volumeOz());
                    }
                    if (mm.productFlowUsd() != null) {
                        h.append(Series.metalProductFlow(m), window, mm.productFlowUsd());
                    }
                });
    }

    // ------------------------------------------------------------------ sources

    /** The sources as configured. */
    public FlowSources sources() {
        return catalogue;
    }

    /**
     * The scope of the figures the rules read ({@link FlowSources#headlineScope}); null without
     * flows.
     */
    public String headlineScope() {
        return headlineScope;
    }

    /**
     * Whether the rules read the primary scope (or there are no flows): only then do flow figures
     * go to, and get compared with, the trailing history.
     */
    public boolean isPrimaryScope() {
        return headlineScope == null || headlineScope.equals(catalogue.primaryScope());
    }

    /** Every source with flow rows in the window, whether the rules read it or not. */
    public Set<String> allFlowSources() {
        return Collections.unmodifiableSet(allFlowSources);
    }

    /**
     * Whether any figure the rules read in this window (flows, prices, volumes, metals) comes from
     * an illustrative source.
     */
    public boolean illustrativeInputs() {
        return java.util.stream.Stream.of(flowSources, priceSources, volumeSources, metalSources)
                .flatMap(Set::stream)
                .anyMatch(catalogue::isIllustrative);
    }

    /**
     * Whether any trailing window the baselines, z-scores and correlations draw on had an input
     * from an illustrative source ({@link #illustrativeInputs} recorded when it closed).
     */
    public boolean illustrativeInHistory() {
        return history.points(Series.ILLUSTRATIVE_INPUTS).stream()
                .anyMatch(p -> p.start() < window.start() && p.value() > 0);
    }

    /**
     * What each source says of a set of assets (the ASSET breakdown), against the rules' figure:
     * the sum of each source's figures over the assets it covers ({@link FlowSource#assets}) that
     * the rules' figure includes, and its coverage (mean over those assets of the share of the
     * window's trading days with a row). Sources that report none of them are left out.
     *
     * @param leg the leg's name, as subjects name it ({@code group:mainstream})
     * @return null when the rules' scope reports none of the assets
     */
    public SourceAgreement.Leg legAgreement(String leg, Collection<String> assets) {
        List<String> included = assets.stream().filter(netByAsset::containsKey).toList();
        if (included.isEmpty()) {
            return null;
        }
        Map<String, List<FlowMetrics.SourceFigure>> bySource = new TreeMap<>();
        for (String a : included) {
            for (FlowMetrics.SourceFigure f : assetFigures.getOrDefault(a, Map.of()).values()) {
                bySource.computeIfAbsent(f.source(), x -> new java.util.ArrayList<>()).add(f);
            }
        }
        return agreement(leg, bySource, included);
    }

    /**
     * What each source says of the crypto total: its TOTAL row when it publishes one, else the sum
     * of its ASSET rows (over the assets it covers); coverage as for {@link #legAgreement}.
     *
     * @return null when the rules have no crypto total
     */
    public SourceAgreement.Leg totalAgreement(String leg) {
        if (cryptoTotal == null) {
            return null;
        }
        Map<String, List<FlowMetrics.SourceFigure>> bySource = new TreeMap<>();
        totalFigures.forEach((source, f) -> bySource.put(source, List.of(f)));
        assetFigures.forEach(
                (asset, figures) ->
                        figures.values().stream()
                                .filter(f -> !totalFigures.containsKey(f.source()))
                                .forEach(
                                        f ->
                                                bySource.computeIfAbsent(
                                                                f.source(),
                                                                x -> new java.util.ArrayList<>())
                                                        .add(f)));
        return agreement(leg, bySource, null);
    }

    private SourceAgreement.Leg agreement(
            String leg,
            Map<String, List<FlowMetrics.SourceFigure>> bySource,
            List<String> assetsOfLeg) {
        String headlineSource =
                flowSources.stream()
                        .filter(bySource::containsKey)
                        .min(catalogue.preference())
                        .orElse(null);
        if (headlineSource == null) {
            return null;
        }
        SourceAgreement.Figure headline = null;
        List<SourceAgreement.Figure> others = new java.util.ArrayList<>();
        for (Map.Entry<String, List<FlowMetrics.SourceFigure>> e : bySource.entrySet()) {
            FlowSource source = catalogue.of(e.getKey());
            SourceAgreement.Figure f = figure(source, e.getValue(), assetsOfLeg);
            if (f == null) {
                continue;
            }
            if (e.getKey().equals(headlineSource)) {
                headline = f;
            } else {
                others.add(f);
            }
        }
        return headline == null
                ? null
                : SourceAgreement.of(leg, headline, others, catalogue.agreementTolerance());
    }

    /**
     * One source's figure on a leg from its figures of the leg's keys; null when it covers none of
     * the leg's assets.
     */
    private SourceAgreement.Figure figure(
            FlowSource source, List<FlowMetrics.SourceFigure> figures, List<String> assetsOfLeg) {
        List<String> expectedAssets =
                assetsOfLeg != null
                        ? assetsOfLeg.stream().filter(source::covers).toList()
                        : source.assets().isEmpty() ? List.of() : List.copyOf(source.assets());
        if (assetsOfLeg != null && expectedAssets.isEmpty()) {
            return null;
        }
        double net = 0;
        for (FlowMetrics.SourceFigure f : figures) {
            net += f.netFlowUsd();
        }
        List<java.time.LocalDate> tradingDays = source.tradingDays(window);
        if (source.cadence() != FlowSource.Cadence.DAILY || tradingDays.isEmpty()) {
            return new SourceAgreement.Figure(source, net, 1, 0, 0);
        }
        // coverage per expected asset: the share of trading days with a row of that asset
        Map<String, Set<java.time.LocalDate>> daysByAsset = new TreeMap<>();
        assetFigures.forEach(
                (asset, byS) -> {
                    FlowMetrics.SourceFigure f = byS.get(source.name());
                    if (f != null) {
                        daysByAsset.put(asset, f.days());
                    }
                });
        List<String> assets =
                expectedAssets.isEmpty() ? List.copyOf(daysByAsset.keySet()) : expectedAssets;
        double coverage = 0;
        Set<java.time.LocalDate> anyDay = new TreeSet<>();
        SortedMap<String, Integer> coveredByAsset = new TreeMap<>();
        for (String a : assets) {
            Set<java.time.LocalDate> days = daysByAsset.getOrDefault(a, Set.of());
            coverage += source.coverage(window, days);
            anyDay.addAll(days);
            coveredByAsset.put(a, (int) tradingDays.stream().filter(days::contains).count());
        }
        coverage = assets.isEmpty() ? 1 : coverage / assets.size();
        int covered = (int) tradingDays.stream().filter(anyDay::contains).count();
        return new SourceAgreement.Figure(
                source, net, coverage, covered, tradingDays.size(), coveredByAsset);
    }

    // ------------------------------------------------------------------ accessors

    public EventWindow window() {
        return window;
    }

    public TrailingHistory history() {
        return history;
    }

    public Map<String, Double> netByAsset() {
        return Collections.unmodifiableMap(netByAsset);
    }

    public Map<String, Double> netByRegion() {
        return Collections.unmodifiableMap(netByRegion);
    }

    public Map<String, Double> netByGroup() {
        return Collections.unmodifiableMap(netByGroup);
    }

    public Double assetNet(String asset) {
        return netByAsset.get(asset);
    }

    public Double regionNet(String region) {
        return netByRegion.get(region);
    }

    /** Sum of the group's assets from the ASSET breakdown; null when none of them is reported. */
    public Double groupNet(String group) {
        return netByGroup.get(group);
    }

    public FlowMetrics assetFlow(String asset) {
        return assetFlows.get(asset);
    }

    public FlowMetrics regionFlow(String region) {
        return regionFlows.get(region);
    }

    public FlowMetrics totalFlow() {
        return totalFlow;
    }

    public boolean hasAssetBreakdown() {
        return !assetFlows.isEmpty();
    }

    public boolean hasRegionBreakdown() {
        return !regionFlows.isEmpty();
    }

    public Double cryptoTotal() {
        return cryptoTotal;
    }

    public TotalBasis totalBasis() {
        return totalBasis;
    }

    public double grossInflows() {
        return grossInflows;
    }

    /** Gross outflows as a positive number. */
    public double grossOutflows() {
        return grossOutflows;
    }

    public GrossBasis grossBasis() {
        return grossBasis;
    }

    /**
     * Sum of the region rows (null when none): compare with the total to see whether regions are
     * exhaustive.
     */
    public Double regionSum() {
        return netByRegion.isEmpty()
                ? null
                : netByRegion.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Gross outflows of the ASSET breakdown alone (positive), 0 when absent. */
    public double assetGrossOutflows() {
        return netByAsset.values().stream().filter(v -> v < 0).mapToDouble(v -> -v).sum();
    }

    /** Gross outflows of the REGION breakdown alone (positive), 0 when absent. */
    public double regionGrossOutflows() {
        return netByRegion.values().stream().filter(v -> v < 0).mapToDouble(v -> -v).sum();
    }

    public Double flowZScore(String asset) {
        return flowZByAsset.get(asset);
    }

    public Map<String, Double> flowZScores() {
        return Collections.unmodifiableMap(flowZByAsset);
    }

    public Map<String, PriceMetrics> prices() {
        return prices;
    }

    public PriceMetrics price(String instrument) {
        return prices.get(instrument);
    }

    public Map<String, VolumeMetrics> volumes() {
        return volumes;
    }

    public VolumeMetrics volume(String instrument) {
        return volumes.get(instrument);
    }

    public Map<String, MetalMetrics> metals() {
        return metals;
    }

    public MetalMetrics metal(String metal) {
        return metals.get(metal);
    }

    /**
     * The institutional positions standing in this window, by {@code <holder>|<instrument>}: the
     * latest report of each, from this window or an earlier FINAL one, as reported (not marked).
     */
    public Map<String, ExposureMetrics> positions() {
        return positions;
    }

    /** Window volume (base units) over its trailing mean; null without history. */
    public Double volumeRatio(String instrument) {
        return volumeRatios.get(instrument);
    }

    /** Metal volume over its trailing mean; null without volume or history. */
    public Double metalVolumeRatio(String metal) {
        return metalVolumeRatios.get(metal);
    }

    public Set<String> flowSources() {
        return Collections.unmodifiableSet(flowSources);
    }

    public Set<String> priceSources() {
        return Collections.unmodifiableSet(priceSources);
    }

    public Set<String> volumeSources() {
        return Collections.unmodifiableSet(volumeSources);
    }

    public Set<String> metalSources() {
        return Collections.unmodifiableSet(metalSources);
    }

    public Set<String> presentLegs() {
        return Collections.unmodifiableSet(presentLegs);
    }

    public Set<String> missingLegs() {
        return Collections.unmodifiableSet(missingLegs);
    }

    public boolean hasLeg(String leg) {
        return presentLegs.contains(leg);
    }

    public boolean anyFlowRevised() {
        return anyFlowRevised;
    }

    /**
     * Reports whose rows the flows include although not all of them arrived before the settle
     * timeout; empty when every report counted is complete.
     */
    /**
     * Rows left out because finer rows of the same source overlap their period, one line each
     * ({@link FlowMetrics#overlaps}); empty when none.
     */
    public List<String> overlappingPeriods() {
        return Collections.unmodifiableList(overlappingPeriods);
    }

    /**
     * The breakdowns whose rows miss the reported total by more than {@link #BREAKDOWN_TOLERANCE};
     * empty when they agree or there is no total.
     */
    public List<BreakdownDisagreement> breakdownDisagreements() {
        return Collections.unmodifiableList(breakdownDisagreements);
    }

    /** True when the given breakdown disagrees with the reported total. */
    public boolean disagrees(String breakdown) {
        return breakdownDisagreements.stream().anyMatch(d -> d.breakdown().equals(breakdown));
    }

    public List<IncompleteReport> incompleteReports() {
        return incompleteReports;
    }

    /** Trailing baseline of a series over the windows before this one. */
    public TrailingHistory.Baseline baseline(String series) {
        return history.baseline(series, window.start());
    }

    /** z-score of a value against the windows before this one; null when n < 2 or stdev == 0. */
    public Double zScore(String series, double value) {
        return history.zScore(series, value, window.start());
    }

    /** Number of trailing windows behind a series' baseline. */
    public int historyDepth(String series) {
        return history.baseline(series, window.start()).n();
    }

    /**
     * Pairs of two series over the trailing windows where both have a value, plus this window's
     * pair when both current values are given: {x[], y[]} for a trailing correlation.
     */
    public double[][] alignedPairs(
            String seriesX, Double currentX, String seriesY, Double currentY) {
        Map<Long, Double> xs = new TreeMap<>();
        for (TrailingHistory.Point p : history.points(seriesX)) {
            if (p.start() < window.start()) {
                xs.put(p.start(), p.value());
            }
        }
        Map<Long, double[]> pairs = new TreeMap<>();
        for (TrailingHistory.Point p : history.points(seriesY)) {
            Double x = xs.get(p.start());
            if (x != null) {
                pairs.put(p.start(), new double[] {x, p.value()});
            }
        }
        if (currentX != null && currentY != null) {
            pairs.put(window.start(), new double[] {currentX, currentY});
        }
        double[] x = new double[pairs.size()];
        double[] y = new double[pairs.size()];
        int i = 0;
        for (double[] p : pairs.values()) {
            x[i] = p[0];
            y[i] = p[1];
            i++;
        }
        return new double[][] {x, y};
    }

    @Override
    public String toString() {
        return "WindowSnapshot"
                + window
                + " total="
                + cryptoTotal
                + " ("
                + totalBasis
                + "), assets="
                + netByAsset
                + ", regions="
                + netByRegion
                + ", prices="
                + prices.keySet()
                + ", metals="
                + metals.keySet()
                + ", missing="
                + missingLegs;
    }
}
