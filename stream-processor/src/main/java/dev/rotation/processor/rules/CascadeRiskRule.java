package dev.rotation.processor.rules;

import dev.rotation.model.Caveat;
import dev.rotation.model.Evidence;
import dev.rotation.model.SignalType;
import dev.rotation.processor.analytics.AssetGroups;
import dev.rotation.processor.analytics.Assets;
import dev.rotation.processor.analytics.CascadeThresholds;
import dev.rotation.processor.analytics.HistoryDepth;
import dev.rotation.processor.analytics.PriceMetrics;
import dev.rotation.processor.analytics.Series;
import dev.rotation.processor.analytics.StrengthScale;
import dev.rotation.processor.analytics.TrailingHistory;
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
 * CASCADE_RISK, one detection per instrument of the {@code rule.cascade.groups} assets: the
 * conditions of the redemptions / falling prices / trend-following feedback loop are all present.
 * All three are required: (1) at least {@code rule.cascade.min-outflow-windows} consecutive
 * windows, this one included, with a crypto net outflow of at least {@code
 * rule.cascade.min-outflow-usd}; (2) a price breakdown, a window return at most {@code
 * -rule.cascade.min-breakdown}; (3) realised volatility above {@code rule.cascade.min-vol-ratio}
 * times its trailing mean (so it needs volatility history). Volume, when known, is a supporting
 * leg. Subjects: instrument:I.
 */
public final class CascadeRiskRule extends AbstractSignalRule {

    private final CascadeThresholds thresholds;
    private final AssetGroups groups;
    private final Assets assets;
    private final HistoryDepth depth;
    private final StrengthScale strengthScale;

    /**
     * @param depth how far back to count consecutive outflow windows ({@code history.windows})
     */
    public CascadeRiskRule(
            CascadeThresholds thresholds,
            AssetGroups groups,
            Assets assets,
            HistoryDepth depth,
            StrengthScale strengthScale,
            ConfidenceModel model) {
        super(model);
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
        this.groups = Objects.requireNonNull(groups, "groups");
        this.assets = Objects.requireNonNull(assets, "assets");
        this.depth = Objects.requireNonNull(depth, "depth");
        this.strengthScale = Objects.requireNonNull(strengthScale, "strengthScale");
    }

    @Override
    public SignalType type() {
        return SignalType.CASCADE_RISK;
    }

    @Override
    public List<Detection> evaluate(WindowSnapshot s) {
        Double total = s.cryptoTotal();
        if (!isOutflow(total)) {
            return List.of();
        }
        int consecutive = 1;
        long size = s.window().sizeMs();
        long start = s.window().start() - size;
        while (consecutive <= depth.windows()) {
            Double v = s.history().valueAt(Series.CRYPTO_TOTAL, start);
            if (!isOutflow(v)) {
                break;
            }
            consecutive++;
            start -= size;
        }
        if (consecutive < thresholds.minOutflowWindows()) {
            return List.of();
        }
        List<Detection> out = new ArrayList<>();
        for (String group : thresholds.groups()) {
            for (String asset : groups.group(group)) {
                String instrument = assets.instrumentFor(asset);
                PriceMetrics p = s.price(instrument);
                if (p == null
                        || p.windowReturn() >= 0
                        || -p.windowReturn() < thresholds.minBreakdown()
                        || p.realisedVolatility() == null) {
                    continue;
                }
                TrailingHistory.Baseline volBase = s.baseline(Series.priceVol(instrument));
                if (volBase.n() == 0 || !(volBase.mean() > 0)) {
                    continue;
                }
                double vol = p.realisedVolatility();
                double volRatio = vol / volBase.mean();
                if (volRatio <= thresholds.minVolRatio()) {
                    continue;
                }
                List<Caveat> caveats = new ArrayList<>();
                caveats.add(Caveats.algoParticipationUnquantified());
                caveats.add(Caveats.parallelMacroResponsePossible());
                List<Evidence> evidence = new ArrayList<>();
                evidence.add(
                        plain(
                                "consecutive_outflow_windows",
                                "crypto:total",
                                consecutive,
                                (double) thresholds.minOutflowWindows(),
                                s.flowSources()));
                evidence.add(
                        evidence(
                                s,
                                "net_flow_usd",
                                "crypto:total",
                                total,
                                Series.CRYPTO_TOTAL,
                                -thresholds.minOutflowUsd(),
                                s.flowSources()));
                evidence.add(
                        evidence(
                                s,
                                "window_return",
                                instrument,
                                p.windowReturn(),
                                Series.priceReturn(instrument),
                                -thresholds.minBreakdown(),
                                p.sources()));
                evidence.add(
                        evidence(
                                s,
                                "realised_volatility",
                                instrument,
                                vol,
                                Series.priceVol(instrument),
                                thresholds.minVolRatio() * volBase.mean(),
                                p.sources()));
                int available = 3;
                int agree = 3;
                Double volumeRatio = s.volumeRatio(instrument);
                if (volumeRatio == null) {
                    caveats.add(
                            Caveats.missingLeg(
                                    s.volume(instrument) == null ? "VOLUME" : "VOLUME_HISTORY"));
                } else {
                    available++;
                    agree += volumeRatio >= 1 ? 1 : 0;
                    evidence.add(
                            plain(
                                    "volume_ratio",
                                    instrument,
                                    volumeRatio,
                                    1.0,
                                    s.volume(instrument).sources()));
                }
                caveats.addAll(flowCaveats(s));
                double thresholdStrength =
                        Math.min(
                                ConfidenceInputs.thresholdStrength(
                                        p.windowReturn(), thresholds.minBreakdown()),
                                ConfidenceInputs.thresholdStrength(
                                        volRatio, Math.max(1, thresholds.minVolRatio())));
                double strength =
                        strength(
                                strengthScale,
                                thresholdStrength,
                                s.zScore(Series.priceVol(instrument), vol));
                int history = Math.min(s.historyDepth(Series.CRYPTO_TOTAL), volBase.n());
                int sources = weakestSourceCount(s.flowSources(), p.sources());
                ConfidenceInputs inputs =
                        new ConfidenceInputs(
                                strength,
                                agree / (double) available,
                                sources,
                                history,
                                available / 4.0,
                                null,
                                false);
                String explanation =
                        String.format(
                                Locale.ROOT,
                                "A run of %d consecutive windows of net crypto fund outflows (%s in this one) coincided with %s fall "
                                        + "in %s and realised volatility at %.2fx its trailing average: the conditions of a "
                                        + "redemption and trend-following feedback loop are present, which does not show that one is under way.",
                                consecutive,
                                Money.usd(total),
                                Money.aPct(-p.windowReturn()),
                                instrument,
                                volRatio);
                out.add(
                        detection(
                                List.of("instrument:" + instrument),
                                null,
                                evidence,
                                caveats,
                                null,
                                inputs,
                                explanation));
            }
        }
        return out;
    }

    private boolean isOutflow(Double v) {
        return v != null && v < 0 && -v >= thresholds.minOutflowUsd();
    }
}
