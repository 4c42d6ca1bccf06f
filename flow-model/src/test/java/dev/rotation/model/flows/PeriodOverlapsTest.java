package dev.rotation.model.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rotation.model.flows.PeriodOverlaps.LeftOut;
import dev.rotation.model.flows.PeriodOverlaps.Period;
import dev.rotation.model.flows.PeriodOverlaps.Reason;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Finer rows replace a coarser row only when they cover every day of it. */
class PeriodOverlapsTest {
    /** A row of a report: its first and last day (inclusive, as reports print them). */
    private record Row(String from, String to) {
        Period period() {
            return new Period(day(from), day(to) + 86_400_000L);
        }
    }

    private static long day(String date) {
        return LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    private static final Row WEEK = new Row("2026-01-19", "2026-01-23");
    private static final Row MONDAY = new Row("2026-01-19", "2026-01-19");
    private static final Row TUESDAY = new Row("2026-01-20", "2026-01-20");

    private static List<Row> days(String... dates) {
        List<Row> rows = new ArrayList<>();
        for (String d : dates) {
            rows.add(new Row(d, d));
        }
        return rows;
    }

    private static PeriodOverlaps.Selection<Row> select(List<Row> rows) {
        return PeriodOverlaps.select(rows, Row::period);
    }

    @Test
    void dailyRowsCoveringTheWholeWeekReplaceTheWeeklyRow() {
        List<Row> rows = new ArrayList<>(List.of(WEEK));
        rows.addAll(days("2026-01-19", "2026-01-20", "2026-01-21", "2026-01-22", "2026-01-23"));

        PeriodOverlaps.Selection<Row> s = select(rows);

        assertThat(s.kept()).hasSize(5).doesNotContain(WEEK);
        assertThat(s.leftOut())
                .singleElement()
                .satisfies(
                        l -> {
                            assertThat(l.row()).isEqualTo(WEEK);
                            assertThat(l.reason()).isEqualTo(Reason.COVERED_BY_FINER_ROWS);
                            assertThat(l.instead()).hasSize(5);
                        });
    }

    @Test
    void aWeeklyRowStandsOverDailyRowsThatCoverOnlyPartOfItAndEveryPartialRowIsLeftOut() {
        for (List<Row> rows :
                List.of(List.of(WEEK, MONDAY, TUESDAY), List.of(TUESDAY, MONDAY, WEEK))) {
            PeriodOverlaps.Selection<Row> s = select(rows);

            assertThat(s.kept()).containsExactly(WEEK);
            assertThat(s.leftOut())
                    .extracting(LeftOut::row, LeftOut::reason, LeftOut::instead)
                    .containsExactlyInAnyOrder(
                            tuple(MONDAY, Reason.PART_OF_A_COARSER_ROW, List.of(WEEK)),
                            tuple(TUESDAY, Reason.PART_OF_A_COARSER_ROW, List.of(WEEK)));
        }
    }

    @Test
    void theOutcomeDoesNotDependOnArrivalOrder() {
        Row mondayToTuesday = new Row("2026-01-19", "2026-01-20");
        List<Row> rows = new ArrayList<>(List.of(WEEK, mondayToTuesday, MONDAY, TUESDAY));
        PeriodOverlaps.Selection<Row> first = select(rows);
        for (int i = 0; i < 10; i++) {
            Collections.shuffle(rows, new java.util.Random(i));
            PeriodOverlaps.Selection<Row> s = select(rows);
            assertThat(s.kept()).containsExactlyInAnyOrderElementsOf(first.kept());
            assertThat(s.leftOut()).containsExactlyInAnyOrderElementsOf(first.leftOut());
        }
        // the week counts; Monday-Tuesday (covered by Monday and Tuesday) is part of it too
        assertThat(first.kept()).containsExactly(WEEK);
        assertThat(first.leftOut())
                .allSatisfy(l -> assertThat(l.reason()).isEqualTo(Reason.PART_OF_A_COARSER_ROW));
    }

    @Test
    void rowsThatDoNotOverlapAllCount() {
        List<Row> rows = days("2026-01-19", "2026-01-20");

        assertThat(select(rows).kept()).isEqualTo(rows);
        assertThat(select(rows).leftOut()).isEmpty();
    }
}
