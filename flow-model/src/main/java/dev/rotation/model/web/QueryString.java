package dev.rotation.model.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of a URL's raw query string ({@code a=1&b=x%20y&a=2}), decoded as HTML forms
 * encode them ({@code +} is a space). Shared by the HTTP servers of the product: the embedded
 * Schema Registry and the processor's read-side endpoints.
 */
public final class QueryString {
    private QueryString() {}

    /**
     * Every parameter with all its values, in the order they first appear.
     *
     * @param rawQuery the raw (still percent-encoded) query, without the {@code ?}; null or blank
     *     gives an empty map
     * @return name to values; a parameter without {@code =} has the value {@code ""}
     */
    public static Map<String, List<String>> parse(String rawQuery) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isBlank()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k =
                    URLDecoder.decode(
                            eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v =
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    /**
     * Each parameter's single value, for APIs where a repeated parameter is a mistake.
     *
     * @throws IllegalArgumentException naming the first parameter given more than once
     */
    public static Map<String, String> parseSingle(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        parse(rawQuery)
                .forEach(
                        (k, values) -> {
                            if (values.size() > 1) {
                                throw new IllegalArgumentException(
                                        "parameter '" + k + "' given twice");
                            }
                            out.put(k, values.get(0));
                        });
        return out;
    }
}
