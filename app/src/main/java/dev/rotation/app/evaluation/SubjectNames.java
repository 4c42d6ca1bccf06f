package dev.rotation.app.evaluation;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The plain names a subject stands for, so that a signal's subjects and a label's can be compared:
 * a typed subject loses its prefix ({@code asset:BTC}, {@code region:US}, {@code metal:XAG} name
 * BTC, US, XAG), an instrument also names its asset ({@code instrument:BTC-USD} names BTC-USD and
 * BTC), {@code crypto:total} names CRYPTO, and a group names each of its member assets ({@code
 * group:high-beta} names SOL, XRP, ...). Level subjects ({@code level:93000}) name nothing. Names
 * are upper case.
 */
public final class SubjectNames {

    private final Map<String, Set<String>> groups;

    /**
     * @param groups asset groups by name (the detector's configured {@code groups.*}), members
     *     upper case
     */
    public SubjectNames(Map<String, ? extends Set<String>> groups) {
        this.groups = Map.copyOf(groups);
    }

    /** Every plain name the subjects stand for. */
    public Set<String> of(Iterable<String> subjects) {
        Set<String> names = new TreeSet<>();
        for (String s : subjects) {
            names.addAll(of(s));
        }
        return names;
    }

    /** The plain names one subject stands for (empty for a level or an unknown group). */
    public Set<String> of(String subject) {
        int colon = subject.indexOf(':');
        String kind = colon < 0 ? "" : subject.substring(0, colon);
        String value = colon < 0 ? subject : subject.substring(colon + 1);
        Set<String> names = new TreeSet<>();
        switch (kind) {
            case "level", "benchmark", "holder" -> {
                // describes the subject, names no market leg
            }
            case "group" -> {
                for (String member : groups.getOrDefault(value, Set.of())) {
                    names.add(member.toUpperCase(Locale.ROOT));
                }
            }
            case "crypto" -> names.add("CRYPTO");
            default -> {
                String name = value.toUpperCase(Locale.ROOT);
                names.add(name);
                if (name.endsWith("-USD")) {
                    names.add(name.substring(0, name.length() - "-USD".length()));
                }
            }
        }
        return names;
    }
}
