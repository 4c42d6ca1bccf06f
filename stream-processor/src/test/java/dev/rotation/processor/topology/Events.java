package dev.rotation.processor.topology;

import dev.rotation.model.Breakdown;
import dev.rotation.model.ExposureKind;
import dev.rotation.model.FundFlow;
import dev.rotation.model.HolderType;
import dev.rotation.model.InstitutionalExposure;
import dev.rotation.model.Metal;
import dev.rotation.model.MetalQuote;
import dev.rotation.model.PriceBar;
import dev.rotation.model.VolumeBar;
import dev.rotation.producers.events.EventIds;
import java.time.Instant;

/**
 * Builders of input events for topology tests; ids are derived as the producers derive them ({@link
 * EventIds}).
 */
public final class Events {
    private Events() {}

    /** A report row for the inclusive dates [from, to]. */
    public static FundFlow flow(
            String source,
            String reportId,
            String from,
            String to,
            Breakdown breakdown,
            String key,
            double netFlowUsd) {
        Instant start = Instant.ofEpochMilli(Time.day(from));
        Instant end = Instant.ofEpochMilli(Time.day(to) + Time.days(1));
        return FundFlow.newBuilder()
                .setEventId(EventIds.fundFlow(source, reportId, breakdown, key, start, end))
                .setSource(source)
                .setReportId(reportId)
                .setPeriodStart(start)
                .setPeriodEnd(end)
                .setBreakdown(breakdown)
                .setKey(key)
                .setNetFlowUsd(netFlowUsd)
                .build();
    }

    /** A report row that announces its report's row count, as the producers stamp it. */
    public static FundFlow flow(
            String source,
            String reportId,
            String from,
            String to,
            Breakdown breakdown,
            String key,
            double netFlowUsd,
            int reportRows) {
        FundFlow f = flow(source, reportId, from, to, breakdown, key, netFlowUsd);
        f.setReportRows(reportRows);
        return f;
    }

    /** A daily bar ending at midnight after the given date, close = the day's snapshot. */
    public static PriceBar dailyClose(String instrument, String date, double open, double close) {
        Instant start = dayStart(date);
        Instant end = dayEnd(date);
        return PriceBar.newBuilder()
                .setEventId(EventIds.priceBar("test-prices", instrument, start, end))
                .setSource("test-prices")
                .setInstrument(instrument)
                .setIntervalStart(start)
                .setIntervalEnd(end)
                .setOpen(open)
                .setHigh(Math.max(open, close))
                .setLow(Math.min(open, close))
                .setClose(close)
                .build();
    }

    public static VolumeBar dailyVolume(String instrument, String date, double base, double usd) {
        Instant start = dayStart(date);
        Instant end = dayEnd(date);
        return VolumeBar.newBuilder()
                .setEventId(EventIds.volumeBar("test-volumes", instrument, start, end))
                .setSource("test-volumes")
                .setInstrument(instrument)
                .setIntervalStart(start)
                .setIntervalEnd(end)
                .setVolumeBase(base)
                .setVolumeUsd(usd)
                .build();
    }

    public static MetalQuote metal(Metal metal, String date, double spot) {
        Instant start = dayStart(date);
        Instant end = dayEnd(date);
        return MetalQuote.newBuilder()
                .setEventId(EventIds.metalQuote("news", metal, start, end))
                .setSource("news")
                .setMetal(metal)
                .setIntervalStart(start)
                .setIntervalEnd(end)
                .setSpotUsdPerOz(spot)
                .build();
    }

    /**
     * A leveraged direct position reported as of the end of the given date (illustrative figures):
     * {@code units} coins of {@code instrument} bought at {@code entry}.
     */
    public static InstitutionalExposure leveragedPosition(
            String holder,
            String instrument,
            String underlying,
            String date,
            double units,
            double entry,
            double leverage) {
        Instant asOf = dayEnd(date);
        return InstitutionalExposure.newBuilder()
                .setEventId(
                        EventIds.institutionalExposure("illustrative", holder, instrument, asOf))
                .setSource("illustrative")
                .setHolder(holder)
                .setHolderType(HolderType.SOVEREIGN_FUND)
                .setInstrument(instrument)
                .setExposure(ExposureKind.DIRECT)
                .setUnderlying(underlying)
                .setUnits(units)
                .setCostBasisUsd(entry)
                .setLeverage(leverage)
                .setAsOf(asOf)
                .build();
    }

    private static Instant dayStart(String date) {
        return Instant.ofEpochMilli(Time.day(date));
    }

    private static Instant dayEnd(String date) {
        return Instant.ofEpochMilli(Time.day(date) + Time.days(1));
    }
}
