package dev.rotation.model.flows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Which of one source's rows for one breakdown key count when their periods overlap. Rows of one
 * source whose periods overlap are two views of the same money (a provider's daily BTC rows for a
 * week and its weekly BTC row for those days), so adding them would count it twice. The rule is
 * <b>the finer wins</b>: rows are taken shortest period first (then earliest start), and a row
 * whose period overlaps one already taken is set aside. A week of daily rows therefore stands and
 * the weekly row is left out; a weekly row with no daily rows inside it stands. The rule depends
 * only on the periods, never on the order rows arrived in, so a replay gives the same figures. Rows
 * with the same period are not overlaps but the same row (or its revision); callers keep one of
 * them before asking.
 *
 * <p>The processor applies it to every key's rows in a window; {@code produce file} applies it to
 * the files it publishes to say which rows the processor will leave out.
 */
public final class PeriodOverlaps {

    private PeriodOverlaps() {}

    /**
     * A period, start inclusive and end exclusive, epoch milliseconds.
     *
     * @param start first instant
     * @param end first instant after the period
     */
    public record Period(long start, long end) {
        public long length() {
            return end - start;
        }

        public boolean overlaps(Period other) {
            return start < other.end && other.start < end;
        }
    }

    /**
     * The rows that count and the rows set aside.
     *
     * @param kept rows whose periods overlap no other kept row, in the order given
     * @param setAside rows left out because a finer row overlaps them, in the order given
     */
    public record Selection<T>(List<T> kept, List<T> setAside) {
        public Selection {
            kept = List.copyOf(kept);
            setAside = List.copyOf(setAside);
        }
    }

    /**
     * Applies the finer-wins rule to rows of one source and key with distinct periods.
     *
     * @param period each row's period
     */
    public static <T> Selection<T> select(List<T> rows, Function<T, Period> period) {
        List<T> byFineness = new ArrayList<>(rows);
        byFineness.sort(
                Comparator.comparingLong((T r) -> period.apply(r).length())
                        .thenComparingLong(r -> period.apply(r).start()));
        List<Period> taken = new ArrayList<>();
        List<T> aside = new ArrayList<>();
        for (T r : byFineness) {
            Period p = period.apply(r);
            if (taken.stream().anyMatch(p::overlaps)) {
                aside.add(r);
            } else {
                taken.add(p);
            }
        }
        if (aside.isEmpty()) {
            return new Selection<>(rows, List.of());
        }
        List<T> kept = new ArrayList<>();
        List<T> setAside = new ArrayList<>();
        for (T r : rows) {
            (aside.contains(r) ? setAside : kept).add(r);
        }
        return new Selection<>(kept, setAside);
    }
}
