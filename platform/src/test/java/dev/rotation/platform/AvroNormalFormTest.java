package dev.rotation.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotation.model.Alert;
import dev.rotation.model.FundFlow;
import dev.rotation.model.MetalQuote;
import dev.rotation.model.PriceBar;
import dev.rotation.model.Signal;
import dev.rotation.model.VolumeBar;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The normal form that {@code normalize=true} registers: it reads back as the same schema, and
 * ignores spelling only.
 */
class AvroNormalFormTest {

    static Stream<Schema> productSchemas() {
        return Stream.of(
                FundFlow.getClassSchema(),
                PriceBar.getClassSchema(),
                VolumeBar.getClassSchema(),
                MetalQuote.getClassSchema(),
                Signal.getClassSchema(),
                Alert.getClassSchema());
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("productSchemas")
    void readsBackAsTheSameSchemaWithDocsAndDefaults(Schema schema) {
        String normal = AvroNormalForm.of(schema);
        Schema back = new Schema.Parser().parse(normal);

        assertThat(back).isEqualTo(schema);
        assertThat(back.getDoc()).isEqualTo(schema.getDoc());
        schema.getFields()
                .forEach(
                        f -> {
                            assertThat(back.getField(f.name()).doc()).isEqualTo(f.doc());
                            assertThat(back.getField(f.name()).hasDefaultValue())
                                    .isEqualTo(f.hasDefaultValue());
                        });
        assertThat(AvroNormalForm.of(back)).isEqualTo(normal);
        assertThat(normal)
                .doesNotContain("\"namespace\"")
                .startsWith("{\"name\":\"" + schema.getFullName() + "\"");
    }

    @Test
    void schemasSpelledDifferentlyHaveOneNormalForm() {
        Schema nested =
                new Schema.Parser()
                        .parse(
                                """
                {"type":"record","namespace":"a.b","name":"Outer","z":1,"a":{"y":2,"x":1},"aliases":["Z","A"],
                 "fields":[{"name":"inner","type":{"type":"record","name":"Inner","fields":[{"name":"v","type":"int"}]}},
                           {"name":"again","type":"Inner","aliases":["b","a"]}]}""");
        Schema fullNames =
                new Schema.Parser()
                        .parse(
                                """
                {"aliases":["a.b.A","a.b.Z"],"a":{"x":1,"y":2},"name":"a.b.Outer","type":"record",
                 "fields":[{"type":{"name":"a.b.Inner","type":"record","fields":[{"type":"int","name":"v"}]},"name":"inner"},
                           {"name":"again","aliases":["a","b"],"type":"a.b.Inner"}],"z":1}""");

        assertThat(nested.toString()).isNotEqualTo(fullNames.toString());
        assertThat(AvroNormalForm.of(nested)).isEqualTo(AvroNormalForm.of(fullNames));
        assertThat(AvroNormalForm.of(nested))
                .isEqualTo(
                        "{\"name\":\"a.b.Outer\",\"type\":\"record\",\"fields\":["
                                + "{\"name\":\"inner\",\"type\":{\"name\":\"a.b.Inner\",\"type\":\"record\",\"fields\":["
                                + "{\"name\":\"v\",\"type\":\"int\",\"order\":\"ascending\"}]},\"order\":\"ascending\"},"
                                + "{\"name\":\"again\",\"type\":\"a.b.Inner\",\"order\":\"ascending\",\"aliases\":[\"a\",\"b\"]}],"
                                + "\"aliases\":[\"a.b.A\",\"a.b.Z\"],\"a\":{\"x\":1,\"y\":2},\"z\":1}");
    }

    @Test
    void docsAndDefaultsStillMakeSchemasDifferent() {
        Schema plain =
                new Schema.Parser()
                        .parse(
                                "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"f\",\"type\":\"int\"}]}");
        Schema withDefault =
                new Schema.Parser()
                        .parse(
                                "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"f\",\"type\":\"int\",\"default\":0}]}");
        Schema withDoc =
                new Schema.Parser()
                        .parse(
                                "{\"type\":\"record\",\"name\":\"R\",\"doc\":\"d\",\"fields\":[{\"name\":\"f\",\"type\":\"int\"}]}");
        assertThat(AvroNormalForm.of(withDefault)).isNotEqualTo(AvroNormalForm.of(plain));
        assertThat(AvroNormalForm.of(withDoc)).isNotEqualTo(AvroNormalForm.of(plain));
    }
}
