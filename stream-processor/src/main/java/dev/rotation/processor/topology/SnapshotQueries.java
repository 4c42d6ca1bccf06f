package dev.rotation.processor.topology;

import dev.rotation.model.Signal;
import dev.rotation.processor.analytics.EventWindow;
import dev.rotation.processor.analytics.RelativeRotationSettings;
import dev.rotation.processor.analytics.RotationGraph;
import dev.rotation.processor.analytics.TrailingHistory;
import dev.rotation.processor.lifecycle.EmittedSignal;
import dev.rotation.processor.query.DetectorQueries;
import dev.rotation.processor.query.QueryUnavailableException;
import dev.rotation.processor.query.RotationView;
import dev.rotation.processor.query.SignalHistory;
import dev.rotation.processor.query.SignalQuery;
import dev.rotation.processor.query.SignalVersion;
import dev.rotation.processor.query.WindowSummary;
import dev.rotation.processor.query.WindowView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsNotStartedException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@link DetectorQueries} over stage 2's state stores, by interactive queries on the local Kafka
 * Streams client. Stage 2 is a single task, so every one of its stores has one partition and lives
 * on one instance: Kafka Streams' metadata for the store says which ({@code application.server} of
 * each instance). When it is another instance, the methods throw {@link
 * QueryUnavailableException#hostedBy}; the caller forwards the question there.
 */
public final class SnapshotQueries implements DetectorQueries {
    private static final StringSerializer KEYS = new StringSerializer();

    private final Supplier<KafkaStreams> streams;
    private final HostInfo self;
    private final RotationGraph graph;

    /**
     * @param streams the running client (it may be replaced, e.g. after a local state wipe; null
     *     before start)
     * @param self this instance's {@code application.server} address
     * @param graph the relative rotation graph behind {@link #rotation()}
     */
    public SnapshotQueries(Supplier<KafkaStreams> streams, HostInfo self, RotationGraph graph) {
        this.streams = streams;
        this.self = Objects.requireNonNull(self);
        this.graph = Objects.requireNonNull(graph);
    }

    @Override
    public List<Signal> signals(SignalQuery query) {
        ReadOnlyKeyValueStore<String, Signal> signals = store(RotationTopology.SIGNALS_STORE);
        List<Signal> all = new ArrayList<>();
        try (KeyValueIterator<String, Signal> it = signals.all()) {
            it.forEachRemaining(kv -> all.add(kv.value));
        }
        return query.apply(all);
    }

    @Override
    public List<WindowSummary> windows() {
        ReadOnlyKeyValueStore<String, WindowState> windows = store(RotationTopology.SNAPSHOT_STORE);
        List<WindowSummary> out = new ArrayList<>();
        try (KeyValueIterator<String, WindowState> it = windows.all()) {
            it.forEachRemaining(kv -> out.add(summary(kv.value)));
        }
        return out;
    }

    @Override
    public Optional<WindowView> window(Instant at) {
        ReadOnlyKeyValueStore<String, WindowState> windows = store(RotationTopology.SNAPSHOT_STORE);
        long t = at.toEpochMilli();
        WindowState state = null;
        // keys are window starts in time order: the window holding t starts at or before it
        try (KeyValueIterator<String, WindowState> it =
                windows.reverseRange(StoreKeys.window(0), StoreKeys.window(Math.max(t, 0)))) {
            while (it.hasNext() && state == null) {
                WindowState s = it.next().value;
                if (s.start <= t && t < s.end) {
                    state = s;
                }
            }
        }
        if (state == null) {
            return Optional.empty();
        }
        ReadOnlyKeyValueStore<String, SubjectUpdate> subjects =
                store(RotationTopology.SNAPSHOT_SUBJECTS_STORE);
        try (KeyValueIterator<String, SubjectUpdate> it =
                subjects.prefixScan(StoreKeys.window(state.start) + '|', KEYS)) {
            WindowState window = state;
            it.forEachRemaining(kv -> window.restore(kv.value));
        }
        List<SignalVersion> versions =
                state.emitted.values().stream()
                        .map(e -> new SignalVersion(e.signalId(), e.revision(), e.status()))
                        .toList();
        return Optional.of(
                new WindowView(
                        summary(state),
                        state.flows,
                        state.prices,
                        state.volumes,
                        state.metals,
                        versions));
    }

    @Override
    public Optional<SignalHistory> history(String signalId) {
        ReadOnlyKeyValueStore<String, Signal> signals = store(RotationTopology.SIGNALS_STORE);
        Signal latest = signals.get(signalId);
        if (latest == null) {
            return Optional.empty();
        }
        ReadOnlyKeyValueStore<String, WindowState> windows = store(RotationTopology.SNAPSHOT_STORE);
        WindowState window = windows.get(StoreKeys.window(latest.getWindowStart().toEpochMilli()));
        EmittedSignal emitted = window == null ? null : window.emitted.get(signalId);
        int revisions = Math.max(latest.getRevision(), emitted == null ? 0 : emitted.revision());
        return Optional.of(new SignalHistory(signalId, revisions, List.of(latest)));
    }

    @Override
    public RotationView rotation() {
        ReadOnlyKeyValueStore<String, TrailingHistory> histories =
                store(RotationTopology.HISTORY_STORE);
        TrailingHistory history = histories.get(SnapshotProcessor.HISTORY_KEY);
        if (history == null) {
            history = new TrailingHistory();
        }
        ReadOnlyKeyValueStore<String, WindowState> windows = store(RotationTopology.SNAPSHOT_STORE);
        WindowState open = null;
        try (KeyValueIterator<String, WindowState> it = windows.reverseAll()) {
            while (it.hasNext() && open == null) {
                WindowState s = it.next().value;
                if (s != null && !s.closed) {
                    open = s;
                }
            }
        }
        Map<String, Double> prices = new HashMap<>();
        Map<String, Double> metals = new HashMap<>();
        EventWindow openWindow = null;
        if (open != null) {
            ReadOnlyKeyValueStore<String, SubjectUpdate> subjects =
                    store(RotationTopology.SNAPSHOT_SUBJECTS_STORE);
            try (KeyValueIterator<String, SubjectUpdate> it =
                    subjects.prefixScan(StoreKeys.window(open.start) + '|', KEYS)) {
                WindowState window = open;
                it.forEachRemaining(kv -> window.restore(kv.value));
            }
            open.prices.forEach((i, p) -> prices.put(i, p.lastClose()));
            open.metals.forEach((m, mm) -> metals.put(m, mm.lastSpot()));
            openWindow = new EventWindow(open.start, open.end);
        }
        RelativeRotationSettings settings = graph.settings();
        return new RotationView(
                settings.benchmark(),
                settings.ratioWindows(),
                settings.momentumWindows(),
                List.copyOf(graph.trails(history, openWindow, prices, metals).values()));
    }

    private static WindowSummary summary(WindowState s) {
        return new WindowSummary(
                Instant.ofEpochMilli(s.start),
                Instant.ofEpochMilli(s.end),
                s.closed,
                Instant.ofEpochMilli(s.lastEventTime),
                s.emitted.size());
    }

    /**
     * A stage-2 store of this instance, or {@link QueryUnavailableException} naming the instance
     * that hosts it (or none yet).
     */
    private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        KafkaStreams client = streams.get();
        if (client == null) {
            throw QueryUnavailableException.notYet(
                    "the processor has not started yet; retry shortly");
        }
        KeyQueryMetadata where;
        try {
            // any key: the store has one partition
            where = client.queryMetadataForKey(name, "", KEYS);
        } catch (StreamsNotStartedException | IllegalStateException e) {
            throw QueryUnavailableException.notYet(
                    "the processor is " + client.state() + "; retry shortly");
        }
        HostInfo active = where == null ? null : where.activeHost();
        if (active == null || where.equals(KeyQueryMetadata.NOT_AVAILABLE) || active.port() < 0) {
            throw QueryUnavailableException.notYet(
                    "no instance hosts the signal state yet (state "
                            + client.state()
                            + "; a rebalance or restore is under way); retry shortly");
        }
        if (!active.equals(self)) {
            throw QueryUnavailableException.hostedBy(active);
        }
        try {
            return client.store(
                    StoreQueryParameters.fromNameAndType(
                            name, QueryableStoreTypes.<String, V>keyValueStore()));
        } catch (InvalidStateStoreException e) {
            throw QueryUnavailableException.notYet(
                    "the signal state is not queryable yet (state "
                            + client.state()
                            + "); retry shortly");
        }
    }
}
