package dev.rotation.processor.topology;

import static dev.rotation.processor.topology.Events.flow;
import static dev.rotation.processor.topology.Events.metal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.rotation.model.Breakdown;
import dev.rotation.model.Caveat;
import dev.rotation.model.Evidence;
import dev.rotation.model.FundFlow;
import dev.rotation.model.Metal;
import dev.rotation.model.Signal;
import dev.rotation.model.SignalStatus;
import dev.rotation.model.SignalType;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed week read from two sources: CoinShares' weekly report (global ETPs, the primary scope)
 * and the US spot ETF daily flows of 20-23 Jan 2026 (19 Jan was a US market holiday). The daily
 * figures are the {@code issuer=ALL} rows of the shared file us-spot-etf-flows-daily.csv (flow
 * trackers and the press, each row citing its page there): BTC -483.38M, -708.71M, -32.11M,
 * -103.57M; ETH -297.5M (21st) and -41.7M (23rd) only; SOL +3.08M (20th); XRP -53.32M (20th) and
 * +3.43M (23rd).
 *
 * <p>Twelve earlier weeks of the same shape as CoinShares' report, from the {@code illustrative}
 * source (as the bundled sample's history weeks are), give the baselines depth; they are of the
 * primary scope, so the trailing history keeps them, and every reading says it rests on them.
 * Silver and gold are quoted each Friday (the seed week's quotes are metals-spot-2026-01.csv's).
 */
class TwoSourceSeedWeekGoldenTest {

    private static final String WEEK = "2026-01-19";

    /** The ETF days of the seed week: date, asset, net flow (USD). */
    private static final Object[][] ETF_DAYS = {
        {"2026-01-20", "BTC", -483_380_000d},
        {"2026-01-21", "BTC", -708_710_000d},
        {"2026-01-22", "BTC", -32_110_000d},
        {"2026-01-23", "BTC", -103_570_000d},
        {"2026-01-21", "ETH", -297_500_000d},
        {"2026-01-23", "ETH", -41_700_000d},
        {"2026-01-20", "SOL", 3_080_000d},
        {"2026-01-20", "XRP", -53_320_000d},
        {"2026-01-23", "XRP", 3_430_000d},
    };

    /** A daily all-issuer row as part A's reader stamps it: no report id, asset and region set. */
    static FundFlow etfDay(String date, String asset, double netFlowUsd) {
        FundFlow f = flow("us-spot-etf", null, date, date, Breakdown.ASSET, asset, netFlowUsd);
        f.setAsset(asset);
        f.setRegion("US");
        return f;
    }

    /** Twelve generated weeks before the seed week, alternating in size, some in, some out. */
    private static void history(DetectorDriver d) {
        LocalDate week = LocalDate.parse(WEEK).minusWeeks(12);
        for (int i = 0; i < 12; i++, week = week.plusWeeks(1)) {
            String from = week.toString();
            String to = week.plusDays(4).toString();
            String report = "illustrative-" + from;
            double sign = i % 3 == 0 ? -1 : 1;
            double btc = sign * (120e6 + 15e6 * i);
            double eth = sign * (40e6 + 5e6 * (i % 4));
            double sol = 2e6 + 1e6 * (i % 5);
            double xrp = -1e6 * (i % 3);
            Object[][] rows = {
                {Breakdown.TOTAL, "ALL", btc + eth + sol + xrp},
                {Breakdown.ASSET, "BTC", btc},
                {Breakdown.ASSET, "ETH", eth},
                {Breakdown.ASSET, "SOL", sol},
                {Breakdown.ASSET, "XRP", xrp},
            };
            for (Object[] r : rows) {
                d.pipe(
                        flow(
                                "illustrative",
                                report,
                                from,
                                to,
                                (Breakdown) r[0],
                                (String) r[1],
                                (Double) r[2],
                                rows.length));
            }
            // silver drifts a little each week: its return and the crypto total's have a history
            d.pipe(metal(Metal.XAU, to, 4400 + 15 * i));
            d.pipe(metal(Metal.XAG, to, 80 + (i % 2 == 0 ? 0.6 * i : -0.4 * i)));
        }
    }

    /** The seed week's finals, read from the sources given. */
    private static Map<SignalType, Signal> seedWeek(Path dir, boolean etf, double etfSign) {
        try (DetectorDriver d = new DetectorDriver(dir)) {
            history(d);
            d.pipe(metal(Metal.XAU, "2026-01-16", 4611.05));
            d.pipe(metal(Metal.XAG, "2026-01-16", 90.00));
            d.pipe(metal(Metal.XAU, "2026-01-23", 4986.00));
            d.pipe(metal(Metal.XAG, "2026-01-23", 100.94));
            if (etf) {
                for (Object[] r : ETF_DAYS) {
                    d.pipe(etfDay((String) r[0], (String) r[1], etfSign * (Double) r[2]));
                }
            }
            SeedWeekGoldenTest.seedWeekFlows(d);
            // the next week's quote moves stream time past the seed week's end plus grace
            d.pipe(metal(Metal.XAU, "2026-01-30", 4883.62));
            d.pipe(metal(Metal.XAG, "2026-01-30", 83.99));
            d.idle();
            long start = Time.day(WEEK);
            Map<SignalType, Signal> out = new java.util.TreeMap<>();
            for (Signal s : d.latest().values()) {
                if (s.getWindowStart().toEpochMilli() == start
                        && s.getStatus() == SignalStatus.FINAL
                        && (s.getType() == SignalType.ROTATION_TO_HIGH_BETA
                                || (s.getType() == SignalType.RISK_OFF_SHIFT
                                        && s.getSubjects().contains("metal:XAG")))) {
                    out.put(s.getType(), s);
                }
            }
            return out;
        }
    }

    private static List<String> codes(Signal s) {
        List<String> out = new ArrayList<>();
        for (Caveat c : s.getCaveats()) {
            out.add(c.getCode());
        }
        return out;
    }

    private static String caveat(Signal s, String code) {
        return s.getCaveats().stream()
                .filter(c -> c.getCode().equals(code))
                .map(Caveat::getText)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void theEtfsConfirmTheRiskOffShiftButNotTheRotationWhoseReceivingLegDiffers(@TempDir Path dir) {
        Map<SignalType, Signal> single = seedWeek(dir.resolve("single"), false, 1);
        Map<SignalType, Signal> both = seedWeek(dir.resolve("both"), true, 1);
        assertThat(single.keySet())
                .containsExactly(SignalType.ROTATION_TO_HIGH_BETA, SignalType.RISK_OFF_SHIFT);
        assertThat(both.keySet()).isEqualTo(single.keySet());

        for (SignalType type : single.keySet()) {
            Signal one = single.get(type);
            Signal two = both.get(type);
            assertThat(codes(one)).as(type + " from CoinShares alone").contains("SINGLE_SOURCE");
            assertThat(one.getConfidence()).isLessThanOrEqualTo(0.6);
            assertThat(one.getSources()).contains("coinshares").doesNotContain("us-spot-etf");
            assertThat(two.getSources()).contains("coinshares", "us-spot-etf");
            // per-source evidence: the ETF figure and how far it is from CoinShares'
            assertThat(two.getEvidence())
                    .filteredOn(e -> "us-spot-etf".equals(e.getSource()))
                    .extracting(Evidence::getMetric)
                    .contains("net_flow_usd", "trading_day_coverage");
            // the magnitude and the headline figures stay CoinShares': sources are never added
            assertThat(two.getMagnitude()).isEqualTo(one.getMagnitude());
        }

        // The rotation rests on two legs and both are compared. Leaving, mainstream: CoinShares
        // BTC+ETH -1.72B; the ETFs -1.33B BTC (4 of 4 days) + -339.2M ETH (2 of 4 days) = -1.67B,
        // 3% apart, coverage (4/4 + 2/4) / 2 = 0.75: it agrees. Receiving, the inflowing high-beta
        // asset SOL: CoinShares +17.1M; the ETFs +3.08M on 1 of 4 days, 82% apart (tolerance 30%):
        // it differs, so the rotation is not confirmed and keeps the single-source cap.
        Signal rotation = both.get(SignalType.ROTATION_TO_HIGH_BETA);
        assertThat(codes(rotation))
                .contains("SINGLE_SOURCE", "SOURCES_DIFFER", "ILLUSTRATIVE_DATA")
                .doesNotContain("SOURCES_CONFIRM_ACROSS_SCOPES", "SOURCES_DISAGREE");
        assertThat(rotation.getConfidence()).isLessThanOrEqualTo(0.6);
        assertThat(rotation.getEvidence())
                .filteredOn(e -> "us-spot-etf".equals(e.getSource()))
                .extracting(Evidence::getMetric, Evidence::getSubject, Evidence::getValue)
                .containsExactly(
                        tuple("net_flow_usd", "group:mainstream", -1_666_970_000d),
                        tuple("trading_day_coverage", "group:mainstream", 0.75),
                        tuple("net_flow_usd", "group:high-beta", 3_080_000d),
                        tuple("trading_day_coverage", "group:high-beta", 0.25));
        assertThat(rotation.getEvidence())
                .filteredOn(e -> e.getMetric().equals("relative_difference"))
                .extracting(Evidence::getSubject, Evidence::getSource)
                .containsExactly(
                        tuple("group:mainstream us-spot-etf/coinshares", "coinshares,us-spot-etf"),
                        tuple("group:high-beta us-spot-etf/coinshares", "coinshares,us-spot-etf"));
        assertThat(rotation.getEvidence())
                .filteredOn(e -> e.getMetric().equals("relative_difference"))
                .extracting(Evidence::getValue)
                .satisfiesExactly(
                        v -> assertThat(v).isCloseTo(0.030831, within(1e-6)),
                        v -> assertThat(v).isCloseTo(0.819883, within(1e-6)));
        assertThat(caveat(rotation, "SOURCES_DIFFER"))
                .isEqualTo(
                        "group:high-beta: us-spot-etf (us-spot-etf, US, daily) +$3.1M (1 of 4"
                                + " trading days), 82% apart against coinshares (global-etp,"
                                + " global, weekly) +$17.1M (weekly report): the same direction"
                                + " but too far apart to confirm the size, so the reading counts"
                                + " as resting on one source.");

        // The risk-off shift rests on one flow leg, the crypto total: CoinShares -1.73B; the
        // ETFs' four assets -1.71B, 1% apart: confirmed. The text gives each asset's days.
        Signal riskOff = both.get(SignalType.RISK_OFF_SHIFT);
        Signal riskOffAlone = single.get(SignalType.RISK_OFF_SHIFT);
        assertThat(codes(riskOff))
                .contains("SOURCES_CONFIRM_ACROSS_SCOPES", "ILLUSTRATIVE_DATA")
                .doesNotContain("SINGLE_SOURCE", "SOURCES_DISAGREE", "SOURCES_DIFFER");
        assertThat(riskOff.getConfidence())
                .isGreaterThan(riskOffAlone.getConfidence())
                .isGreaterThan(0.6)
                .isLessThanOrEqualTo(0.85);
        assertThat(riskOff.getEvidence())
                .filteredOn(e -> e.getMetric().equals("relative_difference"))
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.getSource()).isEqualTo("coinshares,us-spot-etf");
                            assertThat(e.getValue()).isLessThanOrEqualTo(e.getThreshold());
                        });
        assertThat(caveat(riskOff, "SOURCES_CONFIRM_ACROSS_SCOPES"))
                .isEqualTo(
                        "crypto:total: us-spot-etf (us-spot-etf, US, daily) -$1.71B (BTC 4 of 4,"
                                + " ETH 2 of 4, SOL 1 of 4, XRP 2 of 4 trading days), 1% apart"
                                + " agrees with coinshares (global-etp, global, weekly) -$1.73B"
                                + " (weekly report) in direction and size (within the agreement"
                                + " tolerance); the sources cover different scopes, so they"
                                + " confirm the reading, not an exact market-wide figure.");
        assertThat(caveat(riskOff, "ILLUSTRATIVE_DATA")).contains("trailing history");
    }

    @Test
    void etfFlowsOfTheOppositeSignContradictAndLowerTheScoreBelowOneSource(@TempDir Path dir) {
        Map<SignalType, Signal> single = seedWeek(dir.resolve("single"), false, 1);
        Map<SignalType, Signal> flipped = seedWeek(dir.resolve("flipped"), true, -1);
        assertThat(flipped.keySet()).isEqualTo(single.keySet()).isNotEmpty();
        for (SignalType type : single.keySet()) {
            Signal one = single.get(type);
            Signal contra = flipped.get(type);
            assertThat(codes(contra))
                    .as(type.name())
                    .contains("SOURCES_DISAGREE")
                    .doesNotContain("SOURCES_CONFIRM_ACROSS_SCOPES");
            assertThat(contra.getConfidence()).as(type.name()).isLessThan(one.getConfidence());
            assertThat(contra.getSources()).contains("coinshares", "us-spot-etf");
        }
        // both legs contradict: one caveat naming each leg once per source, no doubled name
        assertThat(caveat(flipped.get(SignalType.ROTATION_TO_HIGH_BETA), "SOURCES_DISAGREE"))
                .isEqualTo(
                        "group:mainstream: coinshares (global-etp, global, weekly) -$1.72B (weekly"
                                + " report) against us-spot-etf (us-spot-etf, US, daily) +$1.67B"
                                + " (BTC 4 of 4, ETH 2 of 4 trading days), the opposite direction:"
                                + " the sources contradict each other, so confidence is below what"
                                + " one source alone gives. group:high-beta: coinshares"
                                + " (global-etp, global, weekly) +$17.1M (weekly report) against"
                                + " us-spot-etf (us-spot-etf, US, daily) -$3.1M (1 of 4 trading"
                                + " days), the opposite direction: the sources contradict each"
                                + " other, so confidence is below what one source alone gives.");
    }
}
