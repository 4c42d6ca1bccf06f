package dev.rotation.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * The Confluent Schema Registry REST API over a {@link KafkaSchemaStore}: the route table and one
 * handler per endpoint, with Confluent's query parameters, reply bodies and error codes. {@code
 * docs/wire-format.md} lists the endpoints and what is left out.
 */
final class RegistryApi {
    private static final String DEFAULT_CONTEXT = ".";
    private static final String ALWAYS_READWRITE = "READWRITE";

    /** A reply: HTTP status and the JSON text of its body. */
    record Reply(int status, String body) {}

    /** One endpoint's handler, given the path variables and the request. */
    @FunctionalInterface
    interface Handler {
        Reply handle(Map<String, String> vars, RegistryRequest request) throws IOException;
    }

    /**
     * A method and path pattern ({@code {name}} matches one segment), and whether it reads a body.
     */
    private record Route(String method, List<String> pattern, boolean readsBody, Handler handler) {
        Optional<Map<String, String>> match(List<String> path) {
            if (path.size() != pattern.size()) {
                return Optional.empty();
            }
            Map<String, String> vars = new HashMap<>();
            for (int i = 0; i < path.size(); i++) {
                String p = pattern.get(i);
                if (p.startsWith("{")) {
                    vars.put(p.substring(1, p.length() - 1), path.get(i));
                } else if (!p.equals(path.get(i))) {
                    return Optional.empty();
                }
            }
            return Optional.of(vars);
        }
    }

    /** A request matched to its endpoint. */
    record Match(boolean readsBody, Handler handler, Map<String, String> vars) {
        Reply run(RegistryRequest request) throws IOException {
            return handler.handle(vars, request);
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final KafkaSchemaStore store;
    private final List<Route> routes = new ArrayList<>();

    RegistryApi(KafkaSchemaStore store) {
        this.store = store;
        get("/", (v, r) -> ok(json.createObjectNode()));

        get("/schemas", this::listSchemas);
        get("/schemas/types", (v, r) -> ok(List.of("AVRO")));
        get("/schemas/ids/{id}", this::schemaById);
        get("/schemas/ids/{id}/schema", (v, r) -> raw(schemaWithId(v).schema()));
        get("/schemas/ids/{id}/subjects", this::subjectsOfId);
        get("/schemas/ids/{id}/versions", this::versionsOfId);

        get("/subjects", this::listSubjects);
        post("/subjects/{subject}", this::lookup);
        delete(
                "/subjects/{subject}",
                (v, r) -> ok(store.deleteSubject(v.get("subject"), r.flag("permanent"))));
        get("/subjects/{subject}/versions", this::listVersions);
        post("/subjects/{subject}/versions", this::register);
        get(
                "/subjects/{subject}/versions/{version}",
                (v, r) ->
                        ok(
                                versionJson(
                                        store.version(
                                                v.get("subject"), version(v), r.flag("deleted")))));
        delete(
                "/subjects/{subject}/versions/{version}",
                (v, r) ->
                        ok(
                                store.deleteVersion(
                                        v.get("subject"),
                                        version(v),
                                        v.get("version"),
                                        r.flag("permanent"))));
        get(
                "/subjects/{subject}/versions/{version}/schema",
                (v, r) ->
                        raw(
                                store.version(v.get("subject"), version(v), r.flag("deleted"))
                                        .schema()));
        get(
                "/subjects/{subject}/versions/{version}/referencedby",
                (v, r) -> {
                    store.version(v.get("subject"), version(v), true);
                    return ok(List.of()); // schema references are not supported, so nothing
                    // refers to a version
                });

        post("/compatibility/subjects/{subject}/versions/{version}", this::compatibleWithVersion);
        post("/compatibility/subjects/{subject}/versions", this::compatibleWithSubject);

        get("/config", (v, r) -> ok(level(store.globalLevel())));
        put("/config", (v, r) -> updateLevel(null, r));
        delete("/config", (v, r) -> ok(level(store.deleteLevel(null))));
        get("/config/{subject}", this::subjectLevel);
        put("/config/{subject}", (v, r) -> updateLevel(v.get("subject"), r));
        delete("/config/{subject}", (v, r) -> ok(level(store.deleteLevel(v.get("subject")))));

        get("/mode", (v, r) -> ok(mode()));
        get(
                "/mode/{subject}",
                (v, r) -> {
                    if (!r.flag("defaultToGlobal")) {
                        throw RegistryError.subjectModeNotConfigured(v.get("subject"));
                    }
                    return ok(mode());
                });
        put("/mode", (v, r) -> modeIsFixed());
        put("/mode/{subject}", (v, r) -> modeIsFixed());
        delete("/mode", (v, r) -> modeIsFixed());
        delete("/mode/{subject}", (v, r) -> modeIsFixed());

        get("/contexts", (v, r) -> ok(List.of(DEFAULT_CONTEXT)));
    }

    /**
     * The endpoint for the request: 404 when no path matches, 405 when the path has no such method.
     */
    Match match(String method, List<String> path) {
        boolean pathKnown = false;
        for (Route route : routes) {
            Optional<Map<String, String>> vars = route.match(path);
            if (vars.isPresent()) {
                pathKnown = true;
                if (route.method().equals(method)) {
                    return new Match(route.readsBody(), route.handler(), vars.get());
                }
            }
        }
        throw pathKnown ? RegistryError.methodNotAllowed() : RegistryError.notFound();
    }

    private void get(String path, Handler handler) {
        route("GET", path, false, handler);
    }

    private void post(String path, Handler handler) {
        route("POST", path, true, handler);
    }

    private void put(String path, Handler handler) {
        route("PUT", path, true, handler);
    }

    private void delete(String path, Handler handler) {
        route("DELETE", path, false, handler);
    }

    private void route(String method, String path, boolean readsBody, Handler handler) {
        List<String> pattern = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
        routes.add(new Route(method, pattern, readsBody, handler));
    }

    // ---------------------------------------------------------------- schemas

    private Reply listSchemas(Map<String, String> v, RegistryRequest r) {
        List<KafkaSchemaStore.Version> all =
                store.schemas(
                        prefix(r.param("subjectPrefix")), r.flag("deleted"), r.flag("latestOnly"));
        ArrayNode out = json.createArrayNode();
        page(all, r).forEach(version -> out.add(versionJson(version)));
        return ok(out);
    }

    private Reply schemaById(Map<String, String> v, RegistryRequest r) {
        ObjectNode body = json.createObjectNode().put("schema", schemaWithId(v).schema());
        if (r.flag("fetchMaxId")) {
            body.put("maxId", store.maxId());
        }
        return ok(body);
    }

    /** A version carrying the path's id; 404 when the id is not a number, 40403 when unknown. */
    private KafkaSchemaStore.Version schemaWithId(Map<String, String> v) {
        int id = id(v);
        return store.byId(id).orElseThrow(() -> RegistryError.schemaIdNotFound(id));
    }

    private Reply subjectsOfId(Map<String, String> v, RegistryRequest r) {
        return ok(
                versionsCarrying(v, r).stream()
                        .map(KafkaSchemaStore.Version::subject)
                        .distinct()
                        .toList());
    }

    private Reply versionsOfId(Map<String, String> v, RegistryRequest r) {
        ArrayNode out = json.createArrayNode();
        versionsCarrying(v, r)
                .forEach(
                        version ->
                                out.addObject()
                                        .put("subject", version.subject())
                                        .put("version", version.version()));
        return ok(out);
    }

    /**
     * The subject versions carrying the id, filtered by {@code deleted} and {@code subject}; 40403
     * when unknown.
     */
    private List<KafkaSchemaStore.Version> versionsCarrying(
            Map<String, String> v, RegistryRequest r) {
        int id = id(v);
        if (store.byId(id).isEmpty()) {
            throw RegistryError.schemaNotFound();
        }
        String subject = r.param("subject");
        return store.versionsWithId(id, r.flag("deleted")).stream()
                .filter(
                        version ->
                                subject == null
                                        || subject.isEmpty()
                                        || version.subject().equals(subject))
                .toList();
    }

    // ---------------------------------------------------------------- subjects

    private Reply listSubjects(Map<String, String> v, RegistryRequest r) {
        KafkaSchemaStore.Filter filter =
                KafkaSchemaStore.Filter.of(r.flag("deleted"), r.flag("deletedOnly"));
        return ok(page(store.subjects(prefix(r.param("subjectPrefix")), filter), r));
    }

    private Reply listVersions(Map<String, String> v, RegistryRequest r) {
        KafkaSchemaStore.Filter filter =
                KafkaSchemaStore.Filter.of(r.flag("deleted"), r.flag("deletedOnly"));
        return ok(page(store.versions(v.get("subject"), filter), r));
    }

    private Reply register(Map<String, String> v, RegistryRequest r) throws IOException {
        String subject = v.get("subject");
        JsonNode body = r.body();
        Schema parsed = parseSchema(body);
        if (isSet(body.get("id"), 0) || isSet(body.get("version"), 1)) {
            // Confluent accepts an explicit id or version only in IMPORT mode; this registry is
            // always READWRITE
            throw RegistryError.operationNotPermitted(
                    "Subject " + subject + " is not in import mode");
        }
        int id = store.register(subject, parsed, text(parsed, r.flag("normalize")));
        return ok(json.createObjectNode().put("id", id));
    }

    /** Whether an optional number in a register request is given, i.e. at least {@code min}. */
    private static boolean isSet(JsonNode number, int min) {
        return number != null && number.isNumber() && number.asLong() >= min;
    }

    /**
     * Confluent's lookup: the version holding the schema, retried in normal form before answering
     * 40403.
     */
    private Reply lookup(Map<String, String> v, RegistryRequest r) throws IOException {
        String subject = v.get("subject");
        Schema parsed = parseSchema(r.body());
        boolean normalize = r.flag("normalize");
        boolean deleted = r.flag("deleted");
        Optional<KafkaSchemaStore.Version> found =
                store.lookup(subject, text(parsed, normalize), deleted);
        if (found.isEmpty() && !normalize) {
            found = store.lookup(subject, AvroNormalForm.of(parsed), deleted);
        }
        return ok(
                versionJson(
                        found.orElseThrow(
                                () ->
                                        store.hasSubject(subject, deleted)
                                                ? RegistryError.schemaNotFound()
                                                : RegistryError.subjectNotFound(subject))));
    }

    // ---------------------------------------------------------------- compatibility

    /**
     * Checks against the one version named ({@code latest}: the newest live version; an unknown
     * subject or one without live versions is compatible), under the subject's level. 40402 when a
     * numbered version is not there; with {@code verbose=true} an invalid schema is an incompatible
     * answer instead of 42201.
     */
    private Reply compatibleWithVersion(Map<String, String> v, RegistryRequest r)
            throws IOException {
        String subject = v.get("subject");
        int version = version(v);
        Optional<KafkaSchemaStore.Version> against = store.find(subject, version, false);
        if (against.isEmpty() && version != KafkaSchemaStore.LATEST) {
            throw RegistryError.versionNotFound(version);
        }
        List<Schema> previous = against.map(a -> List.of(a.parsed())).orElse(List.of());
        return compatibility(r, candidate -> store.level(subject).check(candidate, previous));
    }

    /**
     * Checks as registering would: against every live version under a transitive level, else the
     * latest.
     */
    private Reply compatibleWithSubject(Map<String, String> v, RegistryRequest r)
            throws IOException {
        String subject = v.get("subject");
        return compatibility(r, candidate -> store.problemsAgainstLiveVersions(subject, candidate));
    }

    private Reply compatibility(RegistryRequest r, Function<Schema, List<String>> check)
            throws IOException {
        boolean verbose = r.flag("verbose");
        List<String> problems;
        try {
            problems = check.apply(parseSchema(r.body()));
        } catch (RegistryError e) {
            if (!verbose || e.errorCode() != 42201) {
                throw e;
            }
            problems = List.of(e.getMessage());
        }
        ObjectNode reply = json.createObjectNode().put("is_compatible", problems.isEmpty());
        if (verbose) {
            ArrayNode messages = reply.putArray("messages");
            problems.forEach(messages::add);
        }
        return ok(reply);
    }

    // ---------------------------------------------------------------- config and mode

    /**
     * The subject's own level; the global one only with {@code defaultToGlobal=true}, else 40408.
     */
    private Reply subjectLevel(Map<String, String> v, RegistryRequest r) {
        String subject = v.get("subject");
        Optional<CompatibilityLevel> own = store.subjectLevel(subject);
        if (own.isEmpty() && !r.flag("defaultToGlobal")) {
            throw RegistryError.subjectLevelNotConfigured(subject);
        }
        return ok(level(own.orElseGet(store::globalLevel)));
    }

    private Reply updateLevel(String subject, RegistryRequest r) throws IOException {
        JsonNode c = r.body().get("compatibility");
        CompatibilityLevel level =
                CompatibilityLevel.parse(c == null || !c.isTextual() ? null : c.asText())
                        .orElseThrow(RegistryError::invalidCompatibilityLevel);
        store.setLevel(subject, level);
        return ok(json.createObjectNode().put("compatibility", level.name()));
    }

    private ObjectNode level(CompatibilityLevel level) {
        return json.createObjectNode().put("compatibilityLevel", level.name());
    }

    private ObjectNode mode() {
        return json.createObjectNode().put("mode", ALWAYS_READWRITE);
    }

    private static Reply modeIsFixed() {
        // Confluent answers 42205 too when modes cannot be changed (mode.mutability=false)
        throw RegistryError.operationNotPermitted(
                "Mode changes are not supported: this registry is always in "
                        + ALWAYS_READWRITE
                        + " mode");
    }

    // ---------------------------------------------------------------- parameters and bodies

    /** "latest" and -1 mean the latest version; otherwise 1..2^31-1, else 42202. */
    private static int version(Map<String, String> vars) {
        String s = vars.get("version");
        if ("latest".equals(s)) {
            return KafkaSchemaStore.LATEST;
        }
        try {
            int v = Integer.parseInt(s);
            if (v == KafkaSchemaStore.LATEST || v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // invalid below
        }
        throw RegistryError.invalidVersion(s);
    }

    /**
     * A schema id path segment; like Confluent's Integer path parameter, 404 when it is not a
     * number.
     */
    private static int id(Map<String, String> vars) {
        try {
            return Integer.parseInt(vars.get("id"));
        } catch (NumberFormatException e) {
            throw RegistryError.notFound();
        }
    }

    /**
     * Confluent's {@code subjectPrefix}: absent, empty or its wildcard {@code :*:} mean every
     * subject.
     */
    private static String prefix(String subjectPrefix) {
        return subjectPrefix == null || subjectPrefix.isEmpty() || ":*:".equals(subjectPrefix)
                ? null
                : subjectPrefix;
    }

    /** {@code offset} and {@code limit} (a limit of 0 or less means no limit). */
    private static <T> List<T> page(List<T> all, RegistryRequest r) {
        int offset = Math.max(0, r.intParam("offset", 0));
        int limit = r.intParam("limit", -1);
        return all.stream().skip(offset).limit(limit <= 0 ? Long.MAX_VALUE : limit).toList();
    }

    /**
     * The text registered for a schema: Avro's canonical JSON, or the normal form with {@code
     * normalize=true}.
     */
    private static String text(Schema parsed, boolean normalize) {
        return normalize ? AvroNormalForm.of(parsed) : parsed.toString();
    }

    private static Schema parseSchema(JsonNode body) {
        JsonNode type = body.get("schemaType");
        if (type != null && !type.isNull() && !"AVRO".equalsIgnoreCase(type.asText())) {
            throw RegistryError.invalidSchema(
                    "schema type " + type.asText() + " is not supported, only AVRO");
        }
        JsonNode refs = body.get("references");
        if (refs != null && refs.isArray() && !refs.isEmpty()) {
            throw RegistryError.invalidSchema("schema references are not supported");
        }
        JsonNode schema = body.get("schema");
        if (schema == null || !schema.isTextual() || schema.asText().isBlank()) {
            throw RegistryError.invalidSchema("empty schema");
        }
        try {
            return new Schema.Parser().parse(schema.asText());
        } catch (SchemaParseException | NullPointerException | IllegalArgumentException e) {
            throw RegistryError.invalidSchema(e.getMessage());
        } catch (AvroRuntimeException e) {
            throw RegistryError.invalidSchema(e.getMessage());
        }
    }

    /**
     * Confluent's Schema entity for Avro: subject, version, id, schema (no schemaType for Avro).
     */
    private ObjectNode versionJson(KafkaSchemaStore.Version v) {
        return json.createObjectNode()
                .put("subject", v.subject())
                .put("version", v.version())
                .put("id", v.id())
                .put("schema", v.schema());
    }

    private Reply ok(Object value) {
        try {
            return new Reply(200, json.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A schema text as the body itself (the {@code /schema} endpoints). */
    private static Reply raw(String schemaText) {
        return new Reply(200, schemaText);
    }
}
