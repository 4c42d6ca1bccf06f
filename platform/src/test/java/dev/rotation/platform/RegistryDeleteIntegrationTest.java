package dev.rotation.platform;

import static dev.rotation.platform.RegistryHttp.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Soft and permanent deletes of subjects and versions over real HTTP, with Confluent's status codes
 * and error codes, the {@code deleted} listings, and what a delete does to ids and levels.
 */
@Tag("integration")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(SharedPlatform.class)
class RegistryDeleteIntegrationTest {

    /** A record schema of its own for each subject, so tests do not share schema ids. */
    static String v1(String subject) {
        return """
                {"type":"record","name":"Bar","namespace":"%s","fields":[
                  {"name":"symbol","type":"string"}]}"""
                .formatted(namespace(subject));
    }

    /** {@link #v1} plus an optional field: backward compatible. */
    static String v2(String subject) {
        return """
                {"type":"record","name":"Bar","namespace":"%s","fields":[
                  {"name":"symbol","type":"string"},
                  {"name":"venue","type":["null","string"],"default":null}]}"""
                .formatted(namespace(subject));
    }

    static String namespace(String subject) {
        return "test." + subject.replaceAll("[^A-Za-z0-9]", "_");
    }

    private static RegistryHttp http;

    @BeforeAll
    static void connect() {
        http = new RegistryHttp(SharedPlatform.platform().registryUrl());
    }

    static int register(RegistryHttp h, String subject, String schema) {
        RegistryHttp.Reply r = h.post("/subjects/" + subject + "/versions", schemaBody(schema));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("id").asInt();
    }

    static void assertError(RegistryHttp.Reply reply, int status, int errorCode) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.errorCode()).as(reply.body()).isEqualTo(errorCode);
    }

    @Test
    void softDeletedVersionLeavesListingsButItsIdStillResolves() {
        String subject = SharedPlatform.unique("soft-version");
        register(http, subject, v1(subject));
        int id2 = register(http, subject, v2(subject));

        RegistryHttp.Reply deleted = http.delete("/subjects/" + subject + "/versions/2");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("2");

        assertThat(http.get("/subjects/" + subject + "/versions").body()).isEqualTo("[1]");
        assertThat(http.get("/subjects/" + subject + "/versions?deleted=true").body())
                .isEqualTo("[1,2]");
        assertThat(http.get("/subjects/" + subject + "/versions?deletedOnly=true").body())
                .isEqualTo("[2]");
        assertThat(
                        http.get("/subjects/" + subject + "/versions/latest")
                                .json()
                                .path("version")
                                .asInt())
                .isEqualTo(1);
        assertError(http.get("/subjects/" + subject + "/versions/2"), 404, 40402);
        RegistryHttp.Reply withDeleted =
                http.get("/subjects/" + subject + "/versions/2?deleted=true");
        assertThat(withDeleted.status()).isEqualTo(200);
        assertThat(withDeleted.json().path("id").asInt()).isEqualTo(id2);
        assertThat(http.get("/subjects/" + subject + "/versions/2/schema?deleted=true").status())
                .isEqualTo(200);

        // the id still resolves, so records written with it stay readable
        assertThat(http.get("/schemas/ids/" + id2).status()).isEqualTo(200);
        assertThat(http.get("/schemas/ids/" + id2 + "/versions").body()).isEqualTo("[]");
        assertThat(http.get("/schemas/ids/" + id2 + "/versions?deleted=true").body())
                .isEqualTo("[{\"subject\":\"" + subject + "\",\"version\":2}]");

        // lookup sees the soft-deleted version only when asked
        assertError(http.post("/subjects/" + subject, schemaBody(v2(subject))), 404, 40403);
        assertThat(
                        http.post("/subjects/" + subject + "?deleted=true", schemaBody(v2(subject)))
                                .json()
                                .path("version")
                                .asInt())
                .isEqualTo(2);
    }

    @Test
    void versionDeleteErrorCodesFollowConfluent() {
        String subject = SharedPlatform.unique("version-codes");
        register(http, subject, v1(subject));
        register(http, subject, v2(subject));

        assertError(http.delete("/subjects/" + subject + "/versions/1?permanent=true"), 404, 40407);
        assertThat(http.delete("/subjects/" + subject + "/versions/1").status()).isEqualTo(200);
        assertError(http.delete("/subjects/" + subject + "/versions/1"), 404, 40406);
        assertThat(
                        http.delete("/subjects/" + subject + "/versions/1")
                                .json()
                                .path("message")
                                .asText())
                .isEqualTo(
                        "Subject '"
                                + subject
                                + "' Version 1 was soft deleted.Set permanent=true to delete permanently");
        assertError(http.delete("/subjects/" + subject + "/versions/7"), 404, 40402);
        assertError(http.delete("/subjects/" + subject + "/versions/zero"), 422, 42202);
        assertError(
                http.delete("/subjects/" + SharedPlatform.unique("nobody") + "/versions/1"),
                404,
                40401);

        RegistryHttp.Reply permanent =
                http.delete("/subjects/" + subject + "/versions/1?permanent=true");
        assertThat(permanent.status()).isEqualTo(200);
        assertThat(permanent.body()).isEqualTo("1");
        assertThat(http.get("/subjects/" + subject + "/versions?deleted=true").body())
                .isEqualTo("[2]");
        assertError(http.delete("/subjects/" + subject + "/versions/1?permanent=true"), 404, 40402);
        assertError(http.get("/subjects/" + subject + "/versions/1?deleted=true"), 404, 40402);

        // 'latest' deletes the newest live version
        assertThat(http.delete("/subjects/" + subject + "/versions/latest").body()).isEqualTo("2");
        assertError(http.get("/subjects/" + subject + "/versions"), 404, 40401);
        assertError(http.delete("/subjects/" + subject + "/versions/latest"), 404, 40402);
    }

    @Test
    void subjectDeleteIsSoftThenPermanentWithConfluentsCodes() {
        String subject = SharedPlatform.unique("subject-codes");
        int id1 = register(http, subject, v1(subject));
        int id2 = register(http, subject, v2(subject));

        assertError(http.delete("/subjects/" + subject + "?permanent=true"), 404, 40405);
        RegistryHttp.Reply soft = http.delete("/subjects/" + subject);
        assertThat(soft.status()).isEqualTo(200);
        assertThat(soft.body()).isEqualTo("[1,2]");
        assertError(http.delete("/subjects/" + subject), 404, 40404);
        assertThat(http.delete("/subjects/" + subject).json().path("message").asText())
                .isEqualTo(
                        "Subject '"
                                + subject
                                + "' was soft deleted.Set permanent=true to delete permanently");

        assertThat(http.get("/subjects").json().toString()).doesNotContain(subject);
        assertThat(http.get("/subjects?deleted=true").json().toString()).contains(subject);
        assertThat(http.get("/subjects?deletedOnly=true").json().toString()).contains(subject);
        assertError(http.get("/subjects/" + subject + "/versions"), 404, 40401);
        assertThat(http.get("/subjects/" + subject + "/versions?deleted=true").body())
                .isEqualTo("[1,2]");
        assertError(http.get("/subjects/" + subject + "/versions/latest"), 404, 40401);
        assertThat(http.get("/schemas/ids/" + id1).status()).isEqualTo(200);
        assertThat(http.get("/schemas/ids/" + id2 + "/subjects?deleted=true").body())
                .isEqualTo("[\"" + subject + "\"]");

        RegistryHttp.Reply permanent = http.delete("/subjects/" + subject + "?permanent=true");
        assertThat(permanent.status()).isEqualTo(200);
        assertThat(permanent.body()).isEqualTo("[1,2]");
        assertError(http.delete("/subjects/" + subject + "?permanent=true"), 404, 40401);
        assertError(http.delete("/subjects/" + subject), 404, 40401);
        assertThat(http.get("/subjects?deleted=true").json().toString()).doesNotContain(subject);
        // no version carries the ids any more
        assertError(http.get("/schemas/ids/" + id1), 404, 40403);
        assertError(http.get("/schemas/ids/" + id2 + "/versions"), 404, 40403);
    }

    @Test
    void registeringASoftDeletedSchemaAgainAddsAVersionAndDropsTheDeletedOne() {
        String subject = SharedPlatform.unique("reregister");
        int id1 = register(http, subject, v1(subject));
        register(http, subject, v2(subject));
        http.delete("/subjects/" + subject);

        // versions keep counting; the old version with the same id is removed, as in Confluent
        assertThat(register(http, subject, v1(subject))).isEqualTo(id1);
        assertThat(http.get("/subjects/" + subject + "/versions").body()).isEqualTo("[3]");
        assertThat(http.get("/subjects/" + subject + "/versions?deleted=true").body())
                .isEqualTo("[2,3]");
        assertError(http.get("/subjects/" + subject + "/versions/1?deleted=true"), 404, 40402);
    }

    @Test
    void compatibilityIgnoresSoftDeletedVersions() {
        String subject = SharedPlatform.unique("compat-after-delete");
        register(http, subject, v1(subject));
        http.put("/config/" + subject, "{\"compatibility\":\"NONE\"}");
        String intSymbol =
                v1(subject)
                        .replace("\"symbol\",\"type\":\"string\"", "\"symbol\",\"type\":\"int\"");
        register(http, subject, intSymbol);
        http.put("/config/" + subject, "{\"compatibility\":\"BACKWARD\"}");

        // v2 cannot read version 2's int symbols
        assertThat(
                        http.post("/subjects/" + subject + "/versions", schemaBody(v2(subject)))
                                .status())
                .isEqualTo(409);
        http.delete("/subjects/" + subject + "/versions/2");
        // with version 2 soft-deleted, only version 1 counts
        assertThat(
                        http.post(
                                        "/compatibility/subjects/" + subject + "/versions/latest",
                                        schemaBody(v2(subject)))
                                .json()
                                .path("is_compatible")
                                .asBoolean())
                .isTrue();
        register(http, subject, v2(subject));
        assertThat(http.get("/subjects/" + subject + "/versions").body()).isEqualTo("[1,3]");
    }

    @Test
    void aSubjectsLevelSurvivesASoftDeleteAndGoesWithThePermanentOne() {
        String subject = SharedPlatform.unique("level-lifecycle");
        register(http, subject, v1(subject));
        http.put("/config/" + subject, "{\"compatibility\":\"FULL\"}");

        http.delete("/subjects/" + subject);
        assertThat(http.get("/config/" + subject).json().path("compatibilityLevel").asText())
                .isEqualTo("FULL");
        http.delete("/subjects/" + subject + "?permanent=true");
        assertError(http.get("/config/" + subject), 404, 40408);

        String other = SharedPlatform.unique("level-version");
        register(http, other, v1(other));
        http.put("/config/" + other, "{\"compatibility\":\"NONE\"}");
        http.delete("/subjects/" + other + "/versions/1");
        assertThat(http.get("/config/" + other).json().path("compatibilityLevel").asText())
                .isEqualTo("NONE");
        http.delete("/subjects/" + other + "/versions/1?permanent=true");
        assertError(http.get("/config/" + other), 404, 40408);
    }
}
