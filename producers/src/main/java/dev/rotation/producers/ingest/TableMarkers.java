package dev.rotation.producers.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The markers a pasted table states its conventions with: comment lines above the header such as
 * {@code # unit: usd-millions} and {@code # asset: BTC}. A marker and the matching {@code produce
 * file} option must agree; a wide ETF table that states neither its unit nor its asset is refused,
 * since millions read as dollars (or a table put on the wrong asset) would pass unnoticed.
 */
final class TableMarkers {
    /** What a wide table without a unit is told. */
    static final String NO_UNIT =
            "the table does not say its unit: add the line '# unit: usd-millions' above the header"
                    + " (trackers print US$ millions) or '# unit: usd' for whole dollars, or pass"
                    + " --unit";

    private static final Pattern MARKER =
            Pattern.compile("\\s*(unit|asset)\\s*[:=]\\s*(.*?)\\s*", Pattern.CASE_INSENSITIVE);

    /** A marker or option that makes the file unusable; the message is the whole explanation. */
    static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refusal(String message) {
            super(message, null, false, false);
        }
    }

    private TableMarkers() {}

    /**
     * The markers among comment lines (their text after {@code #}), by lower-case name; other
     * comments are ignored. The last of a repeated marker wins.
     */
    static Map<String, String> read(List<String> comments) {
        Map<String, String> markers = new LinkedHashMap<>();
        for (String c : comments) {
            Matcher m = MARKER.matcher(c);
            if (m.matches()) {
                markers.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
            }
        }
        return markers;
    }

    /**
     * The unit the file's marker or the option states, or null when neither does.
     *
     * @throws Refusal when the marker names no unit, or it and the option disagree
     */
    static FlowUnit unit(Map<String, String> markers, FlowUnit option) {
        String text = markers.get("unit");
        if (text == null) {
            return option;
        }
        FlowUnit marked = FlowUnit.parse(text);
        if (marked == null) {
            throw new Refusal(
                    "'# unit: "
                            + text
                            + "' is not a unit this reader knows: write usd-millions (US$ millions)"
                            + " or usd (whole dollars)");
        }
        if (option != null && option != marked) {
            throw new Refusal(
                    "the file says '# unit: "
                            + text
                            + "' but --unit "
                            + option.label()
                            + " was given: remove the one that is wrong");
        }
        return marked;
    }

    /**
     * The asset the file's marker or the option states.
     *
     * @throws Refusal when neither states one, or they disagree
     */
    static String asset(Map<String, String> markers, String option) {
        String marked = markers.get("asset");
        if (marked == null || marked.isEmpty()) {
            if (option == null || option.isBlank()) {
                throw new Refusal(
                        "the table does not say which asset its ETFs hold: add a line such as"
                                + " '# asset: BTC' above the header, or pass --asset BTC");
            }
            return option.strip();
        }
        if (option != null && !option.isBlank() && !option.strip().equalsIgnoreCase(marked)) {
            throw new Refusal(
                    "the file says '# asset: "
                            + marked
                            + "' but --asset "
                            + option.strip()
                            + " was given: remove the one that is wrong");
        }
        return marked;
    }
}
