package dev.rotation.platform;

import static dev.rotation.platform.RegistryDeleteIntegrationTest.assertError;
import static dev.rotation.platform.RegistryDeleteIntegrationTest.namespace;
import static dev.rotation.platform.RegistryDeleteIntegrationTest.register;
import static dev.rotation.platform.RegistryDeleteIntegrationTest.v1;
import static dev.rotation.platform.RegistryDeleteIntegrationTest.v2;
import static dev.rotation.platform.RegistryHttp.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The rest of Confluent's REST API over real HTTP: schemas by id, listings and their query
 * parameters, subject and global config, compatibility against a version or a subject, content
 * negotiation, modes, contexts and {@code normalize}. Each case asserts status and error code.
 */
@Tag("integration")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(SharedPlatform.class)
class RegistryRestApiIntegrationTest {

    private static RegistryHttp http;

    @BeforeAll
    static void connect() {
        http = new RegistryHttp(SharedPlatform.platform().registryUrl());
    }

    /** v2 plus a required string field. */
    private static String withRequired(String subject, String field) {
        return """
                {"type":"record","name":"Bar","namespace":"%s","fields":[
                  {"name":"symbol","type":"string"},
                  {"name":"venue","type":["null","string"],"default":null},
                  {"name":"%s","type":"string"}]}"""
                .formatted(namespace(subject), field);
    }

    // ---------------------------------------------------------------- schemas by id

    @Test
    void anIdAnswersItsSchemaSubjectsAndSubjectVersions() {
        String a = SharedPlatform.unique("ids-a");
        String b = SharedPlatform.unique("ids-b");
        int id = register(http, a, v1(a));
        register(
                http,
                b,
                v1(b).replace(
                                namespace(b),
                                namespace(a))); // the same schema under a second subject
        register(http, b, v2(a));

        RegistryHttp.Reply versions = http.get("/schemas/ids/" + id + "/versions");
        assertThat(versions.status()).isEqualTo(200);
        assertThat(versions.body())
                .isEqualTo(
                        "[{\"subject\":\""
                                + a
                                + "\",\"version\":1},{\"subject\":\""
                                + b
                                + "\",\"version\":1}]");
        assertThat(http.get("/schemas/ids/" + id + "/versions?subject=" + b).body())
                .isEqualTo("[{\"subject\":\"" + b + "\",\"version\":1}]");
        assertThat(http.get("/schemas/ids/" + id + "/subjects").body())
                .isEqualTo("[\"" + a + "\",\"" + b + "\"]");

        RegistryHttp.Reply raw = http.get("/schemas/ids/" + id + "/schema");
        assertThat(raw.status()).isEqualTo(200);
        assertThat(new Schema.Parser().parse(raw.body()))
                .isEqualTo(new Schema.Parser().parse(v1(a)));
        JsonNode withMax = http.get("/schemas/ids/" + id + "?fetchMaxId=true").json();
        assertThat(withMax.path("maxId").asInt()).isGreaterThanOrEqualTo(id);
        assertThat(http.get("/schemas/ids/" + id).json().has("maxId")).isFalse();
    }

    @Test
    void unknownIdsAnswer40403OnEveryIdEndpoint() {
        for (String path : new String[] {"", "/schema", "/subjects", "/versions"}) {
            assertError(http.get("/schemas/ids/987654" + path), 404, 40403);
        }
        assertThat(http.get("/schemas/ids/987654").json().path("message").asText())
                .isEqualTo("Schema 987654 not found");
        assertError(http.get("/schemas/ids/abc/versions"), 404, 404);
    }

    @Test
    void schemasAndSubjectsAreListedWithConfluentsQueryParameters() {
        String prefix = SharedPlatform.unique("listing");
        String a = prefix + "-a";
        String b = prefix + "-b";
        register(http, a, v1(a));
        register(http, a, v2(a));
        register(http, b, v1(b));

        assertThat(http.get("/subjects?subjectPrefix=" + prefix).body())
                .isEqualTo("[\"" + a + "\",\"" + b + "\"]");
        assertThat(http.get("/subjects?subjectPrefix=" + prefix + "&offset=1&limit=1").body())
                .isEqualTo("[\"" + b + "\"]");
        assertError(http.get("/subjects?offset=first"), 404, 404);

        JsonNode all = http.get("/schemas?subjectPrefix=" + prefix).json();
        assertThat(all).hasSize(3);
        assertThat(all.get(0).path("subject").asText()).isEqualTo(a);
        assertThat(all.get(0).path("version").asInt()).isEqualTo(1);
        assertThat(all.get(0).has("schemaType")).isFalse();
        JsonNode latest = http.get("/schemas?subjectPrefix=" + prefix + "&latestOnly=true").json();
        assertThat(latest).hasSize(2);
        assertThat(latest.get(0).path("version").asInt()).isEqualTo(2);

        http.delete("/subjects/" + b);
        assertThat(http.get("/schemas?subjectPrefix=" + prefix).json()).hasSize(2);
        assertThat(http.get("/schemas?subjectPrefix=" + prefix + "&deleted=true").json())
                .hasSize(3);
        assertThat(http.get("/subjects?subjectPrefix=" + prefix + "&deletedOnly=true").body())
                .isEqualTo("[\"" + b + "\"]");
        assertThat(http.get("/schemas/types").body()).isEqualTo("[\"AVRO\"]");
    }

    @Test
    void referencedByIsEmptyForAnExistingVersion() {
        String subject = SharedPlatform.unique("refs");
        register(http, subject, v1(subject));
        assertThat(http.get("/subjects/" + subject + "/versions/1/referencedby").body())
                .isEqualTo("[]");
        assertError(http.get("/subjects/" + subject + "/versions/2/referencedby"), 404, 40402);
    }

    // ---------------------------------------------------------------- config

    @Test
    void subjectConfigAnswers40408UnlessItHasALevelOrDefaultToGlobal() {
        String subject = SharedPlatform.unique("config-own");
        register(http, subject, v1(subject));
        assertError(http.get("/config/" + subject), 404, 40408);
        assertThat(http.get("/config/" + subject).json().path("message").asText())
                .isEqualTo(
                        "Subject '"
                                + subject
                                + "' does not have subject-level compatibility configured");
        assertThat(http.get("/config/" + subject + "?defaultToGlobal=true").body())
                .isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");

        http.put("/config/" + subject, "{\"compatibility\":\"FULL_TRANSITIVE\"}");
        assertThat(http.get("/config/" + subject).body())
                .isEqualTo("{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}");

        RegistryHttp.Reply deleted = http.delete("/config/" + subject);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}");
        assertError(http.get("/config/" + subject), 404, 40408);
        assertError(http.delete("/config/" + subject), 404, 40401);
        assertError(http.delete("/config/" + SharedPlatform.unique("never")), 404, 40401);
        assertError(http.put("/config/" + subject, "{\"compatibility\":\"SIDEWAYS\"}"), 422, 42203);
    }

    @Test
    void deletingTheGlobalConfigAnswersItAndRevertsToBackward() {
        try {
            http.put("/config", "{\"compatibility\":\"NONE\"}");
            RegistryHttp.Reply deleted = http.delete("/config");
            assertThat(deleted.status()).isEqualTo(200);
            assertThat(deleted.body()).isEqualTo("{\"compatibilityLevel\":\"NONE\"}");
            assertThat(http.get("/config").body())
                    .isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
        } finally {
            http.put("/config", "{\"compatibility\":\"BACKWARD\"}");
        }
    }

    // ---------------------------------------------------------------- compatibility

    @Test
    void compatibilityChecksTheNamedVersionOrTheWholeSubject() {
        String subject = SharedPlatform.unique("compat-transitive");
        register(http, subject, v1(subject));
        register(http, subject, v2(subject));
        String candidate = withRequired(subject, "region");
        register(
                http,
                subject,
                candidate.replace(
                        "\"region\",\"type\":\"string\"",
                        "\"region\",\"type\":\"string\",\"default\":\"eu\""));
        http.put("/config/" + subject, "{\"compatibility\":\"BACKWARD_TRANSITIVE\"}");
        // the candidate requires 'region': only the latest version (3) writes it

        assertThat(
                        isCompatible(
                                http.post(
                                        "/compatibility/subjects/" + subject + "/versions/latest",
                                        schemaBody(candidate))))
                .isTrue();
        assertThat(
                        isCompatible(
                                http.post(
                                        "/compatibility/subjects/" + subject + "/versions/1",
                                        schemaBody(candidate))))
                .isFalse();
        assertThat(
                        isCompatible(
                                http.post(
                                        "/compatibility/subjects/" + subject + "/versions",
                                        schemaBody(candidate))))
                .isFalse();
        assertThat(http.post("/subjects/" + subject + "/versions", schemaBody(candidate)).status())
                .isEqualTo(409);

        http.put("/config/" + subject, "{\"compatibility\":\"BACKWARD\"}");
        assertThat(
                        isCompatible(
                                http.post(
                                        "/compatibility/subjects/" + subject + "/versions",
                                        schemaBody(candidate))))
                .isTrue();

        JsonNode verbose =
                http.post(
                                "/compatibility/subjects/" + subject + "/versions/1?verbose=true",
                                schemaBody(candidate))
                        .json();
        assertThat(verbose.path("is_compatible").asBoolean(true)).isFalse();
        assertThat(verbose.path("messages").toString()).contains("region");
    }

    @Test
    void compatibilityErrorsFollowConfluent() {
        String subject = SharedPlatform.unique("compat-errors");
        String unknown = SharedPlatform.unique("compat-unknown");
        assertThat(
                        isCompatible(
                                http.post(
                                        "/compatibility/subjects/" + unknown + "/versions/latest",
                                        schemaBody(v1(unknown)))))
                .isTrue();
        assertThat(
                        isCompatible(
                                http.post(
                                        "/compatibility/subjects/" + unknown + "/versions",
                                        schemaBody(v1(unknown)))))
                .isTrue();
        assertError(
                http.post(
                        "/compatibility/subjects/" + unknown + "/versions/1",
                        schemaBody(v1(unknown))),
                404,
                40402);

        register(http, subject, v1(subject));
        assertError(
                http.post(
                        "/compatibility/subjects/" + subject + "/versions/9",
                        schemaBody(v1(subject))),
                404,
                40402);
        assertError(
                http.post(
                        "/compatibility/subjects/" + subject + "/versions/0",
                        schemaBody(v1(subject))),
                422,
                42202);
        assertError(
                http.post(
                        "/compatibility/subjects/" + subject + "/versions/latest",
                        schemaBody("{\"type\":\"record\"}")),
                422,
                42201);
        JsonNode verbose =
                http.post(
                                "/compatibility/subjects/"
                                        + subject
                                        + "/versions/latest?verbose=true",
                                schemaBody("{\"type\":\"record\"}"))
                        .json();
        assertThat(verbose.path("is_compatible").asBoolean(true)).isFalse();
        assertThat(verbose.path("messages").get(0).asText()).startsWith("Invalid schema");
    }

    private static boolean isCompatible(RegistryHttp.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().path("is_compatible").asBoolean();
    }

    // ---------------------------------------------------------------- content negotiation

    @Test
    void theReplyTypeIsNegotiatedFromAccept() {
        assertThat(acceptReply("application/json").contentType()).isEqualTo("application/json");
        assertThat(acceptReply("application/vnd.schemaregistry+json").contentType())
                .isEqualTo("application/vnd.schemaregistry+json");
        assertThat(
                        acceptReply(
                                        "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json, application/json")
                                .contentType())
                .isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(acceptReply("*/*").contentType())
                .isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(acceptReply("application/*").contentType())
                .isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(
                        acceptReply(
                                        "application/json;q=0.9, application/vnd.schemaregistry.v1+json;q=0.1")
                                .contentType())
                .isEqualTo("application/json");
        assertThat(http.send("GET", "/subjects", null, Map.of()).contentType())
                .isEqualTo("application/vnd.schemaregistry.v1+json");

        RegistryHttp.Reply html = acceptReply("text/html");
        assertError(html, 406, 406);
        RegistryHttp.Reply jsonError =
                http.send(
                        "GET",
                        "/subjects/" + SharedPlatform.unique("none") + "/versions",
                        null,
                        Map.of("Accept", "application/json"));
        assertError(jsonError, 404, 40401);
        assertThat(jsonError.contentType()).isEqualTo("application/json");
    }

    @Test
    void requestBodiesMustBeJson() {
        String subject = SharedPlatform.unique("content-type");
        String body = schemaBody(v1(subject));
        assertError(
                http.send(
                        "POST",
                        "/subjects/" + subject + "/versions",
                        body,
                        Map.of("Content-Type", "text/plain")),
                415,
                415);
        assertThat(
                        http.send(
                                        "POST",
                                        "/subjects/" + subject + "/versions",
                                        body,
                                        Map.of("Content-Type", "application/json"))
                                .status())
                .isEqualTo(200);
        assertThat(http.send("POST", "/subjects/" + subject, body, Map.of()).status())
                .isEqualTo(200);
        assertError(http.post("/subjects/" + subject + "/versions", ""), 422, 422);
    }

    private static RegistryHttp.Reply acceptReply(String accept) {
        return http.send("GET", "/subjects", null, Map.of("Accept", accept));
    }

    // ---------------------------------------------------------------- register details, modes,
    // contexts

    @Test
    void normalizeRegistersAndFindsTheNormalForm() {
        String subject = SharedPlatform.unique("normalize");
        String ns = namespace(subject);
        String propsAB =
                "{\"type\":\"record\",\"name\":\""
                        + ns
                        + ".N\",\"fields\":[{\"name\":\"f\",\"type\":\"string\"}],"
                        + "\"a\":\"1\",\"b\":\"2\"}";
        String propsBA =
                "{\"type\":\"record\",\"namespace\":\""
                        + ns
                        + "\",\"name\":\"N\",\"b\":\"2\","
                        + "\"fields\":[{\"name\":\"f\",\"type\":\"string\"}],\"a\":\"1\"}";

        int id =
                http.post("/subjects/" + subject + "/versions?normalize=true", schemaBody(propsBA))
                        .json()
                        .path("id")
                        .asInt();
        assertThat(
                        http.post(
                                        "/subjects/" + subject + "/versions?normalize=true",
                                        schemaBody(propsAB))
                                .json()
                                .path("id")
                                .asInt())
                .isEqualTo(id);
        assertThat(http.get("/subjects/" + subject + "/versions").body()).isEqualTo("[1]");
        String stored =
                http.get("/subjects/" + subject + "/versions/1").json().path("schema").asText();
        assertThat(stored)
                .startsWith("{\"name\":\"" + ns + ".N\",\"type\":\"record\"")
                .endsWith(",\"a\":\"1\",\"b\":\"2\"}");
        // a lookup without normalize falls back to the normal form, as Confluent's does
        assertThat(http.post("/subjects/" + subject, schemaBody(propsBA)).json().path("id").asInt())
                .isEqualTo(id);
        // without normalize, the other property order is another schema
        assertThat(register(http, subject, propsBA)).isNotEqualTo(id);
    }

    @Test
    void anExplicitIdOrVersionNeedsImportModeWhichThisRegistryDoesNotHave() {
        String subject = SharedPlatform.unique("import");
        assertError(
                http.post(
                        "/subjects/" + subject + "/versions",
                        "{\"schema\":" + TextNode.valueOf(v1(subject)) + ",\"id\":77}"),
                422,
                42205);
        assertError(
                http.post(
                        "/subjects/" + subject + "/versions",
                        "{\"schema\":" + TextNode.valueOf(v1(subject)) + ",\"version\":3}"),
                422,
                42205);
        assertThat(
                        http.post(
                                        "/subjects/" + subject + "/versions",
                                        "{\"schema\":"
                                                + TextNode.valueOf(v1(subject))
                                                + ",\"version\":-1,\"id\":-1}")
                                .status())
                .isEqualTo(200);
    }

    @Test
    void modeIsAlwaysReadWriteAndContextsHaveTheDefaultOnly() {
        String subject = SharedPlatform.unique("mode");
        assertThat(http.get("/mode").body()).isEqualTo("{\"mode\":\"READWRITE\"}");
        assertError(http.get("/mode/" + subject), 404, 40409);
        assertThat(http.get("/mode/" + subject + "?defaultToGlobal=true").body())
                .isEqualTo("{\"mode\":\"READWRITE\"}");
        assertError(http.put("/mode", "{\"mode\":\"READONLY\"}"), 422, 42205);
        assertError(http.put("/mode/" + subject, "{\"mode\":\"IMPORT\"}"), 422, 42205);
        assertError(http.delete("/mode/" + subject), 422, 42205);
        assertThat(http.get("/contexts").body()).isEqualTo("[\".\"]");
    }

    @Test
    void unknownPathsAndMethodsAnswerTheGenericHttpErrors() {
        assertError(http.get("/subjects/x/versions/1/unknown"), 404, 404);
        assertError(http.put("/subjects", "{}"), 405, 405);
        assertError(http.send("PATCH", "/config", "{}"), 405, 405);
    }
}
