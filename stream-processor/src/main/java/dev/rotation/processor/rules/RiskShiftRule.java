package dev.rotation.processor.rules;

import dev.rotation.model.Caveat;
import dev.rotation.model.Correlation;
import dev.rotation.model.Evidence;
import dev.rotation.processor.analytics.AssetGroups;
import dev.rotation.processor.analytics.MetalMetrics;
import dev.rotation.processor.analytics.RiskShiftThresholds;
import dev.rotation.processor.analytics.Series;
import dev.rotation.processor.analytics.StrengthScale;
import dev.rotation.processor.analytics.WindowSnapshot;
import dev.rotation.processor.confidence.Caveats;
import dev.rotation.processor.confidence.ConfidenceInputs;
import dev.rotation.processor.confidence.ConfidenceModel;
import dev.rotation.processor.confidence.Money;
import dev.rotation.processor.confidence.TrailingCorrelation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The crypto/safe-haven "teeter-totter", one detection per metal of the {@code safe-haven} group.
 * Risk-off: the crypto total is a net outflow of at least {@code
 * rule.risk-shift.min-crypto-flow-usd} while the metal's window return is at least {@code
 * rule.risk-shift.min-metal-return}; risk-on is the mirror image. The metal's volume (against its
 * trailing mean) and its product flows are supporting legs: when neither is known the signal fires
 * with MISSING_LEG caveats and lower completeness; when at least one is known, at least one must
 * agree. A trailing Pearson correlation between the crypto total and the metal's return (history
 * windows plus this one, n >= confidence.correlation.min-samples) is reported with its 95% Fisher-z
 * interval; a negative one supports the reading. Subjects: crypto:total, metal:M.
 */
public abstract class RiskShiftRule extends AbstractSignalRule {

    private final RiskShiftThresholds thresholds;
    private final AssetGroups groups;
    private final StrengthScale strengthScale;

    /** -1 for risk-off (crypto out, metal up), +1 for risk-on (crypto in, metal down). */
    private final int cryptoSign;

    protected RiskShiftRule(
            RiskShiftThresholds thresholds,
            AssetGroups groups,
            StrengthScale strengthScale,
            ConfidenceModel model,
            int cryptoSign) {
        super(model);
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
        this.groups = Objects.requireNonNull(groups, "groups");
        this.strengthScale = Objects.requireNonNull(strengthScale, "strengthScale");
        this.cryptoSign = cryptoSign;
    }

    @Override
    public List<Detection> evaluate(WindowSnapshot s) {
        Double total = s.cryptoTotal();
        if (total == null || cryptoSign * total < thresholds.minCryptoFlowUsd() || total == 0) {
            return List.of();
        }
        List<Detection> out = new ArrayList<>();
        for (String m : new TreeSet<>(groups.group("safe-haven"))) {
            MetalMetrics mm = s.metal(m);
            if (mm == null) {
                continue;
            }
            double ret = mm.windowReturn();
            if (-cryptoSign * ret < thresholds.minMetalReturn() || ret == 0) {
                continue;
            }
            int available = 2;
            int agree = 2;
            List<Caveat> caveats = new ArrayList<>();
            caveats.add(Caveats.noCrossMarketFlowTracking());
            caveats.add(Caveats.parallelMacroResponsePossible());
            List<Evidence> evidence = new ArrayList<>();
            evidence.add(
                    evidence(
                            s,
                            "net_flow_usd",
                            "crypto:total",
                            total,
                            Series.CRYPTO_TOTAL,
                            cryptoSign * thresholds.minCryptoFlowUsd(),
                            s.flowSources()));
            evidence.add(
                    evidence(
                            s,
                            "window_return",
                            m,
                            ret,
                            Series.metalReturn(m),
                            -cryptoSign * thresholds.minMetalReturn(),
                            mm.sources()));

            int supportingKnown = 0;
            int supportingAgree = 0;
            Double volumeRatio = s.metalVolumeRatio(m);
            if (mm.volumeOz() == null) {
                caveats.add(Caveats.missingLeg("METAL_VOLUME"));
            } else if (volumeRatio == null) {
                caveats.add(Caveats.missingLeg("METAL_VOLUME_HISTORY"));
            } else {
                supportingKnown++;
                boolean up = volumeRatio >= thresholds.minVolumeRatio();
                supportingAgree += up ? 1 : 0;
                evidence.add(
                        evidence(
                                s,
                                "volume_ratio",
                                m,
                                volumeRatio,
                                null,
                                thresholds.minVolumeRatio(),
                                mm.sources()));
            }
            if (mm.productFlowUsd() == null) {
                caveats.add(Caveats.missingLeg("METAL_PRODUCT_FLOW"));
            } else {
                supportingKnown++;
                boolean agrees = -cryptoSign * mm.productFlowUsd() > 0;
                supportingAgree += agrees ? 1 : 0;
                evidence.add(
                        evidence(
                                s,
                                "product_flow_usd",
                                m,
                                mm.productFlowUsd(),
                                Series.metalProductFlow(m),
                                0.0,
                                mm.sources()));
            }
            if (supportingKnown > 0 && supportingAgree == 0) {
                continue;
            }
            available += supportingKnown;
            agree += supportingAgree;
            caveats.addAll(flowCaveats(s));

            double[][] pairs =
                    s.alignedPairs(Series.CRYPTO_TOTAL, total, Series.metalReturn(m), ret);
            Correlation correlation =
                    TrailingCorrelation.of(
                            "crypto_net_flow~" + m + "_return",
                            pairs[0],
                            pairs[1],
                            model.settings().correlationMinSamples());

            double thresholdStrength =
                    Math.min(
                            ConfidenceInputs.thresholdStrength(
                                    total, thresholds.minCryptoFlowUsd()),
                            ConfidenceInputs.thresholdStrength(ret, thresholds.minMetalReturn()));
            double strength =
                    strength(
                            strengthScale, thresholdStrength, s.zScore(Series.CRYPTO_TOTAL, total));
            int history =
                    Math.min(
                            s.historyDepth(Series.CRYPTO_TOTAL),
                            s.historyDepth(Series.metalReturn(m)));
            // the single-source cap is about the flow leg (one provider's estimate of flows); a
            // metal's price is a market quote, so the flow leg's sources decide it
            ConfidenceInputs inputs =
                    compareSources(
                            s,
                            s.totalAgreement("crypto:total"),
                            new ConfidenceInputs(
                                    strength,
                                    agree / (double) available,
                                    s.flowSources().size(),
                                    history,
                                    available / 4.0,
                                    correlation,
                                    false,
                                    -1),
                            evidence,
                            caveats);

            String explanation =
                    cryptoSign < 0
                            ? String.format(
                                    Locale.ROOT,
                                    "Net outflows of %s from crypto investment products coincided with %s rise in %s "
                                            + "over the same window, a risk-appetite clue rather than evidence that money moved from one market to the other.",
                                    Money.usd(-total),
                                    Money.aPct(ret),
                                    m)
                            : String.format(
                                    Locale.ROOT,
                                    "Net inflows of %s into crypto investment products coincided with %s fall in %s "
                                            + "over the same window, a risk-appetite clue rather than evidence that money moved from one market to the other.",
                                    Money.usd(total),
                                    Money.aPct(-ret),
                                    m);
            out.add(
                    detection(
                            List.of("crypto:total", "metal:" + m),
                            null,
                            evidence,
                            caveats,
                            correlation,
                            inputs,
                            explanation));
        }
        return out;
    }
}
