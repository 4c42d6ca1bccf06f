package dev.rotation.platform;

import static dev.rotation.platform.RegistryDeleteIntegrationTest.assertError;
import static dev.rotation.platform.RegistryDeleteIntegrationTest.register;
import static dev.rotation.platform.RegistryDeleteIntegrationTest.v1;
import static dev.rotation.platform.RegistryDeleteIntegrationTest.v2;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Deletes and levels are records in the {@code _schemas} topic: a registry stopped and started
 * again on the same topic answers exactly as before.
 */
@Tag("integration")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
@ExtendWith(SharedPlatform.class)
class RegistryRestartIntegrationTest {

    @Test
    void deletesAndLevelsSurviveARestartOnTheSameTopic() {
        String bootstrap = SharedPlatform.platform().bootstrapServers();
        EmbeddedSchemaRegistry.Config config =
                EmbeddedSchemaRegistry.Config.defaults()
                        .withTopic(SharedPlatform.unique("_schemas-deletes"));
        String softVersion = "metals-value";
        String softSubject = "prices-value";
        String gone = "flows-value";
        String levelRemoved = "volumes-value";
        int metalsV2;
        int pricesV1;
        int flowsV1;
        try (EmbeddedSchemaRegistry first = EmbeddedSchemaRegistry.start(bootstrap, config)) {
            RegistryHttp h = new RegistryHttp(first.url());
            register(h, softVersion, v1(softVersion));
            metalsV2 = register(h, softVersion, v2(softVersion));
            h.delete("/subjects/" + softVersion + "/versions/2");
            h.put("/config/" + softVersion, "{\"compatibility\":\"FULL_TRANSITIVE\"}");

            pricesV1 = register(h, softSubject, v1(softSubject));
            h.put("/config/" + softSubject, "{\"compatibility\":\"NONE\"}");
            h.delete("/subjects/" + softSubject);

            flowsV1 = register(h, gone, v1(gone));
            h.put("/config/" + gone, "{\"compatibility\":\"FORWARD\"}");
            h.delete("/subjects/" + gone);
            h.delete("/subjects/" + gone + "?permanent=true");

            register(h, levelRemoved, v1(levelRemoved));
            h.put("/config/" + levelRemoved, "{\"compatibility\":\"FULL\"}");
            h.delete("/config/" + levelRemoved);

            h.put("/config", "{\"compatibility\":\"FORWARD_TRANSITIVE\"}");
        }

        try (EmbeddedSchemaRegistry second = EmbeddedSchemaRegistry.start(bootstrap, config)) {
            RegistryHttp h = new RegistryHttp(second.url());
            // a soft-deleted version: listed on request only, its id resolves, its subject keeps
            // its level
            assertThat(h.get("/subjects/" + softVersion + "/versions").body()).isEqualTo("[1]");
            assertThat(h.get("/subjects/" + softVersion + "/versions?deleted=true").body())
                    .isEqualTo("[1,2]");
            assertThat(h.get("/schemas/ids/" + metalsV2).status()).isEqualTo(200);
            assertError(h.delete("/subjects/" + softVersion + "/versions/2"), 404, 40406);
            assertThat(h.get("/config/" + softVersion).body())
                    .isEqualTo("{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}");

            // a soft-deleted subject
            assertThat(h.get("/subjects").json().toString()).doesNotContain(softSubject);
            assertThat(h.get("/subjects?deletedOnly=true").body())
                    .isEqualTo("[\"" + softSubject + "\"]");
            assertError(h.delete("/subjects/" + softSubject), 404, 40404);
            assertThat(h.get("/schemas/ids/" + pricesV1).status()).isEqualTo(200);
            assertThat(h.get("/config/" + softSubject).body())
                    .isEqualTo("{\"compatibilityLevel\":\"NONE\"}");

            // a permanently deleted subject: gone, with its level and its id
            assertError(h.get("/subjects/" + gone + "/versions?deleted=true"), 404, 40401);
            assertError(h.get("/config/" + gone), 404, 40408);
            assertError(h.get("/schemas/ids/" + flowsV1), 404, 40403);

            // a removed subject level, and the global level
            assertError(h.get("/config/" + levelRemoved), 404, 40408);
            assertThat(h.get("/config").body())
                    .isEqualTo("{\"compatibilityLevel\":\"FORWARD_TRANSITIVE\"}");

            // the same schema is registered again with its old id, and versions keep counting
            assertThat(register(h, softVersion, v2(softVersion))).isEqualTo(metalsV2);
            assertThat(h.get("/subjects/" + softVersion + "/versions").body()).isEqualTo("[1,3]");
            assertThat(register(h, gone, v1(gone))).isEqualTo(flowsV1);
        }
    }
}
