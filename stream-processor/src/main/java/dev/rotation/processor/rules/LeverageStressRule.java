package dev.rotation.processor.rules;

import dev.rotation.model.Caveat;
import dev.rotation.model.Evidence;
import dev.rotation.model.SignalType;
import dev.rotation.processor.analytics.Assets;
import dev.rotation.processor.analytics.ExposureMetrics;
import dev.rotation.processor.analytics.LeverageThresholds;
import dev.rotation.processor.analytics.MarkToMarket;
import dev.rotation.processor.analytics.Series;
import dev.rotation.processor.analytics.WindowSnapshot;
import dev.rotation.processor.confidence.Caveats;
import dev.rotation.processor.confidence.ConfidenceInputs;
import dev.rotation.processor.confidence.ConfidenceModel;
import dev.rotation.processor.confidence.Money;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * LEVERAGE_STRESS, one detection per leveraged institutional position: marked to market in the
 * window ({@link MarkToMarket}), its price stands at least {@code rule.leverage.min-loss} below the
 * entry price. Only positions with a known leverage above 1 and a known entry price are judged;
 * positions reported more than {@code exposure.max-age} before the window's end are stale.
 *
 * <p>Strength = min(1, price loss x leverage / {@code rule.leverage.full-strength-equity-loss}) x
 * (1 + {@code rule.leverage.regime-boost})<sup>k</sup>, capped at 1, where k counts the regime
 * conditions present: the underlying asset's products net an outflow in the window, and
 * CASCADE_RISK holds on the underlying's instrument. Breadth = the legs that agree (the loss, the
 * outflow, the cascade) over the legs known. Subjects: {@code holder:<H>}, {@code instrument:<I>}.
 */
public final class LeverageStressRule extends AbstractSignalRule {

    private final LeverageThresholds thresholds;
    private final Assets assets;
    private final MarkToMarket marks;
    private final CascadeRiskRule cascade;

    /**
     * @param cascade the CASCADE_RISK rule whose conditions strengthen the reading
     */
    public LeverageStressRule(
            LeverageThresholds thresholds,
            Assets assets,
            MarkToMarket marks,
            CascadeRiskRule cascade,
            ConfidenceModel model) {
        super(model);
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
        this.assets = Objects.requireNonNull(assets, "assets");
        this.marks = Objects.requireNonNull(marks, "marks");
        this.cascade = Objects.requireNonNull(cascade, "cascade");
    }

    @Override
    public SignalType type() {
        return SignalType.LEVERAGE_STRESS;
    }

    @Override
    public List<Detection> evaluate(WindowSnapshot s) {
        long staleBefore = s.window().end() - thresholds.maxPositionAge().toMillis();
        List<Detection> out = new ArrayList<>();
        Set<String> cascading = null;
        for (ExposureMetrics p : s.positions().values()) {
            if (!p.leveraged() || p.costBasisUsd() == null || p.asOf() < staleBefore) {
                continue;
            }
            MarkToMarket.Marked m = marks.mark(p, s);
            if (m.unrealisedReturn() == null || -m.unrealisedReturn() < thresholds.minLoss()) {
                continue;
            }
            if (cascading == null) {
                cascading = new TreeSet<>();
                for (Detection d : cascade.evaluate(s)) {
                    cascading.addAll(d.subjects());
                }
            }
            out.add(detect(s, m, cascading));
        }
        return out;
    }

    private Detection detect(WindowSnapshot s, MarkToMarket.Marked m, Set<String> cascading) {
        ExposureMetrics p = m.position();
        double loss = -m.unrealisedReturn();
        double equityLoss = -m.equityReturn();
        String underlyingInstrument = assets.instrumentFor(p.underlying());
        Double assetNet = s.assetNet(p.underlying());
        boolean outflow = assetNet != null && assetNet < 0;
        boolean cascadeRisk = cascading.contains("instrument:" + underlyingInstrument);

        Set<String> positionSource = Set.of(p.source());
        Set<String> markSources = new TreeSet<>(positionSource);
        markSources.addAll(m.priceSources());
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(
                plain(
                        "unrealised_return",
                        p.instrument(),
                        m.unrealisedReturn(),
                        -thresholds.minLoss(),
                        markSources));
        evidence.add(plain("leverage", p.key(), p.leverage(), 1.0, positionSource));
        evidence.add(
                plain(
                        "equity_return",
                        p.key(),
                        m.equityReturn(),
                        -thresholds.fullStrengthEquityLoss(),
                        markSources));
        evidence.add(plain("mark_price", p.instrument(), m.price(), null, m.priceSources()));
        evidence.add(plain("entry_price", p.instrument(), p.costBasisUsd(), null, positionSource));
        if (m.marketValueUsd() != null) {
            evidence.add(plain("market_value_usd", p.key(), m.marketValueUsd(), null, markSources));
        }
        if (m.underlyingExposureUsd() != null) {
            evidence.add(
                    plain(
                            "underlying_exposure_usd",
                            "asset:" + p.underlying(),
                            m.underlyingExposureUsd(),
                            null,
                            markSources));
        }
        if (p.indirect() && m.beta() != null) {
            evidence.add(plain("beta", p.instrument(), m.beta(), null, m.priceSources()));
        }
        int available = 2;
        int agree = 1 + (cascadeRisk ? 1 : 0);
        if (assetNet != null) {
            available++;
            agree += outflow ? 1 : 0;
            evidence.add(
                    evidence(
                            s,
                            "net_flow_usd",
                            p.underlying(),
                            assetNet,
                            Series.flowAsset(p.underlying()),
                            0.0,
                            s.assetFlow(p.underlying()).sources()));
        }
        if (cascadeRisk) {
            evidence.add(plain("cascade_risk", underlyingInstrument, 1.0, null, s.flowSources()));
        }

        List<Caveat> caveats = new ArrayList<>();
        caveats.add(Caveats.holderTermsUnknown());
        caveats.add(
                Caveats.positionAsReported(
                        Instant.ofEpochMilli(p.asOf() - 1)
                                .atZone(ZoneOffset.UTC)
                                .toLocalDate()
                                .toString(),
                        p.source()));
        if (!m.priceInWindow()) {
            caveats.add(Caveats.stalePrice(p.instrument()));
        }
        if (assetNet == null) {
            caveats.add(Caveats.missingLeg("ASSET_FLOW"));
        }
        if (outflow || assetNet == null) {
            caveats.addAll(flowCaveats(s));
        }

        double strength =
                strength(thresholds, equityLoss, (outflow ? 1 : 0) + (cascadeRisk ? 1 : 0));
        int sources = weakestSourceCount(positionSource, m.priceSources());
        double completeness = (m.priceInWindow() ? 1 : 0.5) * (assetNet != null ? 1 : 0.75);
        ConfidenceInputs inputs =
                new ConfidenceInputs(
                        strength,
                        agree / (double) available,
                        sources,
                        s.historyDepth(Series.priceReturn(p.instrument())),
                        completeness,
                        null,
                        false);
        return detection(
                List.of("holder:" + p.holder(), "instrument:" + p.instrument()),
                null,
                evidence,
                caveats,
                null,
                inputs,
                explanation(p, m, loss, equityLoss, assetNet, outflow, cascadeRisk));
    }

    /**
     * The strength of a reading: min(1, equityLoss / full-strength equity loss) x (1 +
     * regime-boost)^conditions, capped at 1.
     *
     * @param equityLoss the loss on the holder's capital, price loss x leverage, as a positive
     *     fraction
     * @param conditions how many regime conditions hold (outflow, cascade): 0 to 2
     */
    static double strength(LeverageThresholds t, double equityLoss, int conditions) {
        return ConfidenceInputs.clamp(
                ConfidenceInputs.clamp(equityLoss / t.fullStrengthEquityLoss())
                        * Math.pow(1 + t.regimeBoost(), conditions));
    }

    private static String explanation(
            ExposureMetrics p,
            MarkToMarket.Marked m,
            double loss,
            double equityLoss,
            Double assetNet,
            boolean outflow,
            boolean cascadeRisk) {
        StringBuilder regime = new StringBuilder();
        if (outflow) {
            regime.append(", while ")
                    .append(p.underlying())
                    .append(" investment products saw net outflows of ")
                    .append(Money.usd(-assetNet));
        }
        if (cascadeRisk) {
            regime.append(outflow ? " and" : ", while")
                    .append(" the conditions of a cascade were present");
        }
        return String.format(
                Locale.ROOT,
                "%s (%s): a %.1fx leveraged %s position stood %s below its entry price of $%s at $%s, "
                        + "a loss of about %s of the capital behind it%s; leverage amplifies such moves, but "
                        + "the holder's margin terms and intent are unknown, so this is not a forecast "
                        + "of selling.",
                p.holder(),
                p.holderType().toLowerCase(Locale.ROOT).replace('_', ' '),
                p.leverage(),
                p.instrument(),
                Money.pct(loss),
                Money.price(p.costBasisUsd()),
                Money.price(m.price()),
                Money.pct(equityLoss),
                regime);
    }
}
