package dev.rotation.processor.rules;

import dev.rotation.model.Evidence;
import dev.rotation.processor.analytics.LevelThresholds;
import dev.rotation.processor.analytics.Levels;
import dev.rotation.processor.analytics.PriceMetrics;
import dev.rotation.processor.analytics.Series;
import dev.rotation.processor.analytics.WindowSnapshot;
import dev.rotation.processor.confidence.ConfidenceInputs;
import dev.rotation.processor.confidence.ConfidenceModel;
import dev.rotation.processor.confidence.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A close crossing a configured level ({@code levels.<instrument>}): the previous window's last
 * close against this window's last close, one detection per instrument and level crossed. A plain
 * OBSERVATION. Subjects: instrument:I, level:L.
 *
 * <p>With a hold margin m (hysteresis, for a crossing that already stands) the close may lie back
 * on the old side of the level by up to m of it, and the explanation says so.
 */
public abstract class LevelCrossingRule extends AbstractSignalRule {

    private final Levels levels;
    private final LevelThresholds thresholds;
    private final boolean downwards;
    private final double holdMargin;

    /**
     * @param holdMargin how far back past the level, as a fraction of it, a crossing still counts:
     *     0 for the strict rule, {@code hysteresis.margin} to hold a standing one
     */
    protected LevelCrossingRule(
            Levels levels,
            LevelThresholds thresholds,
            ConfidenceModel model,
            boolean downwards,
            double holdMargin) {
        super(model);
        this.levels = Objects.requireNonNull(levels, "levels");
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
        this.downwards = downwards;
        this.holdMargin = holdMargin;
    }

    @Override
    public List<Detection> evaluate(WindowSnapshot s) {
        List<Detection> out = new ArrayList<>();
        for (String instrument : levels.instruments()) {
            PriceMetrics p = s.price(instrument);
            if (p == null) {
                continue;
            }
            Double prev =
                    p.previousClose() != null
                            ? p.previousClose()
                            : WindowSnapshot.previousClose(
                                    s.history(), Series.priceClose(instrument), s.window());
            if (prev == null) {
                continue;
            }
            double last = p.lastClose();
            for (double level : levels.of(instrument)) {
                boolean crossed =
                        downwards
                                ? prev >= level && last < level * (1 + holdMargin)
                                : prev < level && last >= level * (1 - holdMargin);
                if (!crossed) {
                    continue;
                }
                boolean onNewSideNow = downwards ? last < level : last >= level;
                long onNewSide =
                        p.bucketCloses().stream()
                                .filter(c -> downwards ? c < level : c >= level)
                                .count();
                double breadth =
                        p.bucketCloses().isEmpty()
                                ? 0
                                : onNewSide / (double) p.bucketCloses().size();
                double pastLevel = downwards ? level - last : last - level;
                double strength =
                        ConfidenceInputs.clamp(
                                pastLevel / level / thresholds.fullStrengthDistance());
                List<Evidence> evidence = new ArrayList<>();
                evidence.add(plain("last_close", instrument, last, level, p.sources()));
                evidence.add(plain("previous_close", instrument, prev, level, p.sources()));
                evidence.add(
                        plain(
                                "closes_" + (downwards ? "below" : "at_or_above") + "_level_share",
                                instrument,
                                breadth,
                                null,
                                p.sources()));
                ConfidenceInputs inputs =
                        new ConfidenceInputs(
                                strength, breadth, p.sources().size(), 0, 1.0, null, true);
                String side =
                        onNewSideNow
                                ? downwards ? "below" : "back at or above"
                                : (downwards ? "back at or above" : "below")
                                        + " but within the "
                                        + Money.pct(holdMargin)
                                        + " hysteresis margin of";
                String explanation =
                        String.format(
                                Locale.ROOT,
                                "%s closed the window at %s, %s the configured level of %s, after closing the previous window at %s.",
                                instrument,
                                Money.price(last),
                                side,
                                Money.price(level),
                                Money.price(prev));
                out.add(
                        detection(
                                List.of("instrument:" + instrument, "level:" + levelLabel(level)),
                                null,
                                evidence,
                                List.of(),
                                null,
                                inputs,
                                explanation));
            }
        }
        return out;
    }

    /** 93000.0 -> "93000", 0.5 -> "0.5": stable subject text for the signal id. */
    static String levelLabel(double level) {
        return BigDecimal.valueOf(level).stripTrailingZeros().toPlainString();
    }
}
