package dev.rotation.processor.analytics;

import java.util.Objects;
import java.util.Set;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Marks a reported institutional position to market in one window: the instrument's latest price,
 * the position's market value, its unrealised return against the entry price (and on the holder's
 * own capital, times the leverage), and, for an equity proxy, its beta to the underlying and so its
 * effective exposure to the underlying asset.
 *
 * <ul>
 *   <li><b>Price</b>: the window's last close of the instrument; without one, the last close of an
 *       earlier FINAL window (a stale mark, {@link Marked#priceInWindow} false); else none.
 *   <li><b>Market value</b>: units x price when the units are known; else the reported USD value
 *       scaled by price / the close of the window the report falls in (as reported when that close
 *       is unknown).
 *   <li><b>Beta</b> of an equity proxy: the OLS slope of the instrument's window returns on the
 *       underlying's (trailing FINAL windows where both exist, plus this one), from {@code
 *       history.min-windows} pairs; 1 for a direct position.
 *   <li><b>Effective underlying exposure</b>: market value x beta; unknown for a proxy without
 *       enough shared history.
 * </ul>
 */
public final class MarkToMarket {

    /**
     * A position marked in one window.
     *
     * @param price the mark in USD per unit, or null when the instrument has no price yet
     * @param priceInWindow the mark is this window's close (false: an earlier window's, or none)
     * @param priceSources sources of the mark
     * @param marketValueUsd the position's value at the mark (as reported when it cannot be
     *     marked), or null when only its units are known and the instrument has no price
     * @param unrealisedReturn price / entry price - 1, or null without both
     * @param equityReturn the unrealised return times the leverage (times 1 when unknown), or null
     * @param beta the position's beta to its underlying (1 for a direct position), or null
     * @param betaWindows windows behind the beta (0 for a direct position)
     * @param underlyingExposureUsd market value x beta, or null when either is unknown
     */
    public record Marked(
            ExposureMetrics position,
            Double price,
            boolean priceInWindow,
            Set<String> priceSources,
            Double marketValueUsd,
            Double unrealisedReturn,
            Double equityReturn,
            Double beta,
            int betaWindows,
            Double underlyingExposureUsd) {

        public Marked {
            priceSources = Set.copyOf(priceSources);
        }
    }

    private final Assets assets;
    private final int minBetaWindows;

    /**
     * @param assets the instrument of each asset (the underlying's price series)
     * @param minBetaWindows pairs of window returns a beta needs ({@code history.min-windows})
     */
    public MarkToMarket(Assets assets, int minBetaWindows) {
        this.assets = Objects.requireNonNull(assets, "assets");
        this.minBetaWindows = minBetaWindows;
    }

    /** The position marked at the window's prices. */
    public Marked mark(ExposureMetrics p, WindowSnapshot s) {
        String instrument = p.instrument();
        PriceMetrics now = s.price(instrument);
        Double price = null;
        boolean inWindow = false;
        Set<String> sources = Set.of();
        if (now != null) {
            price = now.lastClose();
            inWindow = true;
            sources = now.sources();
        } else {
            TrailingHistory.Point last =
                    s.history().lastBefore(Series.priceClose(instrument), s.window().start());
            if (last != null) {
                price = last.value();
            }
        }
        Double value = marketValue(p, price, s);
        Double unrealised =
                p.costBasisUsd() != null && price != null ? price / p.costBasisUsd() - 1 : null;
        Double equity =
                unrealised == null ? null : unrealised * (p.leverage() != null ? p.leverage() : 1);
        Double beta = null;
        int betaWindows = 0;
        if (!p.indirect()) {
            beta = 1.0;
        } else {
            String underlying = assets.instrumentFor(p.underlying());
            PriceMetrics u = s.price(underlying);
            double[][] pairs =
                    s.alignedPairs(
                            Series.priceReturn(underlying),
                            u == null ? null : u.windowReturn(),
                            Series.priceReturn(instrument),
                            now == null ? null : now.windowReturn());
            betaWindows = pairs[0].length;
            if (betaWindows >= Math.max(2, minBetaWindows)) {
                SimpleRegression ols = new SimpleRegression();
                for (int i = 0; i < betaWindows; i++) {
                    ols.addData(pairs[0][i], pairs[1][i]);
                }
                double slope = ols.getSlope();
                beta = Double.isFinite(slope) ? slope : null;
            }
        }
        Double underlyingUsd = beta == null || value == null ? null : value * beta;
        return new Marked(
                p,
                price,
                inWindow,
                sources,
                value,
                unrealised,
                equity,
                beta,
                betaWindows,
                underlyingUsd);
    }

    private static Double marketValue(ExposureMetrics p, Double price, WindowSnapshot s) {
        if (p.units() != null && price != null) {
            return p.units() * price;
        }
        if (p.positionUsd() == null) {
            return null;
        }
        if (price == null) {
            return p.positionUsd();
        }
        Double atReport = closeOfWindowHolding(p.asOf() - 1, p.instrument(), s);
        return atReport == null ? p.positionUsd() : p.positionUsd() * price / atReport;
    }

    /** The close of the window that holds {@code time}: this window's, or a FINAL one's. */
    private static Double closeOfWindowHolding(long time, String instrument, WindowSnapshot s) {
        if (s.window().contains(time)) {
            PriceMetrics now = s.price(instrument);
            return now == null ? null : now.lastClose();
        }
        for (TrailingHistory.Point pt : s.history().points(Series.priceClose(instrument))) {
            if (pt.start() <= time && time < pt.end()) {
                return pt.value();
            }
        }
        return null;
    }
}
