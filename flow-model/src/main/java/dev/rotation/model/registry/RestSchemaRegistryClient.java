package dev.rotation.model.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client for the Confluent Schema Registry REST API over HTTP ({@code
 * application/vnd.schemaregistry.v1+json}), with caches, timeouts, bounded retries on transient
 * failures and optional basic auth. Thread-safe.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {
    private static final Logger LOG = LoggerFactory.getLogger(RestSchemaRegistryClient.class);
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final List<URI> baseUrls;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final String authorization;
    private final Duration requestTimeout;
    private final int maxRetries;
    private final Duration retryBackoff;

    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();

    private RestSchemaRegistryClient(Builder b) {
        this.baseUrls = b.urls.stream().map(RestSchemaRegistryClient::normalise).toList();
        this.http = HttpClient.newBuilder().connectTimeout(b.connectTimeout).build();
        this.authorization =
                b.userInfo == null
                        ? null
                        : "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(
                                                b.userInfo.getBytes(StandardCharsets.UTF_8));
        this.requestTimeout = b.requestTimeout;
        this.maxRetries = b.maxRetries;
        this.retryBackoff = b.retryBackoff;
    }

    public static Builder builder(String urls) {
        return new Builder(urls);
    }

    private static URI normalise(String url) {
        String u = url.trim();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return URI.create(u);
    }

    @Override
    public int register(String subject, Schema schema) {
        Map<Schema, Integer> ids =
                idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
        Integer cached = ids.get(schema);
        if (cached != null) {
            return cached;
        }
        ObjectNode body = json.createObjectNode().put("schema", schema.toString());
        JsonNode reply = send("POST", "/subjects/" + enc(subject) + "/versions", body, subject);
        int id = reply.path("id").asInt();
        ids.put(schema, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public RegisteredSchema lookup(String subject, Schema schema) {
        ObjectNode body = json.createObjectNode().put("schema", schema.toString());
        JsonNode reply = send("POST", "/subjects/" + enc(subject), body, subject);
        RegisteredSchema found = toRegistered(reply, subject);
        idsBySubject
                .computeIfAbsent(subject, s -> new ConcurrentHashMap<>())
                .put(schema, found.id());
        return found;
    }

    @Override
    public Schema getById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode reply = send("GET", "/schemas/ids/" + id, null, null);
        Schema schema = new Schema.Parser().parse(reply.path("schema").asText());
        Schema raced = schemasById.putIfAbsent(id, schema);
        return raced != null ? raced : schema;
    }

    @Override
    public RegisteredSchema getLatest(String subject) {
        return toRegistered(
                send("GET", "/subjects/" + enc(subject) + "/versions/latest", null, subject),
                subject);
    }

    @Override
    public boolean testCompatibility(String subject, Schema schema) {
        ObjectNode body = json.createObjectNode().put("schema", schema.toString());
        JsonNode reply =
                send(
                        "POST",
                        "/compatibility/subjects/" + enc(subject) + "/versions/latest",
                        body,
                        subject);
        return reply.path("is_compatible").asBoolean(false);
    }

    @Override
    public String getCompatibility(String subject) {
        // without defaultToGlobal, a subject with no level of its own answers 40408
        String path =
                subject == null ? "/config" : "/config/" + enc(subject) + "?defaultToGlobal=true";
        return send("GET", path, null, subject).path("compatibilityLevel").asText();
    }

    @Override
    public void setCompatibility(String subject, String level) {
        String path = subject == null ? "/config" : "/config/" + enc(subject);
        send("PUT", path, json.createObjectNode().put("compatibility", level), subject);
    }

    @Override
    public List<String> subjects() {
        List<String> out = new ArrayList<>();
        send("GET", "/subjects", null, null).forEach(n -> out.add(n.asText()));
        return out;
    }

    @Override
    public List<Integer> versions(String subject) {
        List<Integer> out = new ArrayList<>();
        send("GET", "/subjects/" + enc(subject) + "/versions", null, subject)
                .forEach(n -> out.add(n.asInt()));
        return out;
    }

    @Override
    public void close() {
        // java.net.http.HttpClient on Java 17 has no close(); its threads are daemons
    }

    private RegisteredSchema toRegistered(JsonNode reply, String subject) {
        int id = reply.path("id").asInt();
        Schema schema =
                schemasById.computeIfAbsent(
                        id, i -> new Schema.Parser().parse(reply.path("schema").asText()));
        return new RegisteredSchema(
                reply.path("subject").asText(subject), reply.path("version").asInt(), id, schema);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode send(String method, String path, JsonNode body, String subject) {
        SchemaRegistryException last = null;
        for (int attempt = 0; attempt <= maxRetries; attempt++) {
            URI base = baseUrls.get(attempt % baseUrls.size());
            try {
                return sendOnce(base, method, path, body, subject);
            } catch (SchemaRegistryException e) {
                if (!e.isRetriable()) {
                    throw e;
                }
                last = e;
                LOG.debug(
                        "Schema Registry {} {} failed (attempt {}/{}): {}",
                        method,
                        path,
                        attempt + 1,
                        maxRetries + 1,
                        e.getMessage());
                if (attempt < maxRetries) {
                    sleep(retryBackoff.multipliedBy(1L << Math.min(attempt, 6)));
                }
            }
        }
        throw Objects.requireNonNull(last);
    }

    private JsonNode sendOnce(URI base, String method, String path, JsonNode body, String subject) {
        HttpRequest.Builder rb =
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(requestTimeout)
                        .header("Accept", CONTENT_TYPE + ", application/json");
        if (authorization != null) {
            rb.header("Authorization", authorization);
        }
        if (body != null) {
            rb.header("Content-Type", CONTENT_TYPE);
            rb.method(
                    method,
                    HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        } else {
            rb.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response =
                    http.send(
                            rb.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SchemaRegistryException(
                    SchemaRegistryException.UNREACHABLE,
                    SchemaRegistryException.UNREACHABLE,
                    subject,
                    method + " " + base + path + ": " + e,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(
                    SchemaRegistryException.UNREACHABLE,
                    SchemaRegistryException.UNREACHABLE,
                    subject,
                    "interrupted",
                    e);
        }
        JsonNode node;
        try {
            node =
                    response.body() == null || response.body().isBlank()
                            ? json.createObjectNode()
                            : json.readTree(response.body());
        } catch (IOException e) {
            throw new SchemaRegistryException(
                    response.statusCode(),
                    response.statusCode(),
                    subject,
                    "unparsable reply to "
                            + method
                            + " "
                            + path
                            + ": "
                            + abbreviate(response.body()),
                    e);
        }
        if (response.statusCode() >= 200 && response.statusCode() < 300) {
            return node;
        }
        int code = node.path("error_code").asInt(response.statusCode());
        String message = node.path("message").asText(abbreviate(response.body()));
        throw new SchemaRegistryException(response.statusCode(), code, subject, message, null);
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Builder; the defaults suit a registry on the same network. */
    public static final class Builder {
        private final List<String> urls;
        private String userInfo;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private int maxRetries = 3;
        private Duration retryBackoff = Duration.ofMillis(100);

        private Builder(String urls) {
            if (urls == null || urls.isBlank()) {
                throw new IllegalArgumentException(
                        "schema.registry.url must name at least one URL");
            }
            this.urls = List.of(urls.split("\\s*,\\s*"));
        }

        /** {@code user:password} for HTTP basic auth; never logged. */
        public Builder basicAuth(String userInfo) {
            this.userInfo = userInfo == null || userInfo.isBlank() ? null : userInfo;
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = d;
            return this;
        }

        public Builder requestTimeout(Duration d) {
            this.requestTimeout = d;
            return this;
        }

        public Builder maxRetries(int n) {
            this.maxRetries = n;
            return this;
        }

        public Builder retryBackoff(Duration d) {
            this.retryBackoff = d;
            return this;
        }

        public RestSchemaRegistryClient build() {
            return new RestSchemaRegistryClient(this);
        }
    }
}
