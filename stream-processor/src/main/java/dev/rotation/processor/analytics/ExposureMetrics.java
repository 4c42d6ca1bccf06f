package dev.rotation.processor.analytics;

import java.util.Objects;

/**
 * One institution's position in one instrument as it was last reported: what stage 1 keeps of an
 * {@code InstitutionalExposure} event. The position is marked to market in stage 2 ({@link
 * MarkToMarket}); these are the reported figures.
 *
 * @param holder the institution
 * @param holderType BANK, SOVEREIGN_FUND, CORPORATE_TREASURY, FUND or OTHER
 * @param instrument the instrument held, as priced (ETH-USD, MSTR)
 * @param indirect true for an equity proxy of {@code underlying}, false for the asset itself
 * @param underlying the crypto asset the position is exposed to (BTC, ETH)
 * @param units position size in instrument units, or null when only the USD value is known
 * @param positionUsd reported market value at {@code asOf} in USD, or null
 * @param costBasisUsd average entry price per unit in USD, or null
 * @param leverage position value over own capital (at least 1), or null when unknown
 * @param asOf the position is as of just before this instant, epoch ms
 * @param source who reported it
 * @param reportId the filing or article, or null
 */
public record ExposureMetrics(
        String holder,
        String holderType,
        String instrument,
        boolean indirect,
        String underlying,
        Double units,
        Double positionUsd,
        Double costBasisUsd,
        Double leverage,
        long asOf,
        String source,
        String reportId)
        implements SubjectMetrics {

    public ExposureMetrics {
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(underlying, "underlying");
        Objects.requireNonNull(source, "source");
    }

    /** The position's key: {@code <holder>|<instrument>}, its input record key. */
    public String key() {
        return holder + "|" + instrument;
    }

    /** True when the leverage is known and above 1. */
    public boolean leveraged() {
        return leverage != null && leverage > 1;
    }
}
