package dev.rotation.processor.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web view's files, served from the classpath: the page and its script and style under {@code
 * web/}, and the charting library from its WebJar ({@code org.webjars.npm:echarts}), so nothing is
 * fetched from a CDN at run time. Only the files named here are served.
 */
public final class WebAssets {
    /** A file to serve. */
    public record Asset(String contentType, String body) {}

    private static final Map<String, String[]> FILES =
            Map.of(
                    "/", new String[] {"web/index.html", "text/html; charset=utf-8"},
                    "/web/app.js", new String[] {"web/app.js", "text/javascript; charset=utf-8"},
                    "/web/app.css", new String[] {"web/app.css", "text/css; charset=utf-8"},
                    "/web/echarts.min.js",
                            new String[] {
                                "META-INF/resources/webjars/echarts/"
                                        + webJarVersion("org.webjars.npm", "echarts")
                                        + "/dist/echarts.min.js",
                                "text/javascript; charset=utf-8"
                            });

    private final Map<String, Asset> loaded = new ConcurrentHashMap<>();

    /** The file served at {@code path}, or empty for any other path. */
    public Optional<Asset> get(String path) {
        String[] file = FILES.get(path);
        if (file == null) {
            return Optional.empty();
        }
        return Optional.of(loaded.computeIfAbsent(path, p -> load(file[0], file[1])));
    }

    /** The version of a WebJar on the classpath, from the Maven metadata it carries. */
    static String webJarVersion(String groupId, String artifactId) {
        String resource = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (InputStream in = WebAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(
                        "the WebJar "
                                + groupId
                                + ":"
                                + artifactId
                                + " is missing from the classpath");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Asset load(String resource, String contentType) {
        try (InputStream in = WebAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(
                        "the web view's file " + resource + " is missing from the classpath");
            }
            return new Asset(contentType, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
