package dev.rotation.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;

/**
 * The normalized text of an Avro schema, what {@code ?normalize=true} registers and compares (as
 * Confluent's registry does for Avro): every named type written once with its full name and no
 * {@code namespace} key, keys in a fixed order ({@code name}, {@code type}, then the type's own
 * keys), custom properties and aliases sorted, every field's {@code order} spelled out. Two schemas
 * that differ only in how they are written (namespace inheritance, property or alias order,
 * whitespace) have the same normal form; documentation and defaults are kept.
 */
final class AvroNormalForm {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AvroNormalForm() {}

    /** The normal form, a JSON text that Avro's parser reads back to an equal schema. */
    static String of(Schema schema) {
        StringBuilder out = new StringBuilder();
        write(schema, new HashSet<>(), out);
        return out.toString();
    }

    private static void write(Schema s, Set<String> defined, StringBuilder o) {
        switch (s.getType()) {
            case UNION -> {
                o.append('[');
                String sep = "";
                for (Schema branch : s.getTypes()) {
                    o.append(sep);
                    write(branch, defined, o);
                    sep = ",";
                }
                o.append(']');
            }
            case ARRAY, MAP -> {
                o.append("{\"type\":\"").append(s.getType().getName()).append('"');
                o.append(s.getType() == Schema.Type.ARRAY ? ",\"items\":" : ",\"values\":");
                write(
                        s.getType() == Schema.Type.ARRAY ? s.getElementType() : s.getValueType(),
                        defined,
                        o);
                properties(s.getObjectProps(), o);
                o.append('}');
            }
            case RECORD, ENUM, FIXED -> writeNamed(s, defined, o);
            default -> {
                if (s.getObjectProps().isEmpty()) {
                    o.append('"').append(s.getType().getName()).append('"');
                } else {
                    // logical types (logicalType, precision, scale) are properties like any other
                    o.append("{\"type\":\"").append(s.getType().getName()).append('"');
                    properties(s.getObjectProps(), o);
                    o.append('}');
                }
            }
        }
    }

    private static void writeNamed(Schema s, Set<String> defined, StringBuilder o) {
        String name = s.getFullName();
        if (!defined.add(name)) {
            o.append(text(name));
            return;
        }
        o.append("{\"name\":")
                .append(text(name))
                .append(",\"type\":\"")
                .append(s.getType().getName())
                .append('"');
        switch (s.getType()) {
            case ENUM -> {
                ArrayNode symbols = NODES.arrayNode();
                s.getEnumSymbols().forEach(symbols::add);
                o.append(",\"symbols\":").append(symbols);
            }
            case FIXED -> o.append(",\"size\":").append(s.getFixedSize());
            default -> {
                o.append(",\"fields\":[");
                String sep = "";
                for (Schema.Field f : s.getFields()) {
                    o.append(sep).append("{\"name\":").append(text(f.name())).append(",\"type\":");
                    write(f.schema(), defined, o);
                    o.append(",\"order\":\"")
                            .append(f.order().name().toLowerCase(Locale.ROOT))
                            .append('"');
                    if (f.doc() != null) {
                        o.append(",\"doc\":").append(text(f.doc()));
                    }
                    if (!f.aliases().isEmpty()) {
                        o.append(",\"aliases\":").append(json(new TreeSet<>(f.aliases())));
                    }
                    if (f.hasDefaultValue()) {
                        o.append(",\"default\":").append(json(f.defaultVal()));
                    }
                    properties(f.getObjectProps(), o);
                    o.append('}');
                    sep = ",";
                }
                o.append(']');
            }
        }
        if (s.getDoc() != null && !s.getDoc().isEmpty()) {
            o.append(",\"doc\":").append(text(s.getDoc()));
        }
        if (!s.getAliases().isEmpty()) {
            o.append(",\"aliases\":").append(json(new TreeSet<>(s.getAliases())));
        }
        if (s.getType() == Schema.Type.ENUM && s.getEnumDefault() != null) {
            o.append(",\"default\":").append(text(s.getEnumDefault()));
        }
        properties(s.getObjectProps(), o);
        o.append('}');
    }

    private static void properties(Map<String, Object> props, StringBuilder o) {
        new TreeMap<>(props)
                .forEach((k, v) -> o.append(',').append(text(k)).append(':').append(json(v)));
    }

    private static String text(String s) {
        return NODES.textNode(s).toString();
    }

    /** JSON for an Avro property or default value, objects with their keys sorted. */
    private static JsonNode json(Object value) {
        if (value == null || value == JsonProperties.NULL_VALUE) {
            return NODES.nullNode();
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode node = NODES.objectNode();
            new TreeMap<>(
                            map.entrySet().stream()
                                    .collect(
                                            Collectors.toMap(
                                                    e -> String.valueOf(e.getKey()),
                                                    Map.Entry::getValue)))
                    .forEach((k, v) -> node.set(k, json(v)));
            return node;
        }
        if (value instanceof Collection<?> items) {
            ArrayNode node = NODES.arrayNode();
            items.forEach(item -> node.add(json(item)));
            return node;
        }
        if (value instanceof byte[] bytes) {
            return NODES.textNode(new String(bytes, StandardCharsets.ISO_8859_1));
        }
        if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return NODES.textNode(new String(bytes, StandardCharsets.ISO_8859_1));
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof Float f) {
            return NODES.numberNode(f);
        }
        if (value instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (value instanceof BigInteger b) {
            return NODES.numberNode(b);
        }
        if (value instanceof BigDecimal b) {
            return NODES.numberNode(b);
        }
        return NODES.textNode(value.toString());
    }
}
