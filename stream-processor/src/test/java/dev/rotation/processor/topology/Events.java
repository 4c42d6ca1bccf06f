package dev.rotation.processor.topology;

import dev.rotation.model.Breakdown;
import dev.rotation.model.FundFlow;
import dev.rotation.model.Metal;
import dev.rotation.model.MetalQuote;
import dev.rotation.model.PriceBar;
import dev.rotation.model.VolumeBar;
import java.time.Instant;

/** Builders of input events for topology tests; ids follow the producers' identity rule. */
public final class Events {
    private Events() {
    }

    /** A report row for the inclusive dates [from, to]. */
    public static FundFlow flow(String source, String reportId, String from, String to, Breakdown breakdown, String key,
                                double netFlowUsd) {
        long start = Time.day(from);
        long end = Time.day(to) + Time.days(1);
        return FundFlow.newBuilder()
                .setEventId(source + "|" + reportId + "|" + breakdown + "|" + key + "|" + start + "|" + end)
                .setSource(source).setReportId(reportId).setPeriodStart(Instant.ofEpochMilli(start)).setPeriodEnd(Instant.ofEpochMilli(end))
                .setBreakdown(breakdown).setKey(key).setNetFlowUsd(netFlowUsd).build();
    }

    /** A daily bar ending at midnight after the given date, close = the day's snapshot. */
    public static PriceBar dailyClose(String instrument, String date, double open, double close) {
        long start = Time.day(date);
        return PriceBar.newBuilder().setEventId("test|" + instrument + "|" + start)
                .setSource("test-prices").setInstrument(instrument)
                .setIntervalStart(Instant.ofEpochMilli(start)).setIntervalEnd(Instant.ofEpochMilli(start + Time.days(1)))
                .setOpen(open).setHigh(Math.max(open, close)).setLow(Math.min(open, close)).setClose(close).build();
    }

    public static VolumeBar dailyVolume(String instrument, String date, double base, double usd) {
        long start = Time.day(date);
        return VolumeBar.newBuilder().setEventId("test|vol|" + instrument + "|" + start).setSource("test-volumes")
                .setInstrument(instrument).setIntervalStart(Instant.ofEpochMilli(start)).setIntervalEnd(Instant.ofEpochMilli(start + Time.days(1)))
                .setVolumeBase(base).setVolumeUsd(usd).build();
    }

    public static MetalQuote metal(Metal metal, String date, double spot) {
        long start = Time.day(date);
        return MetalQuote.newBuilder().setEventId("test|" + metal + "|" + start).setSource("news")
                .setMetal(metal).setIntervalStart(Instant.ofEpochMilli(start)).setIntervalEnd(Instant.ofEpochMilli(start + Time.days(1)))
                .setSpotUsdPerOz(spot).build();
    }
}
