package dev.rotation.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rotation.model.web.QueryString;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request to the registry: method, decoded path segments, query parameters and the JSON
 * body. Query parameters convert as in Confluent's JAX-RS resources: a boolean is true only for
 * {@code true} (any case), an integer that does not parse answers 404.
 */
final class RegistryRequest {
    private static final int MAX_BODY_BYTES = 8 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String method;
    private final List<String> path;
    private final Map<String, List<String>> query;
    private final InputStream body;

    RegistryRequest(String method, String rawPath, String rawQuery, InputStream body) {
        this.method = method;
        this.path = segments(rawPath);
        this.query = QueryString.parse(rawQuery);
        this.body = body;
    }

    String method() {
        return method;
    }

    /** Decoded path segments, e.g. {@code [subjects, a-value, versions]}. */
    List<String> path() {
        return path;
    }

    /** The first value of the query parameter, or null. */
    String param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** A boolean query parameter: true only when given as {@code true}, in any case. */
    boolean flag(String name) {
        return Boolean.parseBoolean(param(name));
    }

    /** An integer query parameter, or the default when absent; 404 when it is not an integer. */
    int intParam(String name, int defaultValue) {
        String value = param(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw RegistryError.notFound();
        }
    }

    /**
     * The body, a JSON object: 422 when empty or not an object, 400 when not JSON, 413 when too
     * large.
     */
    JsonNode body() throws IOException {
        byte[] bytes;
        try (InputStream in = body) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new RegistryError(
                    413, 413, "Request body larger than " + MAX_BODY_BYTES + " bytes");
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || node.isMissingNode() || node.isNull()) {
                throw new RegistryError(
                        422, 422, "The request body is missing: send a JSON object");
            }
            if (!node.isObject()) {
                throw new RegistryError(422, 422, "The request body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new RegistryError(
                    400, 400, "Invalid JSON in request body: " + e.getOriginalMessage());
        }
    }

    private static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                // path segments: '+' is a literal plus, not a space
                out.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return List.copyOf(out);
    }
}
