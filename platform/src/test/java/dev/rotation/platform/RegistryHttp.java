package dev.rotation.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Raw HTTP against the registry, to check status codes and bodies exactly as a client sees them.
 */
final class RegistryHttp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String authorization;

    record Reply(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        int errorCode() {
            return json().path("error_code").asInt();
        }
    }

    RegistryHttp(String baseUrl) {
        this(baseUrl, null);
    }

    RegistryHttp(String baseUrl, String authorization) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
    }

    String baseUrl() {
        return baseUrl;
    }

    Reply get(String path) {
        return send("GET", path, null);
    }

    Reply post(String path, String body) {
        return send("POST", path, body);
    }

    Reply put(String path, String body) {
        return send("PUT", path, body);
    }

    Reply delete(String path) {
        return send("DELETE", path, null);
    }

    /** {"schema": "<schema JSON as a string>"}. */
    static String schemaBody(String schemaJson) {
        return JSON.createObjectNode().put("schema", schemaJson).toString();
    }

    Reply send(String method, String path, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", EmbeddedSchemaRegistry.CONTENT_TYPE);
        if (body != null) {
            headers.put("Content-Type", EmbeddedSchemaRegistry.CONTENT_TYPE);
        }
        return send(method, path, body, headers);
    }

    /** With exactly these request headers (plus Authorization when configured). */
    Reply send(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20));
        headers.forEach(b::header);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        b.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> r =
                    http.send(
                            b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(
                    r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
