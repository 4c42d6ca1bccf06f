package dev.rotation.producers.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rotation.model.FundFlow;
import dev.rotation.model.config.ConnectionSettings;
import dev.rotation.model.deadletter.DeadLetterHeaders;
import dev.rotation.model.events.InputEventType;
import dev.rotation.model.registry.SchemaRegistryClient;
import dev.rotation.model.topics.Topic;
import dev.rotation.model.topics.Topics;
import dev.rotation.platform.LocalPlatform;
import dev.rotation.producers.cli.ProduceCommand;
import dev.rotation.producers.ingest.EventFileReader;
import dev.rotation.producers.ingest.IngestResult;
import dev.rotation.producers.publish.EventPublisher;
import dev.rotation.producers.publish.PublishSummary;
import dev.rotation.producers.publish.TopicSetup;
import dev.rotation.producers.simulator.MarketSimulator;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Publishing to a real (embedded) broker and registry, reading back and decoding. */
@Tag("integration")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ProducersIntegrationTest {

    @TempDir static Path platformDir;
    private static LocalPlatform platform;

    @BeforeAll
    static void startPlatform() {
        platform = LocalPlatform.startForTests(platformDir);
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    private static String uniquePrefix() {
        return "it-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    }

    private static ConnectionSettings settings() {
        return ConnectionSettings.of(platform.bootstrapServers(), platform.registryUrl());
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
        Map<String, Object> config = new HashMap<>(settings().kafkaClientConfig());
        config.put("group.id", "it-" + UUID.randomUUID());
        config.put("auto.offset.reset", "earliest");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50))
                    .until(
                            () -> {
                                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                                return records.size() >= expected;
                            });
        }
        return records;
    }

    @Test
    void seedWeekAndSimulatedEventsRoundTripDecoded() throws Exception {
        String prefix = uniquePrefix();
        IngestResult seed;
        try (var in =
                new InputStreamReader(
                        getClass().getResourceAsStream("/sample/coinshares-week-2026-01-26.csv"),
                        StandardCharsets.UTF_8)) {
            seed = new EventFileReader().read("coinshares-week-2026-01-26.csv", in);
        }
        List<SpecificRecord> simulated = new ArrayList<>();
        new MarketSimulator(MarketSimulator.Options.of(3, 1)).forEach(simulated::add);

        PublishSummary summary;
        Topics topics;
        try (SchemaRegistryClient registry = settings().newRegistryClient();
                EventPublisher publisher =
                        new EventPublisher(settings(), registry, prefix, Map.of())) {
            topics = publisher.topics();
            assertThat(TopicSetup.ensureTopics(settings(), topics, 3)).hasSize(6);
            publisher.publishAll(seed.events());
            publisher.publishAll(simulated);
            summary = publisher.summary();
        }
        assertThat(summary.failed()).isZero();
        assertThat(summary.sent()).isEqualTo(seed.events().size() + simulated.size());
        assertThat(summary.eventsPerSecond()).isPositive();

        long simulatedFlows = simulated.stream().filter(FundFlow.class::isInstance).count();
        List<ConsumerRecord<byte[], byte[]>> flowRecords =
                readAll(topics.fundFlows().name(), (int) (14 + simulatedFlows));
        assertThat(flowRecords).hasSize((int) (14 + simulatedFlows));
        Map<String, SpecificRecord> byId = new HashMap<>();
        seed.events().forEach(e -> byId.put(InputEventType.of(e).eventId(e), e));
        simulated.forEach(e -> byId.put(InputEventType.of(e).eventId(e), e));

        try (SchemaRegistryClient registry = settings().newRegistryClient()) {
            Topics readTopics = Topics.create(registry, settings().serdeConfig(), prefix);
            for (ConsumerRecord<byte[], byte[]> r : flowRecords) {
                FundFlow decoded =
                        readTopics
                                .fundFlows()
                                .valueSerde()
                                .deserializer()
                                .deserialize(r.topic(), r.value());
                assertThat(decoded).isEqualTo(byId.get(decoded.getEventId()));
                assertThat(new String(r.key(), StandardCharsets.UTF_8))
                        .isEqualTo(InputEventType.FLOWS.key(decoded));
                assertThat(r.timestamp()).isEqualTo(InputEventType.FLOWS.eventTime(decoded));
            }
            for (InputEventType type :
                    List.of(InputEventType.PRICES, InputEventType.VOLUMES, InputEventType.METALS)) {
                @SuppressWarnings("unchecked")
                Topic<String, SpecificRecord> topic =
                        (Topic<String, SpecificRecord>) type.topic(readTopics);
                long expected = simulated.stream().filter(type::isInstance).count();
                List<ConsumerRecord<byte[], byte[]>> records =
                        readAll(topic.name(), (int) expected);
                assertThat(records).hasSize((int) expected);
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    SpecificRecord decoded =
                            topic.valueSerde().deserializer().deserialize(r.topic(), r.value());
                    assertThat(decoded).isEqualTo(byId.get(type.eventId(decoded)));
                    assertThat(new String(r.key(), StandardCharsets.UTF_8))
                            .isEqualTo(type.key(decoded));
                }
            }
        }
    }

    @Test
    void aPriceFileSortedByInstrumentIsPublishedInEventTimeOrderAndSummarisedPerType(
            @TempDir Path dir) throws Exception {
        String prefix = uniquePrefix();
        // 21 daily bars of three instruments, sorted by instrument as a spreadsheet exports them
        StringBuilder prices =
                new StringBuilder("instrument,interval_start,interval_end,open,high,low,close\n");
        for (String instrument : List.of("BTC-USD", "ETH-USD", "SOL-USD")) {
            for (int day = 1; day <= 21; day++) {
                String start = String.format("2026-01-%02dT00:00:00Z", day);
                String end = String.format("2026-01-%02dT00:00:00Z", day + 1);
                prices.append(instrument + "," + start + "," + end + ",100,101,99,100\n");
            }
        }
        Path priceFile = dir.resolve("prices.csv");
        Files.writeString(priceFile, prices);
        Path flowFile = dir.resolve("flows.csv");
        Files.writeString(
                flowFile,
                "report_id,report_date,period_start,period_end,breakdown,key,net_flow_usd\n"
                        + "coinshares-x,2026-01-12,2026-01-05,2026-01-09,ASSET,Bitcoin,-1090000000\n"
                        + "coinshares-x,2026-01-12,2026-01-05,2026-01-09,TOTAL,ALL,-1730000000\n");

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = ProduceCommand.commandLine(Map.of());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code =
                cl.execute(
                        "file",
                        priceFile.toString(),
                        flowFile.toString(),
                        "--bootstrap-servers",
                        platform.bootstrapServers(),
                        "--schema-registry-url",
                        platform.registryUrl(),
                        "--topic-prefix",
                        prefix,
                        "--partitions",
                        "1");
        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString())
                .contains(flowFile + ": publishers' labels read as keys: 'Bitcoin' as BTC (1 row)");
        assertThat(out.toString())
                .contains(
                        "Published by type (event time, in that order): flows 2 at"
                                + " 2026-01-09T23:59:59.999Z; prices 63 from"
                                + " 2026-01-01T23:59:59.999Z to 2026-01-21T23:59:59.999Z");

        List<ConsumerRecord<byte[], byte[]>> bars = readAll(prefix + "rd.prices", 63);
        assertThat(bars).hasSize(63);
        assertThat(bars).extracting(ConsumerRecord::timestamp).isSortedAccordingTo(Long::compare);
        assertThat(readAll(prefix + "rd.fund-flows", 2))
                .extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrder("ASSET:BTC", "TOTAL:ALL");
    }

    @Test
    void theUsSpotEtfFileAndAPastedTrackerTableArePublishedAsDailyRows() throws Exception {
        String prefix = uniquePrefix();
        Path etfFile =
                Path.of(getClass().getResource("/sample/us-spot-etf-flows-daily.csv").toURI());
        Path table = Path.of(getClass().getResource("/etf/tracker-btc-wide-2026-01.csv").toURI());

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = ProduceCommand.commandLine(Map.of());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] connection = {
            "--bootstrap-servers",
            platform.bootstrapServers(),
            "--schema-registry-url",
            platform.registryUrl(),
            "--topic-prefix",
            prefix,
            "--partitions",
            "1"
        };
        int code = cl.execute(concat(new String[] {"file", etfFile.toString()}, connection));
        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).contains(etfFile + ": 124 events (flows), 0 bad lines");
        assertThat(out.toString())
                .contains("sent=124 failed=0 dead-lettered=0")
                .contains(
                        "Published by type (event time, in that order): flows 124 from"
                                + " 2025-12-01T23:59:59.999Z to 2026-01-30T23:59:59.999Z");

        // the tracker's table under its own source name, so its days stay apart from the file's
        StringWriter tableErr = new StringWriter();
        cl.setErr(new PrintWriter(tableErr, true));
        code =
                cl.execute(
                        concat(
                                new String[] {"file", table.toString(), "--source", "tracker"},
                                connection));
        assertThat(code).as(tableErr.toString()).isZero();
        assertThat(tableErr.toString())
                .contains(table + ": 21 events (flows), 0 bad lines, 4 notes")
                .contains(table + ": line 11: 'Total' row skipped, a total of days, not a day");

        List<ConsumerRecord<byte[], byte[]>> records = readAll(prefix + "rd.fund-flows", 145);
        assertThat(records).hasSize(145);
        Map<String, FundFlow> byKeyAndDay = new HashMap<>();
        try (SchemaRegistryClient registry = settings().newRegistryClient()) {
            Topics readTopics = Topics.create(registry, settings().serdeConfig(), prefix);
            for (ConsumerRecord<byte[], byte[]> r : records) {
                FundFlow f =
                        readTopics
                                .fundFlows()
                                .valueSerde()
                                .deserializer()
                                .deserialize(r.topic(), r.value());
                assertThat(new String(r.key(), StandardCharsets.UTF_8))
                        .isEqualTo(InputEventType.FLOWS.key(f));
                assertThat(r.timestamp()).isEqualTo(InputEventType.FLOWS.eventTime(f));
                byKeyAndDay.put(
                        f.getSource()
                                + " "
                                + InputEventType.FLOWS.key(f)
                                + " "
                                + f.getPeriodStart().toString().substring(0, 10),
                        f);
            }
        }
        FundFlow btc = byKeyAndDay.get("us-spot-etf ASSET:BTC 2026-01-20");
        assertThat(btc)
                .extracting(
                        FundFlow::getNetFlowUsd,
                        FundFlow::getAsset,
                        FundFlow::getRegion,
                        FundFlow::getIssuer,
                        FundFlow::getReportId)
                .containsExactly(-483_380_000.0, "BTC", "US", null, null);
        FundFlow ibit = byKeyAndDay.get("us-spot-etf PROVIDER:IBIT 2026-01-21");
        assertThat(ibit)
                .extracting(FundFlow::getNetFlowUsd, FundFlow::getAsset, FundFlow::getIssuer)
                .containsExactly(-360_000_000.0, "BTC", "IBIT");
        assertThat(byKeyAndDay.get("tracker PROVIDER:FBTC 2026-01-21").getNetFlowUsd())
                .isEqualTo(-1_113_700_000.0);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void deadLetterRunPublishesGoodRowsAndDeadLettersTheBadLineWithHeaders(@TempDir Path dir)
            throws Exception {
        String prefix = uniquePrefix();
        Path file = dir.resolve("flows.csv");
        String badLine = "coinshares-x,2026-01-26,2026-01-19,2026-01-23,ASSET,ETH,NaN";
        Files.writeString(
                file,
                "report_id,report_date,period_start,period_end,breakdown,key,net_flow_usd\n"
                        + "coinshares-x,2026-01-26,2026-01-19,2026-01-23,ASSET,BTC,-1090000000\n"
                        + badLine
                        + "\n"
                        + "coinshares-x,2026-01-26,2026-01-19,2026-01-23,TOTAL,ALL,-1730000000\n");

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = ProduceCommand.commandLine(Map.of());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code =
                cl.execute(
                        "file",
                        file.toString(),
                        "--on-error=dead-letter",
                        "--bootstrap-servers",
                        platform.bootstrapServers(),
                        "--schema-registry-url",
                        platform.registryUrl(),
                        "--topic-prefix",
                        prefix,
                        "--partitions",
                        "1");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("sent=2 failed=0 dead-lettered=1");
        assertThat(err.toString()).contains(file + ":3: NOT_FINITE");

        ConsumerRecord<byte[], byte[]> dead = readAll(prefix + "rd.dead-letter", 1).get(0);
        assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo(file + ":3");
        assertThat(dead.value()).isEqualTo(badLine.getBytes(StandardCharsets.UTF_8));
        Map<String, String> headers = new HashMap<>();
        for (Header h : dead.headers()) {
            headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
        assertThat(headers)
                .containsEntry(DeadLetterHeaders.REASON, "NOT_FINITE")
                .containsEntry(DeadLetterHeaders.STAGE, DeadLetterHeaders.STAGE_PRODUCER)
                .containsEntry(DeadLetterHeaders.SOURCE_FILE, file.toString())
                .containsEntry(DeadLetterHeaders.SOURCE_LINE, "3")
                .containsEntry(DeadLetterHeaders.EVENT_TYPE, "flows");
        assertThat(headers.get(DeadLetterHeaders.MESSAGE)).contains("netFlowUsd is NaN");
        assertThat(readAll(prefix + "rd.fund-flows", 2)).hasSize(2);
    }

    @Test
    void anUnreachableRegistryIsOneLineNamingTheUrlAndNothingIsPublished() throws Exception {
        String prefix = uniquePrefix();
        String url;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            url = "http://127.0.0.1:" + s.getLocalPort();
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = ProduceCommand.commandLine(Map.of());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code =
                cl.execute(
                        "sample",
                        "--bootstrap-servers",
                        platform.bootstrapServers(),
                        "--schema-registry-url",
                        url,
                        "--topic-prefix",
                        prefix);
        assertThat(code).isEqualTo(ProduceCommand.EXIT_UNAVAILABLE);
        assertThat(err.toString())
                .isEqualTo(
                        "Cannot reach the Schema Registry at "
                                + url
                                + " (schema.registry.url): "
                                + "connection refused. Start a local one with ./rotation-detector platform, or pass --schema-registry-url URL "
                                + "(or set $SCHEMA_REGISTRY_URL)."
                                + System.lineSeparator());
        try (var admin =
                org.apache.kafka.clients.admin.Admin.create(settings().kafkaClientConfig())) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .noneMatch(t -> t.startsWith(prefix));
        }
    }

    @Test
    void sampleCommandPublishesTheWholeBundle() {
        String prefix = uniquePrefix();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = ProduceCommand.commandLine(Map.of());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code =
                cl.execute(
                        "sample",
                        "--bootstrap-servers",
                        platform.bootstrapServers(),
                        "--schema-registry-url",
                        platform.registryUrl(),
                        "--topic-prefix",
                        prefix,
                        "--partitions",
                        "1");
        assertThat(code).as(err.toString()).isZero();
        int total = dev.rotation.producers.sample.SampleData.load().size();
        assertThat(out.toString()).contains("sent=" + total + " failed=0 dead-lettered=0");
    }
}
