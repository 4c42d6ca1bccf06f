package dev.rotation.processor.topology;

import dev.rotation.model.FundFlow;
import java.util.List;
import java.util.Map;

/** The seed week's report and prices for tests outside this package (integration tests). */
public final class ReportFixtures {
    private ReportFixtures() {}

    /**
     * The CoinShares report of 2026-01-26: 14 rows, each announcing 14 (see SeedWeekGoldenTest).
     */
    public static List<FundFlow> seedWeekReport() {
        return SeedWeekGoldenTest.seedWeekReport();
    }

    /**
     * BTC-USD and ETH-USD daily closes of the date: the bundled snapshots to 1 Feb 2026, the last
     * one after it.
     */
    public static double[] close(String isoDate) {
        Map.Entry<String, double[]> e = SeedWeekGoldenTest.CLOSES.floorEntry(isoDate);
        return e != null ? e.getValue() : SeedWeekGoldenTest.CLOSES.firstEntry().getValue();
    }
}
