package dev.rotation.benchmarks;

import dev.rotation.model.MetalQuote;
import dev.rotation.model.PriceBar;
import dev.rotation.model.VolumeBar;
import dev.rotation.producers.events.EventIds;
import dev.rotation.producers.simulator.MarketSimulator;
import dev.rotation.producers.simulator.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.avro.specific.SpecificRecord;

/** The event streams the harness feeds the pipeline, all from the seeded simulator. */
final class Workloads {
    static final long SEED = 20260126L;
    static final Duration MINUTE_BARS = Duration.ofMinutes(1);

    private Workloads() {}

    /** The simulator with every planted scenario, long enough to yield at least {@code events}. */
    static MarketSimulator simulator(long events, Duration bar) {
        MarketSimulator.Options probe = MarketSimulator.Options.of(SEED, 1).withBarInterval(bar);
        long perWeek = new MarketSimulator(probe).eventCount();
        int weeks =
                (int)
                        Math.max(
                                MarketSimulator.weeksNeeded(Scenario.values().length),
                                (events + perWeek - 1) / perWeek);
        return simulator(weeks, bar);
    }

    static MarketSimulator simulator(int weeks, Duration bar) {
        return new MarketSimulator(
                MarketSimulator.Options.of(SEED, weeks)
                        .withBarInterval(bar)
                        .withScenarios(
                                MarketSimulator.defaultPlacement(
                                        Arrays.asList(Scenario.values()), weeks)));
    }

    /** The first {@code events} events of the simulator with one-minute bars. */
    static Iterable<SpecificRecord> firstEvents(long events) {
        MarketSimulator sim = simulator(events, MINUTE_BARS);
        return () -> limit(sim.iterator(), events);
    }

    static Iterator<SpecificRecord> limit(Iterator<SpecificRecord> it, long n) {
        return new Iterator<>() {
            long left = n;

            @Override
            public boolean hasNext() {
                return left > 0 && it.hasNext();
            }

            @Override
            public SpecificRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                left--;
                return it.next();
            }
        };
    }

    /**
     * More subjects: every price and volume bar is also published for {@code factor - 1} extra
     * instruments ({@code BTC-USD.1}, {@code BTC-USD.2}, ...) with their own event ids. The
     * simulator has no option for extra instruments, so the copies are made here; metals are an
     * enum and fund-flow keys are validated against assets.known, so those subjects stay as they
     * are.
     */
    static Iterable<SpecificRecord> withExtraInstruments(
            Iterable<SpecificRecord> events, int factor) {
        if (factor <= 1) {
            return events;
        }
        return () ->
                new Iterator<>() {
                    final Iterator<SpecificRecord> it = events.iterator();
                    final ArrayDeque<SpecificRecord> pending = new ArrayDeque<>();

                    @Override
                    public boolean hasNext() {
                        return !pending.isEmpty() || it.hasNext();
                    }

                    @Override
                    public SpecificRecord next() {
                        if (pending.isEmpty()) {
                            SpecificRecord e = it.next();
                            pending.add(e);
                            for (int copy = 1; copy < factor; copy++) {
                                SpecificRecord c = copy(e, copy);
                                if (c == null) {
                                    break;
                                }
                                pending.add(c);
                            }
                        }
                        return pending.poll();
                    }
                };
    }

    private static SpecificRecord copy(SpecificRecord e, int copy) {
        if (e instanceof PriceBar p) {
            String instrument = p.getInstrument() + "." + copy;
            return PriceBar.newBuilder(p)
                    .setInstrument(instrument)
                    .setEventId(
                            EventIds.priceBar(
                                    p.getSource(),
                                    instrument,
                                    p.getIntervalStart(),
                                    p.getIntervalEnd()))
                    .build();
        }
        if (e instanceof VolumeBar v) {
            String instrument = v.getInstrument() + "." + copy;
            return VolumeBar.newBuilder(v)
                    .setInstrument(instrument)
                    .setEventId(
                            EventIds.volumeBar(
                                    v.getSource(),
                                    instrument,
                                    v.getIntervalStart(),
                                    v.getIntervalEnd()))
                    .build();
        }
        return null;
    }

    /** Number of distinct input subjects (record keys) of the simulator with extra instruments. */
    static int subjects(int factor) {
        int flows = 1 + MarketSimulator.ASSETS.size() + MarketSimulator.REGIONS.size();
        return flows
                + MarketSimulator.METALS.size()
                + 2 * MarketSimulator.INSTRUMENTS.size() * factor;
    }

    /** The same bar moved to end now: event time about the wall clock, for the latency run. */
    static SpecificRecord retimed(SpecificRecord e, long endMillis, Duration bar) {
        Instant end = Instant.ofEpochMilli(endMillis);
        Instant start = end.minus(bar);
        if (e instanceof PriceBar p) {
            return PriceBar.newBuilder(p)
                    .setIntervalStart(start)
                    .setIntervalEnd(end)
                    .setEventId(EventIds.priceBar(p.getSource(), p.getInstrument(), start, end))
                    .build();
        }
        if (e instanceof VolumeBar v) {
            return VolumeBar.newBuilder(v)
                    .setIntervalStart(start)
                    .setIntervalEnd(end)
                    .setEventId(EventIds.volumeBar(v.getSource(), v.getInstrument(), start, end))
                    .build();
        }
        if (e instanceof MetalQuote m) {
            return MetalQuote.newBuilder(m)
                    .setIntervalStart(start)
                    .setIntervalEnd(end)
                    .setEventId(EventIds.metalQuote(m.getSource(), m.getMetal(), start, end))
                    .build();
        }
        return null;
    }
}
