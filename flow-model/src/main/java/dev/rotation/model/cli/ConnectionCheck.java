package dev.rotation.model.cli;

import dev.rotation.model.config.ConnectionSettings;
import dev.rotation.model.registry.RestSchemaRegistryClient;
import dev.rotation.model.registry.SchemaRegistryException;
import dev.rotation.model.serde.AvroSerdeConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.utils.Utils;

/**
 * The pre-flight check every connecting command runs before it starts work: is the Kafka cluster
 * there (a TCP connection to a bootstrap address, so a refused port fails at once, then Admin
 * describeCluster, bounded), and is the Schema Registry there (GET /subjects, bounded, no retries)?
 * Each failure is a {@link UserError} whose one line names the address, the setting it came from
 * ({@code bootstrap.servers}, {@code schema.registry.url}) and what to do, with exit code {@link
 * CommandErrors#EXIT_UNAVAILABLE}. Without it a client waits a minute for metadata and then fails
 * with a stack trace that does not name the address.
 */
public final class ConnectionCheck {
    /**
     * How long the cluster may take to answer describeCluster (and each bootstrap address to accept
     * a connection).
     */
    public static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);

    /** How long the registry may take to connect and to answer. */
    public static final Duration REGISTRY_TIMEOUT = Duration.ofSeconds(4);

    private ConnectionCheck() {}

    /**
     * Checks the cluster, then the registry, each with its default timeout (at most about 14 s
     * together).
     *
     * @throws UserError naming the first of the two that cannot be reached
     */
    public static void requireReachable(ConnectionSettings settings) {
        requireKafka(settings, KAFKA_TIMEOUT);
        requireRegistry(settings, REGISTRY_TIMEOUT);
    }

    /**
     * Connects to the bootstrap addresses until one accepts, then asks the cluster for its id
     * within {@code timeout}.
     *
     * @throws UserError when no bootstrap address accepts a connection, no broker answers, the
     *     address does not resolve, or the cluster refuses the credentials
     */
    public static void requireKafka(ConnectionSettings settings, Duration timeout) {
        String servers = settings.bootstrapServers();
        int ms = (int) timeout.toMillis();
        Map<String, Object> config = settings.kafkaClientConfig();
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "rotation-detector-connection-check");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        // The settings are checked by building the client. It connects at once and sends its
        // binary ApiVersions request, which an HTTP server reads as a request line without end; one
        // that serves a connection at a time (the JDK's) would then never answer the probe below.
        // So this first client is closed before the probe, and the check runs on a second one.
        newAdmin(servers, config).close(Duration.ofSeconds(5));
        Admin admin = null;
        try {
            IOException refused = connectFailure(servers, timeout);
            if (refused != null) {
                throw kafkaUnreachable(servers, networkProblem(refused, timeout), refused);
            }
            String protocol = String.valueOf(config.getOrDefault("security.protocol", "PLAINTEXT"));
            if (protocol.equalsIgnoreCase("PLAINTEXT")
                    || protocol.equalsIgnoreCase("SASL_PLAINTEXT")) {
                // Kafka's client reads any reply's first 4 bytes as a frame size: an HTTP server's
                // "HTTP" is 1.2 GB, and the client dies of OutOfMemoryError instead of failing
                String stranger = notKafka(servers, timeout);
                if (stranger != null) {
                    throw new UserError(
                            "Something answers at "
                                    + servers
                                    + " ("
                                    + AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG
                                    + "), but it is not Kafka: "
                                    + stranger
                                    + ". Pass the broker's address with --bootstrap-servers HOST:PORT"
                                    + " (the Schema Registry's port goes to --schema-registry-url).",
                            CommandErrors.EXIT_UNAVAILABLE);
                }
            }
            admin = newAdmin(servers, config);
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(ms))
                    .clusterId()
                    .get(ms + 1000L, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AuthenticationException
                    || cause instanceof AuthorizationException) {
                throw new UserError(
                        "Kafka at "
                                + servers
                                + " refused this client: "
                                + cause.getMessage()
                                + ". Check security.protocol and the sasl.* / ssl.* settings (--client-config or $KAFKA_SASL_*).",
                        CommandErrors.EXIT_UNAVAILABLE,
                        e);
            }
            throw kafkaUnreachable(servers, "no answer within " + timeout.toSeconds() + " s", e);
        } catch (TimeoutException e) {
            throw kafkaUnreachable(servers, "no answer within " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError(
                    "Interrupted while checking Kafka at " + servers,
                    CommandErrors.EXIT_UNAVAILABLE,
                    e);
        } finally {
            if (admin != null) {
                admin.close(Duration.ZERO);
            }
        }
    }

    /**
     * A Kafka Admin client for the settings, or a {@link UserError}: the address is unusable (exit
     * 69) or the client settings are (exit 64).
     */
    private static Admin newAdmin(String servers, Map<String, Object> config) {
        try {
            return Admin.create(config);
        } catch (KafkaException e) {
            String problem = rootMessage(e);
            if (problem.contains(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)) {
                // an address that does not resolve, or a malformed one
                throw new UserError(
                        "Cannot use the Kafka address "
                                + servers
                                + " ("
                                + AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG
                                + "): "
                                + problem
                                + ". Pass --bootstrap-servers HOST:PORT.",
                        CommandErrors.EXIT_UNAVAILABLE,
                        e);
            }
            throw new UserError(
                    "Cannot create a Kafka client for "
                            + servers
                            + ": "
                            + problem
                            + ". Check the client settings (--client-config, $KAFKA_SECURITY_PROTOCOL, $KAFKA_SASL_*).",
                    CommandErrors.EXIT_USAGE,
                    e);
        }
    }

    /**
     * Null when one of the comma-separated {@code host:port} addresses (already validated by the
     * Admin client) accepts a TCP connection within {@code timeout}, else the last failure. Kafka's
     * client would retry a refused port until its own timeout; this answers at once.
     */
    private static IOException connectFailure(String servers, Duration timeout) {
        IOException last = null;
        for (String address : servers.split(",")) {
            String a = address.strip();
            if (a.isEmpty()) {
                continue;
            }
            try (Socket socket = new Socket()) {
                socket.connect(
                        new InetSocketAddress(Utils.getHost(a), Utils.getPort(a)),
                        (int) timeout.toMillis());
                return null;
            } catch (IOException e) {
                last = e;
            }
        }
        return last;
    }

    /**
     * Null when the first bootstrap address that accepts a connection answers a Kafka ApiVersions
     * request (v0) with a well-formed frame carrying its correlation id; else what it did instead.
     * A timeout is not judged here (describeCluster reports it).
     */
    static String notKafka(String servers, Duration timeout) {
        for (String address : servers.split(",")) {
            String a = address.strip();
            if (a.isEmpty()) {
                continue;
            }
            try (Socket socket = new Socket()) {
                socket.connect(
                        new InetSocketAddress(Utils.getHost(a), Utils.getPort(a)),
                        (int) timeout.toMillis());
                socket.setSoTimeout((int) timeout.toMillis());
                byte[] clientId = "rotation-detector-check".getBytes(StandardCharsets.US_ASCII);
                int correlationId = 0x52440001;
                ByteBuffer request = ByteBuffer.allocate(4 + 2 + 2 + 4 + 2 + clientId.length + 2);
                request.putInt(2 + 2 + 4 + 2 + clientId.length); // frame size
                request.putShort((short) 18); // ApiVersions
                request.putShort((short) 0); // version 0: no request body
                request.putInt(correlationId);
                request.putShort((short) clientId.length);
                request.put(clientId);
                // ends the line for an HTTP server, so that it answers; a broker answers the frame
                // above and then waits for the rest of a next size, which never comes
                request.put((byte) '\r').put((byte) '\n');
                try {
                    socket.getOutputStream().write(request.array()); // one write, one segment
                } catch (IOException e) {
                    return "it reset the connection without a Kafka answer";
                }
                byte[] head = new byte[8];
                int got = 0;
                InputStream in = socket.getInputStream();
                try {
                    for (int n;
                            got < head.length
                                    && (n = in.read(head, got, head.length - got)) > 0; ) {
                        got += n;
                    }
                } catch (SocketTimeoutException e) {
                    return null; // slow: describeCluster judges it with its own timeout
                } catch (IOException e) {
                    // a reset after the request: an HTTP server that rejects the binary request
                    // line and closes with the rest unread resets the connection, which may drop
                    // its "HTTP/1.1 400" reply; a broker answers ApiVersions v0 and never resets
                    return judge(head, got, "it reset the connection without a Kafka answer");
                }
                if (got < head.length) {
                    return judge(head, got, "it closed the connection without a Kafka answer");
                }
                int size = ByteBuffer.wrap(head, 0, 4).getInt();
                if (size < 4 || size > MAX_API_VERSIONS_FRAME) {
                    return judge(head, got, "its answer is not a Kafka frame");
                }
                if (ByteBuffer.wrap(head, 4, 4).getInt() != correlationId) {
                    return "its answer does not match the request";
                }
                return null;
            } catch (IOException e) {
                return null; // refused or slow: the connect check and describeCluster say so
            }
        }
        return null;
    }

    /** "it answers HTTP" when the bytes that arrived begin so, else {@code otherwise}. */
    private static String judge(byte[] head, int got, String otherwise) {
        String text = new String(head, 0, got, StandardCharsets.US_ASCII);
        return text.startsWith("HTTP") ? "it answers HTTP" : otherwise;
    }

    /**
     * Larger than any ApiVersions response (about 1 KB), far smaller than "HTTP" read as a size.
     */
    private static final int MAX_API_VERSIONS_FRAME = 1 << 20;

    /**
     * Lists the registry's subjects within {@code timeout}; {@code mock://} registries (tests) are
     * not checked.
     *
     * @throws UserError when the registry cannot be reached, refuses the credentials, or answers
     *     with an error (the URL is probably not a Schema Registry)
     */
    public static void requireRegistry(ConnectionSettings settings, Duration timeout) {
        String url = settings.registryUrl();
        AvroSerdeConfig serde = AvroSerdeConfig.from(settings.serdeConfig());
        if (url.startsWith(AvroSerdeConfig.MOCK_URL_PREFIX)) {
            return;
        }
        RestSchemaRegistryClient client;
        try {
            client =
                    RestSchemaRegistryClient.builder(url)
                            .basicAuth(serde.basicAuthUserInfo())
                            .connectTimeout(timeout)
                            .requestTimeout(timeout)
                            .maxRetries(0)
                            .build();
        } catch (IllegalArgumentException e) {
            throw unusableRegistryUrl(url, e);
        }
        try (client) {
            client.subjects();
        } catch (SchemaRegistryException e) {
            if (e.httpStatus() == SchemaRegistryException.UNREACHABLE) {
                throw registryUnreachable(url, networkProblem(e, timeout), e);
            }
            if (e.httpStatus() == 401 || e.httpStatus() == 403) {
                throw new UserError(
                        "The Schema Registry at "
                                + url
                                + " refused the credentials (HTTP "
                                + e.httpStatus()
                                + "). Set basic.auth.user.info in --client-config or $"
                                + ConnectionSettings.ENV_REGISTRY_USER_INFO
                                + ".",
                        CommandErrors.EXIT_UNAVAILABLE,
                        e);
            }
            throw new UserError(
                    "The address "
                            + url
                            + " ("
                            + AvroSerdeConfig.SCHEMA_REGISTRY_URL
                            + ") answered HTTP "
                            + e.httpStatus()
                            + " to GET /subjects: is it a Schema Registry? Pass --schema-registry-url URL.",
                    CommandErrors.EXIT_UNAVAILABLE,
                    e);
        } catch (IllegalArgumentException e) {
            throw unusableRegistryUrl(url, e);
        }
    }

    /** A registry URL the client cannot use at all (malformed, unsupported scheme). */
    private static UserError unusableRegistryUrl(String url, IllegalArgumentException e) {
        return new UserError(
                "Cannot use the Schema Registry URL "
                        + url
                        + " ("
                        + AvroSerdeConfig.SCHEMA_REGISTRY_URL
                        + "): "
                        + e.getMessage()
                        + ". Pass --schema-registry-url http://HOST:PORT.",
                CommandErrors.EXIT_USAGE,
                e);
    }

    /** What went wrong on the way to a server, in words. */
    private static String networkProblem(Throwable e, Duration timeout) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.http.HttpTimeoutException
                    || t instanceof java.net.SocketTimeoutException) {
                return "no answer within " + timeout.toSeconds() + " s";
            }
            if (t instanceof java.net.ConnectException) {
                return "connection refused";
            }
            if (t instanceof java.net.UnknownHostException
                    || t instanceof java.nio.channels.UnresolvedAddressException) {
                return "the host name does not resolve";
            }
        }
        return rootMessage(e);
    }

    /** The one line for a cluster that does not answer. */
    public static UserError kafkaUnreachable(String servers, String detail, Throwable cause) {
        return new UserError(
                "Cannot reach Kafka at "
                        + servers
                        + " ("
                        + AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG
                        + "): "
                        + detail
                        + ". Start a local one with ./rotation-detector platform, or pass --bootstrap-servers HOST:PORT "
                        + "(or set $"
                        + ConnectionSettings.ENV_BOOTSTRAP
                        + ").",
                CommandErrors.EXIT_UNAVAILABLE,
                cause);
    }

    /** The one line for a registry that does not answer. */
    public static UserError registryUnreachable(String url, String detail, Throwable cause) {
        return new UserError(
                "Cannot reach the Schema Registry at "
                        + url
                        + " ("
                        + AvroSerdeConfig.SCHEMA_REGISTRY_URL
                        + "): "
                        + detail
                        + ". Start a local one with ./rotation-detector platform, or pass --schema-registry-url URL "
                        + "(or set $"
                        + ConnectionSettings.ENV_REGISTRY
                        + ").",
                CommandErrors.EXIT_UNAVAILABLE,
                cause);
    }

    /** The innermost message, which names the actual problem ("Connection refused"). */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.getClass().getSimpleName();
        }
        return m.endsWith(".") ? m.substring(0, m.length() - 1) : m;
    }
}
