package dev.rotation.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.rotation.model.config.ConnectionSettings;
import dev.rotation.processor.config.ProcessorConfig;
import dev.rotation.processor.ops.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Static checks of the production stack in {@code docker/}: this machine has no Docker engine, so
 * the compose file, the Dockerfile and the Prometheus and Grafana provisioning are validated
 * against the code they deploy instead of by running them. The processor's configuration in the
 * compose file is loaded through the real {@link ProcessorConfig}, the commands are parsed by the
 * real CLI, and the dashboard may only query metrics the processor publishes.
 */
class ComposeFileTest {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SERVICES =
            List.of("kafka", "schema-registry", "processor", "producers", "prometheus", "grafana");

    /**
     * Prefixes of the metrics the processor's registry binds besides its own (see DetectorService).
     */
    private static final List<String> BOUND_PREFIXES =
            List.of("kafka_", "jvm_", "process_", "system_");

    private static Path repo;
    private static Path docker;
    private static JsonNode compose;
    private static JsonNode services;

    @BeforeAll
    static void readCompose() throws IOException {
        repo = repositoryRoot();
        docker = repo.resolve("docker");
        compose = YAML.readTree(docker.resolve("compose.yaml").toFile());
        services = compose.path("services");
    }

    /**
     * Surefire runs in the module directory; the repository root is the first parent with
     * docker/compose.yaml.
     */
    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docker/compose.yaml"))
                    && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException(
                "docker/compose.yaml not found above " + Path.of("").toAbsolutePath());
    }

    @Test
    void everyServiceOfTheProductionShapeIsThere() {
        assertThat(fieldNames(services)).containsAll(SERVICES);
        for (String name : fieldNames(services)) {
            JsonNode s = services.get(name);
            assertThat(s.has("image") || s.has("build"))
                    .as("service %s has an image or a build", name)
                    .isTrue();
        }
    }

    @Test
    void kafkaIsASingleKraftNodeReachableAsKafka9092() {
        JsonNode kafka = services.get("kafka");
        assertThat(kafka.path("image").asText()).startsWith("apache/kafka:");
        Map<String, String> env = environment(kafka);
        assertThat(List.of(env.get("KAFKA_PROCESS_ROLES").split(",")))
                .containsExactlyInAnyOrder("broker", "controller");
        assertThatCode(() -> Uuid.fromString(env.get("CLUSTER_ID")))
                .as("CLUSTER_ID is a Kafka UUID")
                .doesNotThrowAnyException();

        Map<String, String> listeners = listeners(env.get("KAFKA_LISTENERS"));
        Map<String, String> advertised = listeners(env.get("KAFKA_ADVERTISED_LISTENERS"));
        Set<String> protocolMap =
                listeners(env.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP")).keySet();
        assertThat(protocolMap).containsAll(listeners.keySet());
        assertThat(listeners.keySet())
                .containsAll(advertised.keySet())
                .contains(env.get("KAFKA_CONTROLLER_LISTENER_NAMES"));
        assertThat(advertised).doesNotContainKey(env.get("KAFKA_CONTROLLER_LISTENER_NAMES"));
        String inter = env.get("KAFKA_INTER_BROKER_LISTENER_NAME");
        assertThat(advertised.get(inter))
                .as("the listener other containers use")
                .isEqualTo("kafka:9092");
        assertThat(listeners.get(inter)).endsWith(":9092");
        // exactly-once on one broker: the transaction log must fit it
        assertThat(env)
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
                .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1");
        assertThat(kafka.path("healthcheck").path("test").toString()).contains("9092");
    }

    @Test
    void schemaRegistryStoresItsSchemasInTheComposeKafka() {
        JsonNode registry = services.get("schema-registry");
        assertThat(registry.path("image").asText()).startsWith("confluentinc/cp-schema-registry:");
        Map<String, String> env = environment(registry);
        assertThat(env.get("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS")).endsWith("kafka:9092");
        assertThat(env.get("SCHEMA_REGISTRY_LISTENERS")).isEqualTo("http://0.0.0.0:8081");
        assertThat(containerPorts(registry)).contains(8081);
        assertThat(fieldNames(registry.path("depends_on"))).contains("kafka");
    }

    @Test
    void processorRunsTwoReplicasOfOneApplicationReachableInsideTheNetwork() {
        JsonNode processor = services.get("processor");
        assertThat(processor.path("deploy").path("replicas").asInt()).isEqualTo(2);
        // replicas cannot share a container name, a fixed host port or a state volume
        assertThat(processor.has("container_name")).isFalse();
        assertThat(processor.has("ports"))
                .as("fixed host ports would clash between replicas")
                .isFalse();
        assertThat(processor.path("volumes").isMissingNode())
                .as("a shared state volume would be locked by one replica")
                .isTrue();
        assertThat(command(processor)).startsWith("process");

        Map<String, String> env = environment(processor);
        assertThat(env)
                .containsEntry(ConnectionSettings.ENV_BOOTSTRAP, "kafka:9092")
                .containsEntry(ConnectionSettings.ENV_REGISTRY, "http://schema-registry:8081")
                .containsEntry("RD_HTTP_BIND", "0.0.0.0");
        assertThat(fieldNames(processor.path("depends_on"))).contains("kafka", "schema-registry");

        // the compose environment is loaded exactly as `process` loads it
        ProcessorConfig config = ProcessorConfig.load(null, env, null);
        assertThat(config.httpBind()).isEqualTo("0.0.0.0");
        assertThat(config.applicationId()).isNotBlank();
        assertThat(expose(processor)).contains(config.httpPort());
        ConnectionSettings connection = ConnectionSettings.resolve(null, null, null, env);
        assertThat(connection.bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(connection.registryUrl()).isEqualTo("http://schema-registry:8081");

        assertThat(processor.path("healthcheck").path("test").toString())
                .contains("/health")
                .contains(":" + config.httpPort());
    }

    @Test
    void clientsAddressServicesThatExistOnThePortsTheyListenOn() {
        int registryPort =
                URI.create(
                                environment(services.get("schema-registry"))
                                        .get("SCHEMA_REGISTRY_LISTENERS"))
                        .getPort();
        for (String name : fieldNames(services)) {
            Map<String, String> env = environment(services.get(name));
            if (env.containsKey(ConnectionSettings.ENV_BOOTSTRAP)) {
                assertThat(env.get(ConnectionSettings.ENV_BOOTSTRAP))
                        .as(name)
                        .isEqualTo("kafka:9092");
            }
            if (env.containsKey(ConnectionSettings.ENV_REGISTRY)) {
                URI url = URI.create(env.get(ConnectionSettings.ENV_REGISTRY));
                assertThat(services.has(url.getHost()))
                        .as("%s: registry host %s is a service", name, url.getHost())
                        .isTrue();
                assertThat(url.getPort()).as(name).isEqualTo(registryPort);
            }
        }
    }

    @Test
    void producersPublishTheSampleWithTheProcessorsPartitioning() {
        JsonNode producers = services.get("producers");
        List<String> args = command(producers);
        assertThat(args).startsWith("produce", "sample");
        assertThat(environment(producers))
                .containsEntry(ConnectionSettings.ENV_BOOTSTRAP, "kafka:9092");
        assertThat(producers.path("restart").asText()).as("a one-shot job").isEqualTo("no");
        String partitions =
                environment(services.get("processor")).get("RD_TOPICS_INPUT_PARTITIONS");
        if (partitions != null && args.contains("--partitions")) {
            assertThat(args.get(args.indexOf("--partitions") + 1)).isEqualTo(partitions);
        }
    }

    @Test
    void everyCommandParsesWithTheRealCommandLine() {
        for (String name : fieldNames(services)) {
            JsonNode s = services.get(name);
            if (!usesProjectImage(s)) {
                continue;
            }
            List<String> args = command(s);
            assertThat(args).as(name).isNotEmpty();
            CommandLine cli =
                    new CommandLine(new RotationDetector())
                            .setCaseInsensitiveEnumValuesAllowed(true);
            assertThatCode(() -> cli.parseArgs(args.toArray(String[]::new)))
                    .as("%s: %s", name, args)
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void everyFileTheStackBuildsFromOrMountsExists() {
        int builds = 0;
        for (String name : fieldNames(services)) {
            JsonNode s = services.get(name);
            if (s.has("build")) {
                builds++;
                Path context =
                        docker.resolve(s.path("build").path("context").asText(".")).normalize();
                assertThat(context).as("%s build context", name).isDirectory();
                assertThat(context.resolve(s.path("build").path("dockerfile").asText("Dockerfile")))
                        .as("%s Dockerfile", name)
                        .isRegularFile();
            }
            for (JsonNode v : s.path("volumes")) {
                String source =
                        v.isTextual() ? v.asText().split(":")[0] : v.path("source").asText();
                if (source.startsWith(".") || source.startsWith("/")) {
                    assertThat(docker.resolve(source).normalize())
                            .as("%s mounts %s", name, source)
                            .exists();
                } else {
                    assertThat(fieldNames(compose.path("volumes")))
                            .as("%s: named volume %s is declared", name, source)
                            .contains(source);
                }
            }
        }
        assertThat(builds).isPositive();
        assertThat(services.get("processor").path("build").isMissingNode()).isFalse();
        assertThat(services.get("processor").path("image").asText())
                .as("producers and processor run the same image")
                .isEqualTo(services.get("producers").path("image").asText());
    }

    @Test
    void dockerfileBuildsTheShadedJarWithTheWrapperAndRunsItAsNonRoot() throws IOException {
        List<String> lines = dockerfileInstructions();
        String appPom = Files.readString(repo.resolve("app/pom.xml"));
        Matcher finalName = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(appPom);
        assertThat(finalName.find()).as("app/pom.xml names the shaded jar").isTrue();
        String jar = finalName.group(1) + ".jar";
        assertThat(jar).isEqualTo("rotation-detector.jar");

        List<String> froms = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
        assertThat(froms).hasSizeGreaterThanOrEqualTo(2);
        assertThat(froms.get(0)).contains("17").containsIgnoringCase(" AS ");
        assertThat(froms.get(froms.size() - 1)).startsWith("FROM eclipse-temurin:17-jre");
        assertThat(lines)
                .anyMatch(
                        l -> l.startsWith("RUN") && l.contains("./mvnw") && l.contains("package"));
        assertThat(lines)
                .anyMatch(
                        l ->
                                l.startsWith("COPY --from=")
                                        && l.contains("app/target/" + jar)
                                        && l.endsWith("/app/" + jar));
        String entrypoint =
                lines.stream()
                        .filter(l -> l.startsWith("ENTRYPOINT"))
                        .reduce((a, b) -> b)
                        .orElseThrow();
        assertThat(entrypoint).contains("java").contains("-jar /app/" + jar).contains("$JAVA_OPTS");
        String user =
                lines.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElseThrow();
        assertThat(user).doesNotContain("root").isNotEqualTo("USER 0");
        // everything the build stage copies from the context is in the repository
        for (String l : lines) {
            if (l.startsWith("COPY ") && !l.contains("--from=")) {
                String[] parts = l.replaceAll("--\\S+", "").trim().split("\\s+");
                for (int i = 1; i < parts.length - 1; i++) {
                    assertThat(repo.resolve(parts[i]))
                            .as("Dockerfile copies %s", parts[i])
                            .exists();
                }
            }
        }
        int httpPort = ProcessorConfig.load(null).httpPort();
        assertThat(lines).contains("EXPOSE " + httpPort);
    }

    @Test
    void prometheusScrapesEveryProcessorOnItsMetricsPort() throws IOException {
        JsonNode prometheus = services.get("prometheus");
        assertThat(mounts(prometheus))
                .containsEntry("./prometheus/prometheus.yml", "/etc/prometheus/prometheus.yml");
        JsonNode config = YAML.readTree(docker.resolve("prometheus/prometheus.yml").toFile());
        int httpPort =
                ProcessorConfig.load(null, environment(services.get("processor")), null).httpPort();

        boolean scrapesProcessor = false;
        for (JsonNode job : config.path("scrape_configs")) {
            if (!job.path("metrics_path").asText("/metrics").equals("/metrics")) {
                continue;
            }
            for (JsonNode sd : job.path("dns_sd_configs")) {
                boolean names = false;
                for (JsonNode n : sd.path("names")) {
                    names |= n.asText().equals("processor");
                }
                scrapesProcessor |= names && sd.path("port").asInt() == httpPort;
            }
            for (JsonNode sc : job.path("static_configs")) {
                for (JsonNode t : sc.path("targets")) {
                    scrapesProcessor |= t.asText().equals("processor:" + httpPort);
                }
            }
        }
        assertThat(scrapesProcessor)
                .as("a job scrapes processor:%d/metrics (every replica)", httpPort)
                .isTrue();
    }

    @Test
    void grafanaIsProvisionedWithThePrometheusDatasourceAndTheDashboard() throws IOException {
        Map<String, String> mounts = mounts(services.get("grafana"));
        String provisioning = mounts.get("./grafana/provisioning");
        String dashboards = mounts.get("./grafana/dashboards");
        assertThat(provisioning).isEqualTo("/etc/grafana/provisioning");
        assertThat(dashboards).isNotNull();

        JsonNode datasource =
                single(docker.resolve("grafana/provisioning/datasources"), "datasources");
        assertThat(datasource.path("type").asText()).isEqualTo("prometheus");
        URI url = URI.create(datasource.path("url").asText());
        assertThat(url.getHost()).isEqualTo("prometheus");
        assertThat(containerPorts(services.get("prometheus"))).contains(url.getPort());

        JsonNode provider = single(docker.resolve("grafana/provisioning/dashboards"), "providers");
        assertThat(provider.path("type").asText()).isEqualTo("file");
        assertThat(provider.path("options").path("path").asText()).isEqualTo(dashboards);

        JsonNode dashboard =
                JSON.readTree(docker.resolve("grafana/dashboards/rotation-detector.json").toFile());
        assertThat(dashboard.path("uid").asText()).isNotBlank();
        assertThat(
                        environment(services.get("grafana"))
                                .get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"))
                .isEqualTo(dashboards + "/rotation-detector.json");
        String uid = datasource.path("uid").asText();
        for (JsonNode ds : dashboard.findValues("datasource")) {
            if (ds.isObject()) {
                assertThat(ds.path("uid").asText()).as("dashboard datasource uid").isEqualTo(uid);
            }
        }
    }

    @Test
    void dashboardShowsTheOperationsPicture() throws IOException {
        JsonNode dashboard =
                JSON.readTree(docker.resolve("grafana/dashboards/rotation-detector.json").toFile());
        String queries = String.join("\n", expressions(dashboard));
        assertThat(queries)
                .contains(prometheusName(ProcessorMetrics.CONSUMED) + "_total")
                .contains(prometheusName(ProcessorMetrics.SIGNALS) + "_total")
                .contains(prometheusName(ProcessorMetrics.EVENT_TO_SIGNAL) + "_seconds")
                .contains(prometheusName(ProcessorMetrics.DEAD_LETTERED) + "_total")
                .contains(prometheusName(ProcessorMetrics.LATE) + "_total")
                .contains("kafka_consumer_fetch_manager_records_lag_max");
        assertThat(queries)
                .contains("by (kind)")
                .contains("type, confidence_level")
                .contains("reason");
    }

    @Test
    void dashboardQueriesOnlyMetricsTheProcessorPublishes() throws IOException {
        Set<String> known = processorMetricNames();
        JsonNode dashboard =
                JSON.readTree(docker.resolve("grafana/dashboards/rotation-detector.json").toFile());
        List<String> exprs = expressions(dashboard);
        assertThat(exprs).hasSizeGreaterThan(10);
        Set<String> unknown = new TreeSet<>();
        for (String expr : exprs) {
            Set<String> names = metricNames(expr);
            assertThat(names).as("query names a metric: %s", expr).isNotEmpty();
            for (String n : names) {
                if (!known.contains(n) && BOUND_PREFIXES.stream().noneMatch(n::startsWith)) {
                    unknown.add(n + "  in  " + expr);
                }
            }
        }
        assertThat(unknown).as("metrics the processor does not publish").isEmpty();
    }

    /** The names derivation below agrees with what a real Prometheus registry renders. */
    @Test
    void derivedMetricNamesMatchARealScrape() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ProcessorMetrics metrics = new ProcessorMetrics(registry);
        metrics.consumed("flows");
        metrics.aggregated("flows");
        metrics.duplicate("flows");
        metrics.deadLettered("prices", "NAN_VALUE");
        metrics.late("metals", 1_000);
        metrics.latency(1_000, 2_000, 3_000);
        metrics.windowsOpen(1);
        metrics.registryUnavailable();
        Set<String> scraped =
                registry.scrape()
                        .lines()
                        .filter(l -> !l.startsWith("#") && !l.isBlank())
                        .map(l -> l.split("[{ ]", 2)[0])
                        .collect(Collectors.toCollection(TreeSet::new));
        assertThat(scraped).isNotEmpty().allMatch(n -> n.startsWith("rd_"));
        assertThat(processorMetricNames()).containsAll(scraped);
        registry.close();
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static List<String> fieldNames(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(out::add);
        } else if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    /** A service's environment, in either of the two compose notations. */
    private static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode e = service.path("environment");
        if (e.isObject()) {
            e.fields().forEachRemaining(f -> env.put(f.getKey(), f.getValue().asText()));
        } else if (e.isArray()) {
            e.forEach(
                    n -> {
                        String[] kv = n.asText().split("=", 2);
                        env.put(kv[0], kv.length > 1 ? kv[1] : "");
                    });
        }
        return env;
    }

    private static List<String> command(JsonNode service) {
        JsonNode c = service.path("command");
        if (c.isArray()) {
            List<String> out = new ArrayList<>();
            c.forEach(n -> out.add(n.asText()));
            return out;
        }
        return c.isMissingNode() ? List.of() : List.of(c.asText().trim().split("\\s+"));
    }

    private static boolean usesProjectImage(JsonNode service) {
        return service.has("build")
                || service.path("image")
                        .asText()
                        .equals(services.get("processor").path("image").asText());
    }

    /** NAME://host:port,... (or NAME:PROTOCOL,...) as NAME -> host:port. */
    private static Map<String, String> listeners(String spec) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String l : spec.split(",")) {
            String[] parts = l.trim().split(":(//)?", 2);
            out.put(parts[0], parts.length > 1 ? parts[1] : "");
        }
        return out;
    }

    /** Container ports a service publishes or exposes. */
    private static Set<Integer> containerPorts(JsonNode service) {
        Set<Integer> out = new LinkedHashSet<>(expose(service));
        for (JsonNode p : service.path("ports")) {
            String[] parts = p.asText().split(":");
            out.add(Integer.parseInt(parts[parts.length - 1].split("/")[0]));
        }
        return out;
    }

    private static Set<Integer> expose(JsonNode service) {
        Set<Integer> out = new LinkedHashSet<>();
        service.path("expose").forEach(p -> out.add(Integer.parseInt(p.asText().split("/")[0])));
        return out;
    }

    /** Bind mounts as host path -> container path. */
    private static Map<String, String> mounts(JsonNode service) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode v : service.path("volumes")) {
            String[] parts = v.asText().split(":");
            if (parts[0].startsWith(".")) {
                out.put(parts[0], parts[1]);
            }
        }
        return out;
    }

    /** The one entry of {@code key} across the provisioning files of a folder. */
    private static JsonNode single(Path dir, String key) throws IOException {
        List<JsonNode> entries = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path f :
                    files.filter(
                                    p ->
                                            p.toString().endsWith(".yml")
                                                    || p.toString().endsWith(".yaml"))
                            .toList()) {
                JsonNode doc = YAML.readTree(f.toFile());
                assertThat(doc.path("apiVersion").asInt()).as(f.toString()).isEqualTo(1);
                doc.path(key).forEach(entries::add);
            }
        }
        assertThat(entries).as("%s in %s", key, dir).hasSize(1);
        return entries.get(0);
    }

    private static List<String> dockerfileInstructions() throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : Files.readAllLines(docker.resolve("Dockerfile"))) {
            String line = raw.strip();
            if (line.startsWith("#") || (line.isEmpty() && current.length() == 0)) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            String instruction = current.toString().replaceAll("\\s+", " ").strip();
            if (!instruction.isEmpty()) {
                out.add(instruction);
            }
            current.setLength(0);
        }
        return out;
    }

    /** Every PromQL expression of the dashboard, template variable queries included. */
    private static List<String> expressions(JsonNode dashboard) {
        List<String> out = new ArrayList<>();
        dashboard.findValues("expr").forEach(n -> out.add(n.asText()));
        for (JsonNode v : dashboard.path("templating").path("list")) {
            JsonNode q = v.path("query");
            String query = q.isObject() ? q.path("query").asText() : q.asText();
            // label_values(metric, label): only the first argument is a selector
            Matcher labelValues =
                    Pattern.compile("label_values\\((.+),\\s*\\w+\\s*\\)").matcher(query);
            out.add(labelValues.matches() ? labelValues.group(1) : query);
        }
        return out;
    }

    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern GROUPING =
            Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER =
            Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(?:\\s*\\()?");
    private static final Set<String> PROMQL_WORDS =
            Set.of(
                    "by",
                    "without",
                    "on",
                    "ignoring",
                    "group_left",
                    "group_right",
                    "bool",
                    "and",
                    "or",
                    "unless",
                    "offset",
                    "inf",
                    "nan");

    /**
     * Metric names a PromQL expression selects: identifiers that are not functions, keywords,
     * labels or durations.
     */
    static Set<String> metricNames(String expr) {
        String s = STRINGS.matcher(expr).replaceAll("\"\"");
        s = s.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ");
        s = GROUPING.matcher(s).replaceAll(" ");
        s = s.replaceAll("\\$\\w+", " ");
        Set<String> out = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String token = m.group();
            boolean function = token.endsWith("(");
            boolean partOfNumber = m.start() > 0 && Character.isDigit(s.charAt(m.start() - 1));
            if (!function && !partOfNumber && !PROMQL_WORDS.contains(token.toLowerCase())) {
                out.add(token);
            }
        }
        return out;
    }

    static String prometheusName(String micrometerName) {
        return micrometerName.replace('.', '_');
    }

    /**
     * The Prometheus names of every meter in {@link ProcessorMetrics}: its name constants with dots
     * as underscores, plus the suffixes the Prometheus registry adds (counters {@code _total};
     * timers in seconds and summaries in their base unit with {@code _count}, {@code _sum}, {@code
     * _max}).
     */
    static Set<String> processorMetricNames() {
        Set<String> out = new TreeSet<>();
        for (Field f : ProcessorMetrics.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                String base;
                try {
                    base = prometheusName((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
                out.add(base);
                out.add(base + "_total");
                for (String unit : List.of("", "_seconds", "_milliseconds")) {
                    out.add(base + unit);
                    for (String part : List.of("_count", "_sum", "_max", "_bucket")) {
                        out.add(base + unit + part);
                    }
                }
            }
        }
        assertThat(out).isNotEmpty();
        return out;
    }
}
