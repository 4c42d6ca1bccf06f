package dev.rotation.processor.query;

import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/**
 * This instance cannot answer a {@link DetectorQueries} question now. Either another instance of
 * the application hosts stage 2 ({@link #hostedBy()} names its {@code application.server} address;
 * ask it there), or no instance can answer yet (the client is starting, rebalancing or restoring
 * state; {@link #hostedBy()} is empty; retry shortly).
 */
public final class QueryUnavailableException extends RuntimeException {
    private final transient HostInfo hostedBy;

    private QueryUnavailableException(String message, HostInfo hostedBy) {
        super(message);
        this.hostedBy = hostedBy;
    }

    /** Stage 2's state is served by another instance, at {@code host}. */
    public static QueryUnavailableException hostedBy(HostInfo host) {
        return new QueryUnavailableException(
                "stage 2 is hosted by " + host.host() + ":" + host.port(), host);
    }

    /** No instance can answer yet; {@code reason} says why, for the user. */
    public static QueryUnavailableException notYet(String reason) {
        return new QueryUnavailableException(reason, null);
    }

    /**
     * The instance ({@code application.server} host and port) that hosts stage 2, when it is
     * another one.
     */
    public Optional<HostInfo> hostedBy() {
        return Optional.ofNullable(hostedBy);
    }
}
