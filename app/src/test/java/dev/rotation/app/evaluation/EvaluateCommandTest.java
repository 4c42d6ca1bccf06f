package dev.rotation.app.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rotation.app.RotationDetector;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A small {@code evaluate} run end to end (2 seeds, 14 weeks, no sweep): the report's figures are
 * recomputed from the signal and label outcomes in its own JSON, and the Markdown shows the same.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class EvaluateCommandTest {

    @TempDir static Path out;
    static JsonNode json;
    static String markdown;
    static String stdout;

    @BeforeAll
    static void runEvaluate() throws Exception {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cl = RotationDetector.commandLine();
        cl.setOut(new PrintWriter(o, true));
        cl.setErr(new PrintWriter(e, true));
        int exit =
                cl.execute(
                        "evaluate",
                        "--seeds",
                        "2",
                        "--weeks",
                        "14",
                        "--sweep-seeds",
                        "0",
                        "--out",
                        out.toString());
        assertThat(exit).as(e.toString()).isZero();
        stdout = o.toString();
        json = new ObjectMapper().readTree(out.resolve("evaluation.json").toFile());
        markdown = Files.readString(out.resolve("evaluation.md"));
    }

    @Test
    void perTypeCountsPrecisionAndRecallFollowFromTheOutcomes() {
        assertThat(json.get("labels").size()).isPositive();
        assertThat(json.get("signals").size()).isPositive();
        for (JsonNode t : json.get("types")) {
            String type = t.get("type").asText();
            long tp = 0, fn = 0, correct = 0, fp = 0;
            for (JsonNode l : json.get("labels")) {
                if (l.get("type").asText().equals(type)) {
                    if (l.get("found").asBoolean()) {
                        tp++;
                    } else {
                        fn++;
                    }
                }
            }
            for (JsonNode s : json.get("signals")) {
                if (s.get("type").asText().equals(type)) {
                    if (s.get("matched").asBoolean()) {
                        correct++;
                    } else {
                        fp++;
                    }
                }
            }
            assertThat(t.get("truePositives").asLong()).as(type).isEqualTo(tp);
            assertThat(t.get("falseNegatives").asLong()).as(type).isEqualTo(fn);
            assertThat(t.get("correctSignals").asLong()).as(type).isEqualTo(correct);
            assertThat(t.get("falsePositives").asLong()).as(type).isEqualTo(fp);
            assertProportion(t.get("precision"), correct, correct + fp);
            assertProportion(t.get("recall"), tp, tp + fn);
            String row =
                    "| "
                            + type
                            + " | "
                            + (tp + fn)
                            + " | "
                            + tp
                            + " | "
                            + fn
                            + " | "
                            + (correct + fp)
                            + " | "
                            + fp
                            + " | "
                            + shareText(correct, correct + fp)
                            + " | ";
            assertThat(markdown).as(type).contains(row);
            assertThat(stdout).contains(type);
        }
    }

    @Test
    void brierScoreAndBinsFollowFromTheOutcomes() {
        double sum = 0;
        int n = 0;
        Map<Integer, long[]> bins = new HashMap<>();
        for (JsonNode s : json.get("signals")) {
            double c = s.get("confidence").asDouble();
            int outcome = s.get("matched").asBoolean() ? 1 : 0;
            sum += (c - outcome) * (c - outcome);
            n++;
            long[] b =
                    bins.computeIfAbsent(Math.min(9, (int) Math.floor(c * 10)), k -> new long[2]);
            b[0]++;
            b[1] += outcome;
        }
        JsonNode calibration = json.get("calibration");
        assertThat(calibration.get("signals").asLong()).isEqualTo(n);
        assertThat(calibration.get("brierScore").asDouble()).isCloseTo(sum / n, within(1e-12));
        assertThat(markdown)
                .contains(String.format(Locale.ROOT, "Brier score %.4f over %d", sum / n, n));
        JsonNode jsonBins = calibration.get("bins");
        assertThat(jsonBins.size()).isEqualTo(10);
        for (int i = 0; i < 10; i++) {
            long[] b = bins.getOrDefault(i, new long[2]);
            assertThat(jsonBins.get(i).get("count").asLong()).isEqualTo(b[0]);
            assertThat(jsonBins.get(i).get("matched").asLong()).isEqualTo(b[1]);
        }
    }

    @Test
    void theRealHistoryLeavesIllustrativeSeriesOutAndCountsThem() {
        JsonNode card = json.get("scorecard");
        assertThat(card.get("sources").toString())
                .doesNotContain("illustrative")
                .contains("coinshares", "us-spot-etf");
        assertThat(card.get("excluded").get("flows").asLong()).isPositive();
        assertThat(card.get("excluded").get("volumes").asLong()).isPositive();
        assertThat(card.get("rows").size()).isPositive();
        for (JsonNode row : card.get("rows")) {
            assertThat(row.get("horizons").size()).isEqualTo(3);
        }
        for (JsonNode hr : card.get("hitRates")) {
            JsonNode p = hr.get("hitRate");
            assertThat(hr.get("smallSample").asBoolean())
                    .isEqualTo(p.get("trials").asLong() < HistoryScorecard.SMALL_SAMPLE);
            if (p.get("trials").asLong() > 0) {
                assertProportion(p, p.get("successes").asLong(), p.get("trials").asLong());
            }
        }
        assertThat(markdown).contains("In-sample, small sample");
    }

    @Test
    void theChartsArePngFiles() throws Exception {
        for (String chart :
                new String[] {
                    ReportCharts.RELIABILITY,
                    ReportCharts.PRECISION_RECALL,
                    ReportCharts.FORWARD_RETURNS
                }) {
            byte[] head = Files.readAllBytes(out.resolve(chart));
            assertThat(head.length).as(chart).isGreaterThan(1000);
            assertThat(new String(head, 1, 3, java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo("PNG");
        }
    }

    /** Value and Wilson interval by the closed form, z = 1.959964. */
    private static void assertProportion(JsonNode p, long successes, long trials) {
        assertThat(p.get("successes").asLong()).isEqualTo(successes);
        assertThat(p.get("trials").asLong()).isEqualTo(trials);
        if (trials == 0) {
            assertThat(p.get("value").isNull()).isTrue();
            return;
        }
        double phat = successes / (double) trials;
        double z = 1.959963984540054;
        double z2 = z * z;
        double centre = (phat + z2 / (2 * trials)) / (1 + z2 / trials);
        double half =
                z
                        * Math.sqrt(phat * (1 - phat) / trials + z2 / (4.0 * trials * trials))
                        / (1 + z2 / trials);
        assertThat(p.get("value").asDouble()).isCloseTo(phat, within(1e-12));
        assertThat(p.get("interval").get("lower").asDouble())
                .isCloseTo(Math.max(0, centre - half), within(1e-9));
        assertThat(p.get("interval").get("upper").asDouble())
                .isCloseTo(Math.min(1, centre + half), within(1e-9));
    }

    private static String shareText(long successes, long trials) {
        return trials == 0
                ? "n/a"
                : String.format(Locale.ROOT, "%.3f", successes / (double) trials);
    }
}
