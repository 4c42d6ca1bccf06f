package dev.rotation.producers.publish;

/**
 * A record that was not delivered after the producer's retries, with the identity needed to find
 * and re-send it.
 *
 * @param type flows, prices, volumes, metals, or {@code dead-letter} for a bad-line record
 * @param eventId the event's id ({@code <file>:<line>} for a dead-letter record)
 * @param key the record key
 * @param topic the target topic
 * @param error the final error
 */
public record FailedSend(String type, String eventId, String key, String topic, String error) {
    @Override
    public String toString() {
        return type + " " + eventId + " key=" + key + " topic=" + topic + ": " + error;
    }
}
