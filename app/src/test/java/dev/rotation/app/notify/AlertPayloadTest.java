package dev.rotation.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rotation.model.Alert;
import dev.rotation.model.Scale;
import dev.rotation.model.Severity;
import dev.rotation.model.SignalType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The webhook body: the alert as a stable JSON object, or a Slack message. */
class AlertPayloadTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theJsonObjectHasTheSchemasFieldsInItsOrderWithIsoInstants() throws Exception {
        Alert alert = TestAlerts.alert(7);
        JsonNode json = JSON.readTree(AlertPayload.body(alert, AlertPayload.Format.JSON));

        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertThat(names)
                .containsExactlyElementsOf(
                        Alert.getClassSchema().getFields().stream()
                                .map(Schema.Field::name)
                                .toList());
        assertThat(json.get("alertId").asText()).isEqualTo(alert.getAlertId());
        assertThat(json.get("windowStart").asText()).isEqualTo("2026-01-19T00:00:00Z");
        assertThat(json.get("windowEnd").asText()).isEqualTo("2026-01-26T00:00:00Z");
        assertThat(json.get("emittedAt").asText()).isEqualTo("2026-01-26T09:00:00.123Z");
        assertThat(json.get("severity").asText()).isEqualTo("WARNING");
        assertThat(json.get("type").asText()).isEqualTo("CONCENTRATED_OUTFLOW");
        assertThat(json.get("revision").isInt()).isTrue();
        assertThat(json.get("confidence").asDouble()).isEqualTo(0.6);
        assertThat(json.get("scale").isNull()).isTrue();
        assertThat(json.get("caveatCodes").isArray()).isTrue();
        assertThat(json.get("caveatCodes").get(0).asText()).isEqualTo("SINGLE_SOURCE");
    }

    @Test
    void theSameAlertAlwaysGivesTheSameBytes() {
        assertThat(AlertPayload.body(TestAlerts.alert(3), AlertPayload.Format.JSON))
                .isEqualTo(AlertPayload.body(TestAlerts.alert(3), AlertPayload.Format.JSON));
    }

    @Test
    void theSlackPayloadIsOneTextFieldThatReadsLikeTheAlert() throws Exception {
        Alert alert = TestAlerts.alert(2, Severity.CRITICAL, SignalType.ROTATION_TO_HIGH_BETA);
        alert.setScale(Scale.MICRO);
        alert.setLine("Outflows <$1.73B> & inflows");
        byte[] body = AlertPayload.body(alert, AlertPayload.Format.SLACK);
        JsonNode json = JSON.readTree(new String(body, StandardCharsets.UTF_8));

        assertThat(json.size()).isEqualTo(1);
        assertThat(json.get("text").asText())
                .isEqualTo(
                        "*CRITICAL FINAL ROTATION_TO_HIGH_BETA A2, week of 2026-01-19, MICRO, confidence 0.60 MEDIUM*\n"
                                + "Outflows &lt;$1.73B&gt; &amp; inflows\n"
                                + "caveats: SINGLE_SOURCE · alert "
                                + alert.getAlertId());
    }
}
