package dev.rotation.app;

import static dev.rotation.app.Alerts.SEED_WEEK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rotation.model.Alert;
import dev.rotation.model.SignalStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The desk's alert table: subject column, whole explanations, one block per week. */
class AlertTableTest {
    private static final int COLUMN = AlertTable.explanationColumn();

    @Test
    void theWholeExplanationIsWrappedUnderItsColumnNotCut() {
        int width = 110;
        List<String> lines =
                new AlertTable(width).lines(List.of(Alerts.riskOff(SignalStatus.FINAL)));

        // the block: the week line (wrapped too), the column header, then the row's lines
        List<String> row = lines.subList(headerIndex(lines) + 1, lines.size());
        assertThat(row).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(width));
        // the type's scale and the causality take two lines; after them the fixed columns are
        // blank and the explanation goes on under its column
        assertThat(row.get(1).substring(0, COLUMN)).contains("correlation");
        assertThat(row.subList(2, row.size()))
                .allSatisfy(l -> assertThat(l.substring(0, COLUMN)).isBlank());
        List<String> column = new ArrayList<>();
        for (String l : row) {
            column.add(l.substring(COLUMN));
        }
        int caveats = column.indexOf("caveats: SINGLE_SOURCE,");
        assertThat(caveats).isGreaterThan(3);
        assertThat(String.join(" ", column.subList(caveats, column.size())))
                .isEqualTo("caveats: SINGLE_SOURCE, INSUFFICIENT_HISTORY");
        String explanation = String.join(" ", column.subList(0, caveats));
        assertThat(explanation).isEqualTo(Alerts.RISK_OFF_XAG);
        assertThat(explanation)
                .endsWith(
                        "a risk-appetite clue rather than evidence that money moved from one market to the other.");
    }

    private static int headerIndex(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("SEVERITY  STATUS")) {
                return i;
            }
        }
        throw new AssertionError("no header in " + lines);
    }

    @Test
    void aWiderTableTakesFewerLinesForTheSameExplanation() {
        Alert a = Alerts.riskOff(SignalStatus.FINAL);
        assertThat(new AlertTable(200).lines(List.of(a)))
                .hasSizeLessThan(new AlertTable(110).lines(List.of(a)).size());
    }

    @Test
    void theSubjectColumnTellsApartTwoAlertsOfOneTypeAndWeek() {
        List<String> lines =
                new AlertTable(140)
                        .lines(
                                List.of(
                                        Alerts.cascade("BTC-USD", SEED_WEEK),
                                        Alerts.cascade("ETH-USD", SEED_WEEK)));

        String header = lines.get(1);
        assertThat(header)
                .startsWith(
                        "SEVERITY  STATUS       TYPE                    SUBJECT           CONFIDENCE   EXPLANATION");
        int subject = header.indexOf("SUBJECT");
        List<String> firstLines = lines.stream().filter(l -> l.startsWith("WARNING")).toList();
        assertThat(firstLines).hasSize(2);
        assertThat(firstLines.get(0).substring(subject)).startsWith("BTC-USD ");
        assertThat(firstLines.get(1).substring(subject)).startsWith("ETH-USD ");
        assertThat(firstLines.get(0).substring(0, subject))
                .isEqualTo(firstLines.get(1).substring(0, subject));
    }

    @Test
    void subjectsAreNamedAsADeskNamesThem() {
        assertThat(AlertTable.subject(Alerts.riskOff(SignalStatus.FINAL))).isEqualTo("crypto, XAG");
        assertThat(AlertTable.subject(Alerts.levelBreach(SignalStatus.FINAL, SEED_WEEK)))
                .isEqualTo("BTC-USD, level 93,000");
        assertThat(AlertTable.subject(Alerts.rotation(SEED_WEEK)))
                .isEqualTo("high-beta, mainstream");
        // a long subject list wraps inside its column rather than pushing the others right
        List<String> lines = new AlertTable(140).lines(List.of(Alerts.rotation(SEED_WEEK)));
        int subject = lines.get(1).indexOf("SUBJECT");
        assertThat(lines.get(2).substring(subject)).startsWith("high-beta, ");
        assertThat(lines.get(3).substring(subject)).startsWith("mainstream ");
        assertThat(lines.get(3)).contains("scale MICRO").contains("correlation");
    }

    @Test
    void eachWeekIsABlockHeadedByTheSourcesItsAlertsRestOn() {
        List<Alert> ordered =
                AlertSelection.settled()
                        .select(
                                List.of(
                                        Alerts.cascade("BTC-USD", SEED_WEEK.plusWeeks(1)),
                                        Alerts.riskOff(SignalStatus.FINAL),
                                        Alerts.rotation(SEED_WEEK)));
        List<String> lines = new AlertTable(120).lines(ordered);

        List<String> weekLines = lines.stream().filter(l -> l.startsWith("Week of")).toList();
        assertThat(weekLines)
                .containsExactly(
                        "Week of 2026-01-19 to 2026-01-25: 2 alerts, resting on coinshares, illustrative"
                                + " (generated, not market data), news",
                        "Week of 2026-01-26 to 2026-02-01: 1 alert, resting on coinshares, market-data");
        // a week line longer than the table goes on, indented, on the next line
        List<String> narrow = new AlertTable(100).lines(ordered);
        assertThat(narrow.subList(0, 2))
                .containsExactly(
                        "Week of 2026-01-19 to 2026-01-25: 2 alerts, resting on coinshares, illustrative (generated, not",
                        "    market data), news");
        assertThat(lines.stream().filter(l -> l.startsWith("SEVERITY"))).hasSize(2);
        int second = lines.indexOf(weekLines.get(1));
        assertThat(lines.get(second - 1)).isEmpty();
    }

    @Test
    void alertsWrittenBeforeTheyCarriedSubjectsAndExplanationFallBackToTheIdAndLine() {
        Alert old =
                Alerts.cascadeBuilder("SOL-USD", SEED_WEEK)
                        .setSubjects(List.of())
                        .setSources(List.of())
                        .setExplanation(null)
                        .build();

        assertThat(AlertTable.subject(old)).isEqualTo("SOL-USD");
        assertThat(AlertTable.explanation(old))
                .startsWith("A run of 3 consecutive windows")
                .endsWith("its trailing average.");
        assertThat(new AlertTable(140).lines(List.of(old)).get(0))
                .isEqualTo(
                        "Week of 2026-01-19 to 2026-01-25: 1 alert, their sources are not recorded in these alerts");
    }

    @Test
    void aDailyWindowIsNamedAsADay() {
        assertThat(
                        AlertTable.window(
                                Alerts.monday(SEED_WEEK),
                                Alerts.monday(SEED_WEEK).plusSeconds(86_400)))
                .isEqualTo("Day 2026-01-19");
    }

    @Test
    void widthComesFromColumnsWhenItIsANumberAndIsNeverBelowTheMinimum() {
        assertThat(AlertTable.widthFor("180")).isEqualTo(180);
        assertThat(AlertTable.widthFor("80")).isEqualTo(AlertTable.MIN_WIDTH);
        assertThat(AlertTable.widthFor(null)).isEqualTo(AlertTable.DEFAULT_WIDTH);
        assertThat(AlertTable.widthFor("wide")).isEqualTo(AlertTable.DEFAULT_WIDTH);
        assertThatThrownBy(() -> new AlertTable(AlertTable.MIN_WIDTH - 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
