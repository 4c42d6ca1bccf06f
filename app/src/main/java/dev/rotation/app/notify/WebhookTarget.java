package dev.rotation.app.notify;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * Where alerts are POSTed: an absolute {@code http} or {@code https} URL with a host. Many webhook
 * URLs carry a credential in their path or query (a Slack incoming webhook is one), so the URL is
 * only ever shown as {@link #display()}: scheme, host and port, the rest elided.
 */
public record WebhookTarget(URI uri) {

    public WebhookTarget {
        Objects.requireNonNull(uri, "uri");
    }

    /**
     * Parses {@code --webhook}.
     *
     * @throws IllegalArgumentException with one line naming the problem, for anything but an
     *     absolute http(s) URL with a host; the line shows at most scheme, host and port
     */
    public static WebhookTarget parse(String text) {
        String hint = " Pass --webhook https://HOST/PATH (http:// for a receiver on this machine).";
        String stripped = text.strip();
        if (!stripped.contains("://")) {
            // "host:port/path" would otherwise parse as a URL whose scheme is the host name
            throw new IllegalArgumentException(
                    "The webhook URL must start with https:// or http:// (--webhook)." + hint);
        }
        URI uri;
        try {
            uri = new URI(stripped);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "The webhook URL is not a URL (--webhook): " + e.getReason() + "." + hint, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(
                    "The webhook URL must start with https:// or http:// (--webhook)." + hint);
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("The webhook URL has no host (--webhook)." + hint);
        }
        return new WebhookTarget(uri);
    }

    /** Scheme, host and port, with the path and query elided: safe to print and log. */
    public String display() {
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        boolean more =
                (uri.getRawPath() != null
                                && !uri.getRawPath().isEmpty()
                                && !uri.getRawPath().equals("/"))
                        || uri.getRawQuery() != null;
        return uri.getScheme() + "://" + uri.getHost() + port + (more ? "/…" : "/");
    }

    @Override
    public String toString() {
        return "WebhookTarget[" + display() + "]";
    }
}
