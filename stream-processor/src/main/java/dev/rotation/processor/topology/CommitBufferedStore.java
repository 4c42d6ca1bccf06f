package dev.rotation.processor.topology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * A key-value store that keeps the values written between two commits as objects and writes each
 * changed key through to the store beneath (serialised, changelogged, persisted) once, when Kafka
 * Streams prepares the commit.
 *
 * <p>Stage 1 rewrites a subject's accumulator and records an event id on every event. Kafka
 * Streams' own record cache would coalesce the changelog writes, but its metered layer serialises
 * the value on every {@code put}; the profile showed that serialisation and the per-event RocksDB
 * and changelog writes of the event-id stores as the largest costs of stage 1 (docs/benchmarks.md).
 * This store serialises once per key per commit instead.
 *
 * <p>Exactly-once is kept: Kafka Streams flushes every store's cache ({@code flushCache}) before it
 * flushes the producer and commits the transaction with the input offsets, and this store writes
 * its buffer there, so a commit always includes the state of every event it covers. A crash
 * discards the buffer together with the aborted transaction. Range scans ({@code range}, {@code
 * all}, ...) write the buffer through first, so they see every write; so does a buffer that reaches
 * {@link #MAX_BUFFERED} keys, which bounds its heap.
 *
 * <p>Only the stream thread may use it: the buffer is not synchronised, and a scan writes. Kafka
 * Streams' interactive queries (IQv1 reaches this store itself, IQv2 the one beneath) must not be
 * pointed at it; the stage-1 stores are not queried.
 *
 * <p>It relies on {@link WrappedStateStore}, a Kafka Streams internal class, being the hook by
 * which the state manager flushes caches before a commit (true of Kafka Streams 3.x and 4.x; the
 * exactly-once fault tests cover it).
 *
 * @param <K> key type
 * @param <V> value type; values are held by reference, so a caller may mutate a value it has put
 *     and put it again
 */
final class CommitBufferedStore<K, V> extends WrappedStateStore<KeyValueStore<K, V>, K, V>
        implements KeyValueStore<K, V> {

    /**
     * Keys held before they are written through without waiting for the commit (each key is then
     * written once per commit or per this many changed keys, whichever comes first).
     */
    static final int MAX_BUFFERED = 50_000;

    /** Marks a key deleted since the last commit. */
    private static final Object DELETED = new Object();

    /** Keys written since the last commit, in first-write order; a value or {@link #DELETED}. */
    private final Map<K, Object> buffer = new LinkedHashMap<>();

    CommitBufferedStore(KeyValueStore<K, V> inner) {
        super(inner);
    }

    /**
     * A persistent, changelogged key-value store behind a commit buffer (Kafka Streams' record
     * cache off: the buffer does its work).
     */
    static <K, V> StoreBuilder<KeyValueStore<K, V>> persistent(
            String name, Serde<K> keySerde, Serde<V> valueSerde) {
        return new Builder<>(
                Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(name), keySerde, valueSerde));
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        buffer.clear();
        super.init(context, root);
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(K key) {
        Object v = buffer.get(key);
        if (v == null) {
            return wrapped().get(key);
        }
        return v == DELETED ? null : (V) v;
    }

    @Override
    public void put(K key, V value) {
        buffer.put(key, value == null ? DELETED : value);
        if (buffer.size() >= MAX_BUFFERED) {
            writeThrough(); // bounds the heap when a commit interval holds very many events
        }
    }

    @Override
    public V putIfAbsent(K key, V value) {
        V current = get(key);
        if (current == null) {
            put(key, value);
        }
        return current;
    }

    @Override
    public void putAll(List<KeyValue<K, V>> entries) {
        entries.forEach(e -> put(e.key, e.value));
    }

    @Override
    public V delete(K key) {
        V current = get(key);
        put(key, null);
        return current;
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        writeThrough();
        return wrapped().range(from, to);
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        writeThrough();
        return wrapped().reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<K, V> all() {
        writeThrough();
        return wrapped().all();
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        writeThrough();
        return wrapped().reverseAll();
    }

    @Override
    public <PS extends org.apache.kafka.common.serialization.Serializer<P>, P>
            KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer) {
        writeThrough();
        return wrapped().prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public long approximateNumEntries() {
        writeThrough();
        return wrapped().approximateNumEntries();
    }

    /** Called by Kafka Streams before every commit (and clean close): writes the buffer through. */
    @Override
    public void flushCache() {
        writeThrough();
        super.flushCache();
    }

    /**
     * Kafka Streams drops caches when a task's state is wiped or recycled (active to standby): the
     * buffer goes with them.
     */
    @Override
    public void clearCache() {
        buffer.clear();
        super.clearCache();
    }

    /** A dirty close (crash, fencing): what was not committed is dropped, like the transaction. */
    @Override
    public void close() {
        buffer.clear();
        super.close();
    }

    /** Keys written since the last commit (for tests and metrics). */
    int buffered() {
        return buffer.size();
    }

    @SuppressWarnings("unchecked")
    private void writeThrough() {
        if (buffer.isEmpty()) {
            return;
        }
        List<KeyValue<K, V>> puts = new ArrayList<>(buffer.size());
        for (Map.Entry<K, Object> e : buffer.entrySet()) {
            if (e.getValue() == DELETED) {
                wrapped().delete(e.getKey());
            } else {
                puts.add(KeyValue.pair(e.getKey(), (V) e.getValue()));
            }
        }
        if (!puts.isEmpty()) {
            wrapped().putAll(puts);
        }
        // only once every write went through: a failure keeps the buffer (and fails the task)
        buffer.clear();
    }

    /** Builds the store beneath with Kafka Streams' builder and puts the buffer on top. */
    private static final class Builder<K, V> implements StoreBuilder<KeyValueStore<K, V>> {
        private final StoreBuilder<KeyValueStore<K, V>> inner;

        Builder(StoreBuilder<KeyValueStore<K, V>> inner) {
            this.inner = inner;
        }

        @Override
        public StoreBuilder<KeyValueStore<K, V>> withCachingEnabled() {
            throw new UnsupportedOperationException(
                    "a commit-buffered store is its own cache: Kafka Streams' record cache stays"
                            + " off");
        }

        @Override
        public StoreBuilder<KeyValueStore<K, V>> withCachingDisabled() {
            inner.withCachingDisabled();
            return this;
        }

        @Override
        public StoreBuilder<KeyValueStore<K, V>> withLoggingEnabled(Map<String, String> config) {
            inner.withLoggingEnabled(config);
            return this;
        }

        @Override
        public StoreBuilder<KeyValueStore<K, V>> withLoggingDisabled() {
            inner.withLoggingDisabled();
            return this;
        }

        @Override
        public KeyValueStore<K, V> build() {
            return new CommitBufferedStore<>(inner.build());
        }

        @Override
        public Map<String, String> logConfig() {
            return inner.logConfig();
        }

        @Override
        public boolean loggingEnabled() {
            return inner.loggingEnabled();
        }

        @Override
        public String name() {
            return inner.name();
        }
    }
}
