package dev.rotation.app;

import static dev.rotation.app.Alerts.SEED_WEEK;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rotation.model.Alert;
import dev.rotation.model.SignalStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code alerts --format json}: one object per line, stable names, ISO-8601 instants. */
class AlertJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static final List<String> FIELDS =
            List.of(
                    "alertId",
                    "signalId",
                    "revision",
                    "status",
                    "severity",
                    "rank",
                    "type",
                    "windowStart",
                    "windowEnd",
                    "subjects",
                    "sources",
                    "scale",
                    "confidence",
                    "confidenceLevel",
                    "causality",
                    "caveatCodes",
                    "explanation",
                    "emittedAt");

    @Test
    void eachAlertIsOneLineThatParsesBackToItsFields() throws Exception {
        Alert riskOff = Alerts.riskOff(SignalStatus.FINAL);
        Alert rotation = Alerts.rotation(SEED_WEEK);
        for (Alert a : List.of(riskOff, rotation)) {
            String line = AlertJson.line(a);
            assertThat(line).doesNotContain("\n");
            JsonNode o = MAPPER.readTree(line);
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            assertThat(names).isEqualTo(FIELDS);
            assertThat(o.get("alertId").asText()).isEqualTo(a.getAlertId());
            assertThat(o.get("signalId").asText()).isEqualTo(a.getSignalId());
            assertThat(o.get("revision").asInt()).isEqualTo(3);
            assertThat(o.get("status").asText()).isEqualTo("FINAL");
            assertThat(o.get("type").asText()).isEqualTo(a.getType().name());
            assertThat(o.get("rank").asInt()).isEqualTo(a.getRank());
            assertThat(Instant.parse(o.get("windowStart").asText()))
                    .isEqualTo(Alerts.monday(SEED_WEEK));
            assertThat(o.get("windowEnd").asText()).isEqualTo("2026-01-26T00:00:00Z");
            assertThat(o.get("emittedAt").asText()).isEqualTo("2026-02-02T10:15:30.250Z");
            assertThat(o.get("confidence").asDouble()).isEqualTo(0.6);
            assertThat(o.get("confidenceLevel").asText()).isEqualTo("MEDIUM");
            assertThat(MAPPER.convertValue(o.get("subjects"), List.class))
                    .isEqualTo(a.getSubjects());
            assertThat(MAPPER.convertValue(o.get("sources"), List.class)).isEqualTo(a.getSources());
            assertThat(MAPPER.convertValue(o.get("caveatCodes"), List.class))
                    .containsExactly("SINGLE_SOURCE", "INSUFFICIENT_HISTORY");
            assertThat(o.get("explanation").asText()).isEqualTo(a.getExplanation());
        }
        JsonNode risk = MAPPER.readTree(AlertJson.line(riskOff));
        assertThat(risk.get("scale").isNull()).isTrue();
        assertThat(risk.get("severity").asText()).isEqualTo("WARNING");
        assertThat(risk.get("causality").asText()).isEqualTo("CORRELATION_NOT_CAUSATION");
        assertThat(risk.get("explanation").asText()).endsWith("from one market to the other.");
        assertThat(MAPPER.readTree(AlertJson.line(rotation)).get("scale").asText())
                .isEqualTo("MICRO");
    }

    @Test
    void anExplanationWithQuotesAndNonAsciiStaysOneValidLine() throws Exception {
        String said = "BTC \"held\" 100% — of the outflow\nthen the ETH row landed";
        Alert a = Alerts.rotationBuilder(SEED_WEEK).setExplanation(said).build();
        String line = AlertJson.line(a);
        assertThat(line).doesNotContain("\n");
        assertThat(MAPPER.readTree(line).get("explanation").asText()).isEqualTo(said);
    }
}
