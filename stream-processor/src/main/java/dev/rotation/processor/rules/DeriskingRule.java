package dev.rotation.processor.rules;

import dev.rotation.model.Caveat;
import dev.rotation.model.Evidence;
import dev.rotation.model.SignalType;
import dev.rotation.processor.analytics.Assets;
import dev.rotation.processor.analytics.DeriskingThresholds;
import dev.rotation.processor.analytics.FlowMetrics;
import dev.rotation.processor.analytics.PriceMetrics;
import dev.rotation.processor.analytics.Series;
import dev.rotation.processor.analytics.StrengthScale;
import dev.rotation.processor.analytics.WindowSnapshot;
import dev.rotation.processor.confidence.Caveats;
import dev.rotation.processor.confidence.ConfidenceInputs;
import dev.rotation.processor.confidence.ConfidenceModel;
import dev.rotation.processor.confidence.Money;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * DERISKING, one detection per asset of the ASSET breakdown: on the same asset in the same window,
 * product redemptions (net outflow of at least {@code rule.derisking.min-outflow-usd}), a price
 * pullback (window return at most {@code -rule.derisking.min-pullback}) and rising volume (window
 * volume at least {@code rule.derisking.min-volume-ratio} times its trailing mean). Flow and price
 * are required. When volume or its history is missing the signal still fires with a MISSING_LEG
 * caveat and lower completeness, unless {@code rule.derisking.require-volume=true}; volume that is
 * known and not rising stops it. Subjects: asset:A.
 */
public final class DeriskingRule extends AbstractSignalRule {

    private final DeriskingThresholds thresholds;
    private final Assets assets;
    private final StrengthScale strengthScale;

    public DeriskingRule(
            DeriskingThresholds thresholds,
            Assets assets,
            StrengthScale strengthScale,
            ConfidenceModel model) {
        super(model);
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
        this.assets = Objects.requireNonNull(assets, "assets");
        this.strengthScale = Objects.requireNonNull(strengthScale, "strengthScale");
    }

    @Override
    public SignalType type() {
        return SignalType.DERISKING;
    }

    @Override
    public List<Detection> evaluate(WindowSnapshot s) {
        List<Detection> out = new ArrayList<>();
        for (var e : s.netByAsset().entrySet()) {
            String asset = e.getKey();
            double net = e.getValue();
            if (net >= 0 || -net < thresholds.minOutflowUsd()) {
                continue;
            }
            String instrument = assets.instrumentFor(asset);
            PriceMetrics p = s.price(instrument);
            if (p == null
                    || -p.windowReturn() < thresholds.minPullback()
                    || p.windowReturn() >= 0) {
                continue;
            }
            FlowMetrics f = s.assetFlow(asset);
            List<Caveat> caveats = new ArrayList<>();
            caveats.add(Caveats.algoParticipationUnquantified());
            List<Evidence> evidence = new ArrayList<>();
            evidence.add(
                    evidence(
                            s,
                            "net_flow_usd",
                            asset,
                            net,
                            Series.flowAsset(asset),
                            -thresholds.minOutflowUsd(),
                            f.sources()));
            evidence.add(
                    evidence(
                            s,
                            "window_return",
                            instrument,
                            p.windowReturn(),
                            Series.priceReturn(instrument),
                            -thresholds.minPullback(),
                            p.sources()));
            Double ratio = s.volumeRatio(instrument);
            int available = 2;
            double volumeStrength = 1;
            if (ratio == null) {
                if (thresholds.requireVolume()) {
                    continue;
                }
                caveats.add(
                        Caveats.missingLeg(
                                s.volume(instrument) == null ? "VOLUME" : "VOLUME_HISTORY"));
            } else {
                if (ratio < thresholds.minVolumeRatio()) {
                    continue;
                }
                available++;
                volumeStrength =
                        ConfidenceInputs.thresholdStrength(
                                ratio - 1, thresholds.minVolumeRatio() - 1);
                evidence.add(
                        evidence(
                                s,
                                "volume_ratio",
                                instrument,
                                ratio,
                                null,
                                thresholds.minVolumeRatio(),
                                s.volume(instrument).sources()));
            }
            caveats.addAll(flowCaveats(s));
            double thresholdStrength =
                    Math.min(
                            volumeStrength,
                            Math.min(
                                    ConfidenceInputs.thresholdStrength(
                                            net, thresholds.minOutflowUsd()),
                                    ConfidenceInputs.thresholdStrength(
                                            p.windowReturn(), thresholds.minPullback())));
            double strength = strength(strengthScale, thresholdStrength, s.flowZScore(asset));
            int history = s.historyDepth(Series.flowAsset(asset));
            int sources = weakestSourceCount(f.sources(), p.sources());
            ConfidenceInputs inputs =
                    new ConfidenceInputs(
                            strength, 1.0, sources, history, available / 3.0, null, false);
            String volumeText =
                    ratio == null
                            ? "with no volume comparison available"
                            : String.format(
                                    Locale.ROOT, "on volume %.2fx its trailing average", ratio);
            String explanation =
                    String.format(
                            Locale.ROOT,
                            "Net outflows of %s from %s investment products coincided with %s fall in %s %s, "
                                    + "a pattern consistent with de-risking that this data cannot attribute to particular sellers.",
                            Money.usd(-net),
                            asset,
                            Money.aPct(-p.windowReturn()),
                            instrument,
                            volumeText);
            out.add(
                    detection(
                            List.of("asset:" + asset),
                            null,
                            evidence,
                            caveats,
                            null,
                            inputs,
                            explanation));
        }
        return out;
    }
}
