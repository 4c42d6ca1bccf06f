package dev.rotation.model.flows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Which of one source's rows for one breakdown key count when their periods overlap. Rows of one
 * source whose periods overlap are two views of the same money (a provider's daily BTC rows for a
 * week and its weekly BTC row for those days), so adding them would count it twice. The rule:
 * <b>finer rows replace a coarser row only when together they cover its whole period</b> (every day
 * of it). A week of daily rows therefore stands and the weekly row is left out; a weekly row with
 * only a Monday row inside it stands and the Monday row is left out (counting the Monday row alone
 * would wipe out the rest of the week). Rows are judged finest first (shortest period, then
 * earliest start), so the outcome depends only on the periods, never on the order rows arrived in,
 * and a replay gives the same figures. Rows with the same period are not overlaps but the same row
 * (or its revision); callers keep one of them before asking.
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

    /** Why a row is left out. */
    public enum Reason {
        /** Finer rows that together cover its whole period count instead. */
        COVERED_BY_FINER_ROWS,
        /** It covers only part of a coarser row's period, so the coarser row counts instead. */
        PART_OF_A_COARSER_ROW
    }

    /**
     * A row left out.
     *
     * @param row the row
     * @param reason why
     * @param instead the rows that overlap it and were judged to count instead: the finer rows
     *     covering it, or the coarser row it is part of
     */
    public record LeftOut<T>(T row, Reason reason, List<T> instead) {
        public LeftOut {
            instead = List.copyOf(instead);
        }
    }

    /**
     * The rows that count and the rows left out.
     *
     * @param kept rows whose periods overlap no other kept row, in the order given
     * @param leftOut rows left out, in the order given
     */
    public record Selection<T>(List<T> kept, List<LeftOut<T>> leftOut) {
        public Selection {
            kept = List.copyOf(kept);
            leftOut = List.copyOf(leftOut);
        }
    }

    /**
     * Applies the rule to rows of one source and key with distinct periods.
     *
     * @param period each row's period
     */
    public static <T> Selection<T> select(List<T> rows, Function<T, Period> period) {
        List<T> byFineness = new ArrayList<>(rows);
        byFineness.sort(
                Comparator.comparingLong((T r) -> period.apply(r).length())
                        .thenComparingLong(r -> period.apply(r).start()));
        List<T> taken = new ArrayList<>();
        Map<T, LeftOut<T>> aside = new HashMap<>();
        for (T r : byFineness) {
            Period p = period.apply(r);
            List<T> finer = taken.stream().filter(k -> period.apply(k).overlaps(p)).toList();
            if (finer.isEmpty()) {
                taken.add(r);
            } else if (covers(finer.stream().map(period).toList(), p)) {
                aside.put(r, new LeftOut<>(r, Reason.COVERED_BY_FINER_ROWS, finer));
            } else {
                // r counts: every finer row overlapping it is part of it, including rows an
                // earlier step left out for finer rows that are now left out themselves
                taken.removeAll(finer);
                finer.forEach(f -> aside.put(f, partOf(f, r)));
                aside.replaceAll((k, l) -> period.apply(k).overlaps(p) ? partOf(k, r) : l);
                taken.add(r);
            }
        }
        if (aside.isEmpty()) {
            return new Selection<>(rows, List.of());
        }
        List<T> kept = new ArrayList<>();
        List<LeftOut<T>> leftOut = new ArrayList<>();
        for (T r : rows) {
            LeftOut<T> l = aside.get(r);
            if (l == null) {
                kept.add(r);
            } else {
                leftOut.add(l);
            }
        }
        return new Selection<>(kept, leftOut);
    }

    private static <T> LeftOut<T> partOf(T row, T coarser) {
        return new LeftOut<>(row, Reason.PART_OF_A_COARSER_ROW, List.of(coarser));
    }

    /** Whether the periods together cover every instant of {@code whole}. */
    static boolean covers(List<Period> parts, Period whole) {
        List<Period> sorted = new ArrayList<>(parts);
        sorted.sort(Comparator.comparingLong(Period::start));
        long covered = whole.start();
        for (Period q : sorted) {
            if (q.start() > covered) {
                return false;
            }
            covered = Math.max(covered, q.end());
        }
        return covered >= whole.end();
    }
}
