package dev.rotation.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import dev.rotation.model.SignalStatus;
import dev.rotation.model.events.InputEventType;
import dev.rotation.processor.analytics.EventWindow;
import dev.rotation.processor.analytics.FlowAccumulator;
import dev.rotation.processor.analytics.FlowMetrics;
import dev.rotation.processor.analytics.MetalMetrics;
import dev.rotation.processor.analytics.PriceAccumulator;
import dev.rotation.processor.analytics.PriceMetrics;
import dev.rotation.processor.analytics.SubjectMetrics;
import dev.rotation.processor.analytics.VolumeMetrics;
import dev.rotation.processor.lifecycle.EmittedSignal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The state format: what is written reads back as it was, and nothing else is read. */
class StateSerdeTest {
    private static final ObjectMapper SMILE = new ObjectMapper(new SmileFactory());
    private static final EventWindow SEED_WEEK =
            new EventWindow(Time.day("2026-01-19"), Time.day("2026-01-26"));

    private final StateSerde<PriceAccumulator> prices = new StateSerde<>(PriceAccumulator.class);
    private final StateSerde<SubjectUpdate> updates = new StateSerde<>(SubjectUpdate.class);
    private final StateSerde<WindowState> windows = new StateSerde<>(WindowState.class);

    @Test
    void aPriceAccumulatorRoundTripsWithItsBuckets() {
        PriceAccumulator acc = new PriceAccumulator(3_600_000L, 168);
        for (int h = 0; h < 200; h++) { // more than 168 hours: the buckets coarsen once
            acc.add(
                    h % 2 == 0 ? "coinbase" : "kraken",
                    Time.day("2026-01-19") + h * 3_600_000L,
                    100 + h,
                    101 + h,
                    99 + h,
                    100.5 + h);
        }
        byte[] bytes = prices.serializer().serialize("t", acc);
        PriceAccumulator back = prices.deserializer().deserialize("t", bytes);

        assertThat(back.buckets).hasSameSizeAs(acc.buckets).isNotEmpty();
        for (int i = 0; i < acc.buckets.size(); i++) {
            assertThat(back.buckets.get(i).index).isEqualTo(acc.buckets.get(i).index);
            assertThat(back.buckets.get(i).time).isEqualTo(acc.buckets.get(i).time);
            assertThat(back.buckets.get(i).close).isEqualTo(acc.buckets.get(i).close);
        }
        assertThat(back.bucketMs).isEqualTo(acc.bucketMs);
        assertThat(back.toMetrics("BTC-USD", 99.0)).isEqualTo(acc.toMetrics("BTC-USD", 99.0));
        // 24 bytes a bucket plus the scalar fields, not an object per bucket
        assertThat(bytes.length).isLessThan(acc.buckets.size() * 24 + 300);
    }

    @Test
    void everyKindOfSubjectUpdateRoundTripsAndNamesItsKind() throws Exception {
        Map<InputEventType, SubjectMetrics> byKind =
                Map.of(
                        InputEventType.FLOWS,
                                new FlowMetrics(
                                        "ASSET",
                                        "BTC",
                                        -1.09e9,
                                        Set.of("coinshares"),
                                        Set.of("r1"),
                                        false),
                        InputEventType.PRICES,
                                new PriceMetrics(
                                        "BTC-USD",
                                        -0.072,
                                        -0.05,
                                        0.0127,
                                        7,
                                        95166,
                                        92939,
                                        88290,
                                        95166,
                                        88290,
                                        95166.0,
                                        Time.at("2026-01-19T23:59:59.999Z"),
                                        Time.at("2026-01-25T23:59:59.999Z"),
                                        Set.of("exchange:x"),
                                        List.of(92939.0, 88290.0)),
                        InputEventType.VOLUMES,
                                new VolumeMetrics("BTC-USD", 1200.5, null, 7, Set.of("exchange:x")),
                        InputEventType.METALS,
                                new MetalMetrics(
                                        "XAG",
                                        0.122,
                                        90.0,
                                        100.94,
                                        90.0,
                                        101.2,
                                        89.5,
                                        null,
                                        3.5e6,
                                        2,
                                        Set.of("news")));
        for (Map.Entry<InputEventType, SubjectMetrics> e : byKind.entrySet()) {
            SubjectUpdate u =
                    new SubjectUpdate(
                            SEED_WEEK.start(),
                            SEED_WEEK.end(),
                            "subject-" + e.getKey(),
                            e.getValue(),
                            Time.at("2026-01-23T23:59:59.999Z"),
                            1_000L,
                            "task-0_1",
                            Time.at("2026-01-24T00:00:00Z"));

            byte[] bytes = updates.serializer().serialize("t", u);
            SubjectUpdate back = updates.deserializer().deserialize("t", bytes);

            assertThat(back).isEqualTo(u);
            assertThat(back.kind()).isEqualTo(e.getKey());
            JsonNode stored = SMILE.readTree(bytes);
            assertThat(stored.fieldNames())
                    .toIterable()
                    .containsExactlyInAnyOrder(
                            "windowStart",
                            "windowEnd",
                            "subject",
                            "metrics",
                            "eventTime",
                            "ingestTime",
                            "clock",
                            "clockTime");
            assertThat(stored.path("metrics").path("kind").asText()).isEqualTo(e.getKey().name());
        }
    }

    @Test
    void aWindowsRecordHoldsOnlyTheWindowsOwnFields() throws Exception {
        WindowState state = new WindowState(SEED_WEEK);
        FlowAccumulator acc = new FlowAccumulator();
        acc.add(
                "coinshares|r1|ASSET|BTC|1-2",
                "coinshares",
                "r1",
                14,
                "ASSET",
                "BTC",
                -1.09e9,
                Time.at("2026-01-23T23:59:59.999Z"));
        FlowMetrics btc = acc.toMetrics();
        SubjectUpdate update =
                new SubjectUpdate(
                        SEED_WEEK.start(),
                        SEED_WEEK.end(),
                        "ASSET:BTC",
                        btc,
                        Time.at("2026-01-23T23:59:59.999Z"),
                        1_000L,
                        "task-0_0",
                        Time.at("2026-01-24T00:00:00Z"));
        assertThat(state.apply(update)).isTrue();
        assertThat(state.apply(update)).as("the same metrics again change nothing").isFalse();
        // the report is held: 1 of its 14 rows
        assertThat(ReportGate.refresh(state, true, new java.util.ArrayList<>()))
                .containsExactly(Map.entry("coinshares/r1", ReportGate.Status.PENDING));
        state.closed = true;
        state.emitted.put(
                "ROTATION_TO_HIGH_BETA|2026-01-19T00:00|x",
                new EmittedSignal(
                        "ROTATION_TO_HIGH_BETA|2026-01-19T00:00|x",
                        3,
                        SignalStatus.FINAL,
                        "f",
                        List.of(0.55, -1.72e9, Double.NaN),
                        "FINAL|MICRO|MEDIUM",
                        Time.at("2026-01-23T23:59:59.999Z"),
                        false,
                        Map.of("PROVISIONAL|MICRO|MEDIUM", 1, "FINAL|MICRO|MEDIUM", 1)));

        byte[] bytes = windows.serializer().serialize("t", state);
        WindowState back = windows.deserializer().deserialize("t", bytes);

        assertThat(SMILE.readTree(bytes).fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder(
                        "start",
                        "end",
                        "closed",
                        "emitted",
                        "lastEventTime",
                        "lastIngestTime",
                        "reports");
        assertThat(back.window()).isEqualTo(SEED_WEEK);
        assertThat(back.reports).containsOnlyKeys("coinshares/r1");
        assertThat(back.reports.get("coinshares/r1").waiting).isTrue();
        assertThat(back.reports.get("coinshares/r1").late).isFalse();
        assertThat(back.closed).isTrue();
        assertThat(back.emitted).isEqualTo(state.emitted);
        assertThat(back.lastEventTime).isEqualTo(Time.at("2026-01-23T23:59:59.999Z"));
        assertThat(back.lastIngestTime).isEqualTo(1_000L);
        // the subjects come back from their own records
        assertThat(back.flows).isEmpty();
        back.restore(
                updates.deserializer()
                        .deserialize("t", updates.serializer().serialize("t", update)));
        assertThat(back.flows).containsExactly(Map.entry("ASSET:BTC", btc));
        assertThat(back.flows.get("ASSET:BTC").rows())
                .singleElement()
                .satisfies(r -> assertThat(r.reportRows()).isEqualTo(14));
    }

    @Test
    void anEmittedSignalStoredWithoutTheAlertMemoryReadsAsNotYetAlerted() throws Exception {
        // the layout before the lifecycle remembered figures and alerts: only added fields miss
        byte[] before =
                SMILE.writeValueAsBytes(
                        Map.of(
                                "signalId", "CONCENTRATED_OUTFLOW|2026-01-19|region:US",
                                "revision", 2,
                                "status", "PROVISIONAL",
                                "fingerprint", "f"));
        EmittedSignal back =
                new StateSerde<>(EmittedSignal.class).deserializer().deserialize("t", before);
        assertThat(back.revision()).isEqualTo(2);
        assertThat(back.status()).isEqualTo(SignalStatus.PROVISIONAL);
        assertThat(back.figures()).isEmpty();
        assertThat(back.alertState()).isNull();
        assertThat(back.alertPending()).isFalse();
        assertThat(back.alerted()).isEmpty();
    }

    @Test
    void aRecordInAnotherLayoutIsRefusedNamingTheType() throws Exception {
        // price buckets as an array of objects, not the 24-byte binary form
        byte[] objectBuckets =
                SMILE.writeValueAsBytes(
                        Map.of(
                                "bucketMs",
                                3_600_000L,
                                "bars",
                                1,
                                "buckets",
                                List.of(Map.of("index", 2, "time", 7_200_000L, "close", 101.0))));
        // a window's record carrying its subjects' metrics: a field the window's record does not
        // have
        byte[] embeddedSubjects =
                SMILE.writeValueAsBytes(
                        Map.of(
                                "start",
                                SEED_WEEK.start(),
                                "end",
                                SEED_WEEK.end(),
                                "closed",
                                false,
                                "flows",
                                Map.of(
                                        "ASSET:BTC",
                                        Map.of(
                                                "breakdown",
                                                "ASSET",
                                                "key",
                                                "BTC",
                                                "netFlowUsd",
                                                -1.09e9,
                                                "sources",
                                                List.of("coinshares"),
                                                "reportIds",
                                                List.of("r1"),
                                                "revised",
                                                false))));

        assertThatThrownBy(() -> prices.deserializer().deserialize("t", objectBuckets))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("PriceAccumulator");
        assertThatThrownBy(() -> windows.deserializer().deserialize("t", embeddedSubjects))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("WindowState");
    }
}
