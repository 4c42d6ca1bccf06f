package dev.rotation.platform;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The content types the registry speaks, as Confluent's does, and how a reply's type is chosen from
 * the request's {@code Accept} header. Replies are produced as {@code
 * application/vnd.schemaregistry.v1+json} (preferred), {@code application/vnd.schemaregistry+json}
 * or {@code application/json}; the client's q-values decide first, the registry's preference breaks
 * ties. Request bodies are read as any of those three, or as {@code application/octet-stream}, or
 * without a {@code Content-Type}.
 */
final class MediaTypes {
    static final String V1 = "application/vnd.schemaregistry.v1+json";
    static final String DEFAULT = "application/vnd.schemaregistry+json";
    static final String JSON = "application/json";
    private static final String GENERIC = "application/octet-stream";

    /** Most preferred first (Confluent's server-side weights 1, 0.9 and 0.5). */
    private static final List<String> PRODUCED = List.of(V1, DEFAULT, JSON);

    private MediaTypes() {}

    /**
     * The reply type for this {@code Accept} header (absent or blank: V1); empty when the client
     * accepts none of the produced types, which is answered 406.
     */
    static Optional<String> negotiate(String accept) {
        if (accept == null || accept.isBlank()) {
            return Optional.of(V1);
        }
        List<Range> ranges = Range.parseAll(accept);
        if (ranges.isEmpty()) {
            return Optional.of(V1);
        }
        String best = null;
        double bestQ = 0;
        for (String produced : PRODUCED) {
            double q = quality(produced, ranges);
            if (q > bestQ) {
                best = produced;
                bestQ = q;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Whether a request body with this {@code Content-Type} is read; otherwise 415. */
    static boolean readable(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals(V1) || type.equals(DEFAULT) || type.equals(JSON) || type.equals(GENERIC);
    }

    /** The q-value of the most specific range matching the type, 0 when none matches. */
    private static double quality(String type, List<Range> ranges) {
        int bestSpecificity = -1;
        double q = 0;
        for (Range r : ranges) {
            int specificity = r.specificityFor(type);
            if (specificity > bestSpecificity) {
                bestSpecificity = specificity;
                q = r.q;
            }
        }
        return q;
    }

    /** One media range of an Accept header, e.g. {@code application/*;q=0.8}. */
    private record Range(String type, String subtype, double q) {
        static List<Range> parseAll(String header) {
            return Arrays.stream(header.split(","))
                    .map(Range::parse)
                    .flatMap(Optional::stream)
                    .toList();
        }

        static Optional<Range> parse(String element) {
            String[] parts = element.split(";");
            String[] typeAndSub = parts[0].trim().toLowerCase(Locale.ROOT).split("/", 2);
            if (typeAndSub.length != 2 || typeAndSub[0].isEmpty() || typeAndSub[1].isEmpty()) {
                return Optional.empty();
            }
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].trim().split("=", 2);
                if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("q")) {
                    try {
                        q = Double.parseDouble(kv[1].trim());
                    } catch (NumberFormatException e) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.of(new Range(typeAndSub[0], typeAndSub[1], q));
        }

        /** 2 exact, 1 {@code type/*}, 0 {@code *}{@code /*}, -1 no match. */
        int specificityFor(String mediaType) {
            String[] ts = mediaType.split("/", 2);
            if (type.equals("*") && subtype.equals("*")) {
                return 0;
            }
            if (!type.equals(ts[0])) {
                return -1;
            }
            if (subtype.equals("*")) {
                return 1;
            }
            return subtype.equals(ts[1]) ? 2 : -1;
        }
    }
}
