package dev.rotation.processor.rules;

import dev.rotation.model.Caveat;
import dev.rotation.model.Evidence;
import dev.rotation.model.Magnitude;
import dev.rotation.model.Scale;
import dev.rotation.processor.analytics.AssetGroups;
import dev.rotation.processor.analytics.FlowMetrics;
import dev.rotation.processor.analytics.RotationGraph;
import dev.rotation.processor.analytics.RotationThresholds;
import dev.rotation.processor.analytics.Series;
import dev.rotation.processor.analytics.StrengthScale;
import dev.rotation.processor.analytics.WindowSnapshot;
import dev.rotation.processor.confidence.Caveats;
import dev.rotation.processor.confidence.ConfidenceInputs;
import dev.rotation.processor.confidence.ConfidenceModel;
import dev.rotation.processor.confidence.Money;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A rotation between two asset groups inside crypto products, read from the ASSET breakdown only:
 * the leaving group's net flow is an outflow of at least {@code rule.rotation.min-leaving-usd} and
 * at least one asset of the receiving group has a net inflow, together at least {@code
 * rule.rotation.min-receiving-usd}. The receiving leg is the sum of the receiving group's inflowing
 * assets (its outflowing assets lower the breadth, not the leg). Subjects are the two group names,
 * so the signal keeps its id when the receiving assets change between revisions.
 *
 * <p>With a {@link RotationGraph}, the RS-Ratio and RS-Momentum of each asset of both legs in this
 * window are added as supporting evidence (subject {@code A/benchmark}, threshold 100: the quadrant
 * is read from which side of 100 each lies on). They do not change the score.
 */
public abstract class GroupRotationRule extends AbstractSignalRule {

    private final RotationThresholds thresholds;
    private final AssetGroups groups;
    private final StrengthScale strengthScale;
    private final String leavingGroup;
    private final String receivingGroup;
    private final RotationGraph graph;

    /**
     * @param graph the relative rotation graph whose points of the legs' assets are added as
     *     evidence; null for none
     */
    protected GroupRotationRule(
            RotationThresholds thresholds,
            AssetGroups groups,
            StrengthScale strengthScale,
            ConfidenceModel model,
            String leavingGroup,
            String receivingGroup,
            RotationGraph graph) {
        super(model);
        this.graph = graph;
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
        this.groups = Objects.requireNonNull(groups, "groups");
        this.strengthScale = Objects.requireNonNull(strengthScale, "strengthScale");
        this.leavingGroup = leavingGroup;
        this.receivingGroup = receivingGroup;
    }

    @Override
    public List<Detection> evaluate(WindowSnapshot s) {
        if (!s.hasAssetBreakdown()) {
            return List.of();
        }
        Double leavingNet = s.groupNet(leavingGroup);
        if (leavingNet == null || leavingNet >= 0 || -leavingNet < thresholds.minLeavingUsd()) {
            return List.of();
        }
        List<String> receivingAssets = new ArrayList<>();
        double receiving = 0;
        int receivingPresent = 0;
        for (String a : groups.group(receivingGroup)) {
            Double v = s.assetNet(a);
            if (v != null) {
                receivingPresent++;
                if (v > 0) {
                    receivingAssets.add(a);
                    receiving += v;
                }
            }
        }
        if (receivingAssets.isEmpty() || receiving < thresholds.minReceivingUsd()) {
            return List.of();
        }
        double leaving = -leavingNet;
        double ratio = receiving / leaving;
        Scale scale =
                ratio < thresholds.microBelow()
                        ? Scale.MICRO
                        : ratio > thresholds.majorAbove() ? Scale.MAJOR : Scale.MATERIAL;

        Set<String> sources = new TreeSet<>();
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(
                evidence(
                        s,
                        "net_flow_usd",
                        "group:" + leavingGroup,
                        leavingNet,
                        Series.flowGroup(leavingGroup),
                        -thresholds.minLeavingUsd(),
                        s.flowSources()));
        List<String> leavingAssets = new ArrayList<>();
        int leavingPresent = 0;
        int leavingAgree = 0;
        for (String a : groups.group(leavingGroup)) {
            FlowMetrics f = s.assetFlow(a);
            if (f != null) {
                leavingPresent++;
                sources.addAll(f.sources());
                if (f.netFlowUsd() < 0) {
                    leavingAgree++;
                    leavingAssets.add(a);
                }
                evidence.add(
                        evidence(
                                s,
                                "net_flow_usd",
                                a,
                                f.netFlowUsd(),
                                Series.flowAsset(a),
                                null,
                                f.sources()));
            }
        }
        for (String a : receivingAssets) {
            FlowMetrics f = s.assetFlow(a);
            sources.addAll(f.sources());
            evidence.add(
                    evidence(
                            s,
                            "net_flow_usd",
                            a,
                            f.netFlowUsd(),
                            Series.flowAsset(a),
                            null,
                            f.sources()));
        }
        Double receivingGroupNet = s.groupNet(receivingGroup);
        if (receivingGroupNet != null) {
            evidence.add(
                    evidence(
                            s,
                            "net_flow_usd",
                            "group:" + receivingGroup,
                            receivingGroupNet,
                            Series.flowGroup(receivingGroup),
                            null,
                            s.flowSources()));
        }
        evidence.add(
                plain(
                        "rotation_ratio",
                        "group:" + receivingGroup + "/group:" + leavingGroup,
                        ratio,
                        thresholds.microBelow(),
                        sources));
        if (graph != null) {
            List<String> legs = new ArrayList<>(leavingAssets);
            legs.addAll(receivingAssets);
            evidence.addAll(QuadrantTransitionRule.rotationEvidence(graph, s, legs));
        }

        List<Caveat> caveats = new ArrayList<>();
        caveats.add(Caveats.newMoneyVsRotationUnknown());
        caveats.addAll(flowCaveats(s));

        double thresholdStrength =
                Math.min(
                        ConfidenceInputs.thresholdStrength(leaving, thresholds.minLeavingUsd()),
                        ConfidenceInputs.thresholdStrength(
                                receiving, thresholds.minReceivingUsd()));
        double strength =
                strength(
                        strengthScale,
                        thresholdStrength,
                        s.zScore(Series.flowGroup(leavingGroup), leavingNet));
        double breadth =
                (leavingAgree / (double) leavingPresent
                                + receivingAssets.size() / (double) receivingPresent)
                        / 2;
        int history = s.historyDepth(Series.flowGroup(leavingGroup));
        ConfidenceInputs inputs =
                compareSources(
                        s,
                        List.of(
                                s.legAgreement("group:" + leavingGroup, groups.group(leavingGroup)),
                                s.legAgreement("group:" + receivingGroup, receivingAssets)),
                        new ConfidenceInputs(
                                strength, breadth, sources.size(), history, 1.0, null, false),
                        evidence,
                        caveats);

        Magnitude magnitude = new Magnitude(ratio, scale, receiving, leaving);
        String explanation =
                String.format(
                        java.util.Locale.ROOT,
                        "Net outflows of %s from the %s group (%s) coincided with net inflows of %s into the %s group (%s), "
                                + "a ratio of %s: %s, and the data cannot tell new money from rotation.",
                        Money.usd(leaving),
                        leavingGroup,
                        String.join(", ", leavingAssets),
                        Money.usd(receiving),
                        receivingGroup,
                        String.join(", ", receivingAssets),
                        Money.pct(ratio),
                        reading(scale));
        return List.of(
                detection(
                        List.of("group:" + leavingGroup, "group:" + receivingGroup),
                        magnitude,
                        evidence,
                        caveats,
                        null,
                        inputs,
                        explanation));
    }

    private static String reading(Scale scale) {
        return switch (scale) {
            case MICRO -> "a micro-structural adjustment, not a regime change";
            case MATERIAL -> "a material reallocation inside crypto products";
            case MAJOR -> "a major shift in relative flows";
        };
    }
}
