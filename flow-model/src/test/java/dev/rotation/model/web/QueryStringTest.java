package dev.rotation.model.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryStringTest {

    @Test
    void decodesRepeatedAndValuelessParametersInOrder() {
        Map<String, List<String>> p =
                QueryString.parse("deleted=true&subject=rd.metals-value&x&subject=a%2Bb+c");
        assertThat(p)
                .containsExactly(
                        Map.entry("deleted", List.of("true")),
                        Map.entry("subject", List.of("rd.metals-value", "a+b c")),
                        Map.entry("x", List.of("")));
    }

    @Test
    void emptyOrMissingQueryHasNoParameters() {
        assertThat(QueryString.parse(null)).isEmpty();
        assertThat(QueryString.parse("")).isEmpty();
        assertThat(QueryString.parse("&&")).isEmpty();
    }

    @Test
    void singleValuedParsingRefusesARepeatedParameterByName() {
        assertThat(QueryString.parseSingle("since=2026-01-19&until=2026-01-19"))
                .containsExactly(
                        Map.entry("since", "2026-01-19"), Map.entry("until", "2026-01-19"));
        assertThatThrownBy(() -> QueryString.parseSingle("type=A&type=B"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'type' given twice");
    }
}
