package dev.rotation.processor.topology;

import static dev.rotation.processor.topology.Events.dailyClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commit buffer of stage 1's stores: writes stay as objects until Kafka Streams flushes the
 * store's cache before a commit, reads and scans see them before that, a dirty close drops them.
 */
class CommitBufferedStoreTest {
    private KeyValueStore<String, String> inner;
    private CommitBufferedStore<String, String> store;

    @BeforeEach
    void open() {
        inner =
                Stores.keyValueStoreBuilder(
                                Stores.inMemoryKeyValueStore("ids"),
                                Serdes.String(),
                                Serdes.String())
                        .withLoggingDisabled()
                        .build();
        store = new CommitBufferedStore<>(inner);
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        store.init(context.getStateStoreContext(), store);
    }

    @AfterEach
    void close() {
        if (store.isOpen()) {
            store.close();
        }
    }

    @Test
    void aWriteIsReadBackAtOnceButReachesTheStoreBeneathOnlyAtTheCommitFlush() {
        store.put("a", "1");
        store.put("a", "2");
        store.put("b", "3");

        assertThat(store.get("a")).isEqualTo("2");
        assertThat(inner.get("a")).isNull();
        assertThat(store.buffered()).isEqualTo(2);

        store.flushCache();

        assertThat(inner.get("a")).isEqualTo("2");
        assertThat(inner.get("b")).isEqualTo("3");
        assertThat(store.buffered()).isZero();
    }

    @Test
    void aDeleteHidesTheCommittedValueAndRemovesItAtTheFlush() {
        store.put("a", "1");
        store.flushCache();

        assertThat(store.delete("a")).isEqualTo("1");
        assertThat(store.get("a")).isNull();
        assertThat(inner.get("a")).isEqualTo("1");

        store.flushCache();
        assertThat(inner.get("a")).isNull();

        store.put("b", "2");
        store.put("b", null); // a null value deletes, as in every Kafka Streams key-value store
        assertThat(store.get("b")).isNull();
        assertThat(store.putIfAbsent("b", "3")).isNull();
        assertThat(store.putIfAbsent("b", "4")).isEqualTo("3");
    }

    @Test
    void scansSeeEveryWriteIncludingDeletes() {
        store.putAll(List.of(KeyValue.pair("a", "1"), KeyValue.pair("b", "2")));
        store.flushCache();
        store.put("c", "3");
        store.delete("a");

        assertThat(keys(store.all())).containsExactly("b", "c");
        assertThat(keys(store.range("a", "b"))).containsExactly("b");
        assertThat(keys(store.reverseAll())).containsExactly("c", "b");
        assertThat(store.approximateNumEntries()).isEqualTo(2);
    }

    @Test
    void aCloseWithoutFlushDropsWhatWasNotCommitted() {
        store.put("a", "1");
        store.flushCache();
        store.put("b", "2");

        store.close();

        assertThat(store.buffered()).isZero();
    }

    @Test
    void aBufferOfMaxKeysIsWrittenThroughWithoutWaitingForTheCommit() {
        for (int i = 0; i < CommitBufferedStore.MAX_BUFFERED - 1; i++) {
            store.put("k" + i, "v");
        }
        assertThat(store.buffered()).isEqualTo(CommitBufferedStore.MAX_BUFFERED - 1);
        assertThat(inner.get("k0")).isNull();

        store.put("last", "v");

        assertThat(store.buffered()).isZero();
        assertThat(inner.get("k0")).isEqualTo("v");
        assertThat(inner.get("last")).isEqualTo("v");
    }

    @Test
    void aFailedWriteThroughKeepsTheBufferAndClearCacheDropsIt() {
        // a value serde that cannot write "unwritable": the write-through fails half-way
        org.apache.kafka.common.serialization.Serializer<String> strings =
                Serdes.String().serializer();
        KeyValueStore<String, String> failing =
                Stores.keyValueStoreBuilder(
                                Stores.inMemoryKeyValueStore("failing"),
                                Serdes.String(),
                                Serdes.serdeFrom(
                                        (topic, v) -> {
                                            if ("unwritable".equals(v)) {
                                                throw new IllegalStateException("cannot write");
                                            }
                                            return strings.serialize(topic, v);
                                        },
                                        Serdes.String().deserializer()))
                        .withLoggingDisabled()
                        .build();
        CommitBufferedStore<String, String> buffered = new CommitBufferedStore<>(failing);
        buffered.init(new MockProcessorContext<>().getStateStoreContext(), buffered);
        buffered.put("a", "1");
        buffered.put("b", "unwritable");

        assertThatThrownBy(buffered::flushCache).hasMessageContaining("cannot write");
        assertThat(buffered.buffered()).as("nothing forgotten").isEqualTo(2);
        assertThat(buffered.get("a")).isEqualTo("1");

        buffered.clearCache();
        assertThat(buffered.buffered()).isZero();
        buffered.close();
    }

    @Test
    void kafkaStreamsRecordCacheCannotBeStackedOnTheBuffer() {
        assertThatThrownBy(
                        () ->
                                CommitBufferedStore.persistent(
                                                "x", Serdes.String(), Serdes.String())
                                        .withCachingEnabled())
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("its own cache");
    }

    /**
     * In the real topology, Kafka Streams flushes the buffer at every commit (TopologyTestDriver
     * commits after each input record): nothing is left buffered, and the store beneath holds the
     * accumulator and the event id.
     */
    @Test
    void theTopologysStage1StoresAreFlushedByKafkaStreamsAtTheCommit(@TempDir Path dir) {
        try (DetectorDriver d = new DetectorDriver(dir)) {
            d.pipe(dailyClose("BTC-USD", "2026-01-05", 90000, 91000));

            for (String name :
                    List.of(RotationTopology.PRICES_STORE, RotationTopology.PRICES_DEDUPE)) {
                KeyValueStore<Object, Object> root = d.driver.getKeyValueStore(name);
                assertThat(root).isInstanceOf(CommitBufferedStore.class);
                CommitBufferedStore<?, ?> buffered = (CommitBufferedStore<?, ?>) root;
                assertThat(buffered.buffered()).as(name).isZero();
                try (var it = buffered.wrapped().all()) {
                    assertThat(it.hasNext()).as(name).isTrue();
                }
            }
        }
    }

    private static List<String> keys(KeyValueIterator<String, String> it) {
        List<String> keys = new ArrayList<>();
        try (it) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        return keys;
    }
}
