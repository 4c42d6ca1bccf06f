package dev.rotation.processor.rules;

import dev.rotation.model.Caveat;
import dev.rotation.model.Evidence;
import dev.rotation.model.SignalType;
import dev.rotation.processor.analytics.ConcentrationThresholds;
import dev.rotation.processor.analytics.FlowMetrics;
import dev.rotation.processor.analytics.Series;
import dev.rotation.processor.analytics.WindowSnapshot;
import dev.rotation.processor.confidence.Caveats;
import dev.rotation.processor.confidence.ConfidenceInputs;
import dev.rotation.processor.confidence.ConfidenceModel;
import dev.rotation.processor.confidence.Money;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * CONCENTRATED_OUTFLOW, up to two detections: the largest outflowing region holds at least {@code
 * rule.concentration.share} of the REGION breakdown's gross outflow (subjects region:R), and the
 * largest outflowing asset, or failing that the two largest, hold that share of the ASSET
 * breakdown's gross outflow (subjects asset:A or asset:A, asset:B). The assets named are the
 * smallest set that reaches the share, so a small outflow of a third asset does not change them
 * (nor the signal's id). Each share is taken within its own breakdown; the breakdowns are never
 * added together. A breakdown fires only when its gross outflow is at least {@code
 * rule.concentration.min-gross-outflow-usd}. It reads the composition of one report, so it is an
 * OBSERVATION, not an inference. When the regions do not sum to the reported total (within {@code
 * rule.concentration.region-sum-tolerance}), REGIONS_NOT_EXHAUSTIVE is attached.
 */
public final class ConcentratedOutflowRule extends AbstractSignalRule {

    /** At most this many assets are named: one, or the top two (docs/signals.md). */
    static final int MAX_ASSETS = 2;

    private final ConcentrationThresholds thresholds;

    public ConcentratedOutflowRule(ConcentrationThresholds thresholds, ConfidenceModel model) {
        super(model);
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    }

    @Override
    public SignalType type() {
        return SignalType.CONCENTRATED_OUTFLOW;
    }

    @Override
    public List<Detection> evaluate(WindowSnapshot s) {
        double threshold = thresholds.share();
        double regionGross = s.regionGrossOutflows();
        double assetGross = s.assetGrossOutflows();
        List<Map.Entry<String, Double>> regions = outflowsDescending(s.netByRegion());
        List<Map.Entry<String, Double>> assets = outflowsDescending(s.netByAsset());
        boolean regionQualifies =
                regionGross >= thresholds.minGrossOutflowUsd()
                        && regionGross > 0
                        && !regions.isEmpty()
                        && -regions.get(0).getValue() / regionGross >= threshold;
        List<Map.Entry<String, Double>> topAssets = smallestReaching(assets, assetGross, threshold);
        double topAssetOutflow = -topAssets.stream().mapToDouble(Map.Entry::getValue).sum();
        boolean assetQualifies =
                assetGross >= thresholds.minGrossOutflowUsd()
                        && assetGross > 0
                        && !topAssets.isEmpty();
        int breakdowns = (s.hasRegionBreakdown() ? 1 : 0) + (s.hasAssetBreakdown() ? 1 : 0);
        double breadth =
                breakdowns == 0
                        ? 0
                        : ((regionQualifies ? 1 : 0) + (assetQualifies ? 1 : 0))
                                / (double) breakdowns;

        List<Detection> out = new ArrayList<>();
        if (regionQualifies) {
            String region = regions.get(0).getKey();
            double outflow = -regions.get(0).getValue();
            double share = outflow / regionGross;
            FlowMetrics f = s.regionFlow(region);
            List<Caveat> caveats = new ArrayList<>();
            double completeness = 1.0;
            Double total = s.totalFlow() != null ? s.totalFlow().netFlowUsd() : null;
            double regionSum = s.regionSum();
            if (total == null) {
                caveats.add(Caveats.missingLeg(WindowSnapshot.LEG_TOTAL));
                completeness = 0.75;
            } else if (!s.disagrees(WindowSnapshot.BREAKDOWN_REGION)
                    && Math.abs(regionSum - total)
                            > thresholds.regionSumTolerance() * Math.abs(total)) {
                // regions that contradict the total are not "not itemised": flowCaveats says so
                caveats.add(Caveats.regionsNotExhaustive(regionSum, total));
                completeness = 0.75;
            }
            caveats.addAll(flowCaveats(s));
            List<Evidence> evidence = new ArrayList<>();
            evidence.add(
                    evidence(
                            s,
                            "net_flow_usd",
                            "region:" + region,
                            -outflow,
                            Series.flowRegion(region),
                            null,
                            f.sources()));
            evidence.add(
                    plain(
                            "gross_outflow_usd",
                            "breakdown:REGION",
                            regionGross,
                            thresholds.minGrossOutflowUsd(),
                            s.flowSources()));
            evidence.add(plain("outflow_share", "region:" + region, share, threshold, f.sources()));
            if (total != null) {
                evidence.add(
                        evidence(
                                s,
                                "net_flow_usd",
                                "crypto:total",
                                total,
                                Series.CRYPTO_TOTAL,
                                null,
                                s.totalFlow().sources()));
            }
            ConfidenceInputs inputs =
                    new ConfidenceInputs(
                            ConfidenceInputs.shareStrength(share, threshold),
                            breadth,
                            f.sources().size(),
                            0,
                            completeness,
                            null,
                            true);
            String explanation =
                    String.format(
                            Locale.ROOT,
                            "%s held %s of the %s gross outflow across the itemised regions (%s of it)%s.",
                            region,
                            Money.pct(share),
                            Money.usd(regionGross),
                            Money.usd(outflow),
                            total != null
                                    ? String.format(
                                            Locale.ROOT,
                                            ", against a reported net total of %s",
                                            Money.usd(total))
                                    : "");
            out.add(
                    detection(
                            List.of("region:" + region),
                            null,
                            evidence,
                            caveats,
                            null,
                            inputs,
                            explanation));
        }
        if (assetQualifies) {
            Set<String> sources = new TreeSet<>();
            List<Evidence> evidence = new ArrayList<>();
            List<String> subjects = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (Map.Entry<String, Double> a : topAssets) {
                FlowMetrics f = s.assetFlow(a.getKey());
                sources.addAll(f.sources());
                subjects.add("asset:" + a.getKey());
                names.add(a.getKey());
                evidence.add(
                        evidence(
                                s,
                                "net_flow_usd",
                                a.getKey(),
                                a.getValue(),
                                Series.flowAsset(a.getKey()),
                                null,
                                f.sources()));
            }
            double share = topAssetOutflow / assetGross;
            evidence.add(
                    plain(
                            "gross_outflow_usd",
                            "breakdown:ASSET",
                            assetGross,
                            thresholds.minGrossOutflowUsd(),
                            s.flowSources()));
            evidence.add(
                    plain("outflow_share", String.join("+", names), share, threshold, sources));
            List<Caveat> caveats = new ArrayList<>(flowCaveats(s));
            ConfidenceInputs inputs =
                    new ConfidenceInputs(
                            ConfidenceInputs.shareStrength(share, threshold),
                            breadth,
                            sources.size(),
                            0,
                            1.0,
                            null,
                            true);
            String explanation =
                    String.format(
                            Locale.ROOT,
                            "%s held %s of the %s gross outflow across assets (%s of it).",
                            names.size() == 1
                                    ? names.get(0)
                                    : String.join(" and ", names) + " together",
                            Money.pct(share),
                            Money.usd(assetGross),
                            Money.usd(topAssetOutflow));
            out.add(detection(subjects, null, evidence, caveats, null, inputs, explanation));
        }
        return out;
    }

    /**
     * The fewest of the largest outflows (at most {@link #MAX_ASSETS}) whose sum reaches {@code
     * share} of {@code gross}; empty when even {@link #MAX_ASSETS} of them do not.
     *
     * @param descending outflows (negative values), largest first
     */
    static List<Map.Entry<String, Double>> smallestReaching(
            List<Map.Entry<String, Double>> descending, double gross, double share) {
        double outflow = 0;
        for (int n = 1; n <= Math.min(MAX_ASSETS, descending.size()); n++) {
            outflow -= descending.get(n - 1).getValue();
            if (gross > 0 && outflow / gross >= share) {
                return descending.subList(0, n);
            }
        }
        return List.of();
    }

    private static List<Map.Entry<String, Double>> outflowsDescending(Map<String, Double> net) {
        return net.entrySet().stream()
                .filter(e -> e.getValue() < 0)
                .sorted(
                        Comparator.comparingDouble((Map.Entry<String, Double> e) -> e.getValue())
                                .thenComparing(Map.Entry::getKey))
                .map(e -> Map.entry(e.getKey(), e.getValue()))
                .toList();
    }
}
