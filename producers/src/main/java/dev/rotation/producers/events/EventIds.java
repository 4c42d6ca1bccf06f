package dev.rotation.producers.events;

import dev.rotation.model.Breakdown;
import dev.rotation.model.Metal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.UUID;

/**
 * Deterministic event ids: a name-based UUID (version 5 layout, SHA-1 over a fixed namespace and
 * the event's identity). The identity is who said it and what it is about, never the values: a
 * re-published report, or the same file published twice, yields the same ids, so the processor can
 * recognise the duplicates; a corrected value for the same period keeps its id and so replaces the
 * old one.
 *
 * <ul>
 *   <li>fund flow: source, reportId, breakdown, key, periodStart, periodEnd
 *   <li>price bar, volume bar: source, instrument, intervalStart, intervalEnd
 *   <li>metal quote: source, metal, intervalStart, intervalEnd
 * </ul>
 *
 * Instants enter at millisecond precision (what the Avro timestamp-millis field keeps). The event
 * type is part of the name, so a price bar and a volume bar over the same interval differ.
 */
public final class EventIds {

    /** Namespace of every id this product derives (a fixed random UUID). */
    public static final UUID NAMESPACE = UUID.fromString("6f1c2a8e-4b0d-4d7e-9a51-3c2f0b9e7d14");

    private static final char SEP = '\u001f';
    private static final byte[] NAMESPACE_BYTES = toBytes(NAMESPACE);
    private static final ThreadLocal<MessageDigest> SHA1 =
            ThreadLocal.withInitial(
                    () -> {
                        try {
                            return MessageDigest.getInstance("SHA-1");
                        } catch (NoSuchAlgorithmException e) {
                            throw new IllegalStateException(
                                    "SHA-1 is required by the Java platform", e);
                        }
                    });

    private EventIds() {}

    public static String fundFlow(
            String source,
            String reportId,
            Breakdown breakdown,
            String key,
            Instant periodStart,
            Instant periodEnd) {
        return nameBased(
                "fund-flow",
                source,
                reportId == null ? "" : reportId,
                String.valueOf(breakdown),
                key,
                millis(periodStart),
                millis(periodEnd));
    }

    public static String priceBar(
            String source, String instrument, Instant intervalStart, Instant intervalEnd) {
        return nameBased(
                "price-bar", source, instrument, millis(intervalStart), millis(intervalEnd));
    }

    public static String volumeBar(
            String source, String instrument, Instant intervalStart, Instant intervalEnd) {
        return nameBased(
                "volume-bar", source, instrument, millis(intervalStart), millis(intervalEnd));
    }

    public static String metalQuote(
            String source, Metal metal, Instant intervalStart, Instant intervalEnd) {
        return nameBased(
                "metal-quote",
                source,
                String.valueOf(metal),
                millis(intervalStart),
                millis(intervalEnd));
    }

    /**
     * An institutional position's id: its source, holder, instrument and as-of instant, so a
     * re-published filing is a duplicate and a corrected one (same identity, new figures) replaces
     * it downstream.
     */
    public static String institutionalExposure(
            String source, String holder, String instrument, Instant asOf) {
        return nameBased("institutional-exposure", source, holder, instrument, millis(asOf));
    }

    /** A version-5-style UUID of the parts joined by a unit separator. */
    static String nameBased(String... parts) {
        StringBuilder sb = new StringBuilder(96);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                sb.append(SEP);
            }
            sb.append(parts[i]);
        }
        MessageDigest sha1 = SHA1.get();
        sha1.reset();
        sha1.update(NAMESPACE_BYTES);
        byte[] hash = sha1.digest(sb.toString().getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (hash[i] & 0xff);
        }
        for (int i = 8; i < 16; i++) {
            lsb = (lsb << 8) | (hash[i] & 0xff);
        }
        return new UUID(msb, lsb).toString();
    }

    private static String millis(Instant t) {
        return t == null ? "" : Long.toString(t.toEpochMilli());
    }

    private static byte[] toBytes(UUID u) {
        byte[] b = new byte[16];
        long msb = u.getMostSignificantBits();
        long lsb = u.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (msb >>> (56 - 8 * i));
            b[8 + i] = (byte) (lsb >>> (56 - 8 * i));
        }
        return b;
    }
}
