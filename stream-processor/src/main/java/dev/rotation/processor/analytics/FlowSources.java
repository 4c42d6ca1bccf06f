package dev.rotation.processor.analytics;

import dev.rotation.model.Breakdown;
import dev.rotation.processor.config.keys.ConfigValues;
import dev.rotation.processor.config.keys.Setting;
import dev.rotation.processor.config.keys.SettingFamily;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The data providers flows come from, as configuration describes them, and how their figures are
 * compared (docs/signals.md "Sources and scopes", docs/confidence.md "Cross-source confirmation").
 *
 * <p>A source is declared by {@code source.scope.<name>}; {@code source.region.<name>}, {@code
 * source.assets.<name>}, {@code source.breakdowns.<name>}, {@code source.cadence.<name>} ({@code
 * weekly} or {@code daily}), {@code source.kind.<name>} ({@code real} or {@code illustrative}) and
 * {@code source.closed-days.<name>} (ISO dates) describe it further. A source in the data that
 * configuration does not name is {@link FlowSource#unknown}.
 *
 * @param byName the configured sources by name
 * @param primaryScope the scope whose figures the rules read and the trailing history keeps ({@code
 *     sources.primary-scope}); it must be the scope of a configured source
 * @param agreementTolerance the largest relative difference, {@code |a - b| / max(|a|, |b|)}, at
 *     which two figures of the same direction agree ({@code sources.agreement-tolerance}, 0..1)
 */
public record FlowSources(
        SortedMap<String, FlowSource> byName, String primaryScope, double agreementTolerance) {

    public static final SettingFamily<String> SCOPE =
            SettingFamily.text("source.scope.", SettingFamily::lowerHyphenated);
    public static final SettingFamily<String> REGION =
            SettingFamily.text("source.region.", SettingFamily::lowerHyphenated);
    public static final SettingFamily<List<String>> ASSETS =
            SettingFamily.list("source.assets.", SettingFamily::lowerHyphenated);
    public static final SettingFamily<List<String>> BREAKDOWNS =
            SettingFamily.list("source.breakdowns.", SettingFamily::lowerHyphenated);
    public static final SettingFamily<String> CADENCE =
            SettingFamily.text("source.cadence.", SettingFamily::lowerHyphenated);
    public static final SettingFamily<String> KIND =
            SettingFamily.text("source.kind.", SettingFamily::lowerHyphenated);
    public static final SettingFamily<List<String>> CLOSED_DAYS =
            SettingFamily.list("source.closed-days.", SettingFamily::lowerHyphenated);
    public static final Setting<String> PRIMARY_SCOPE = Setting.text("sources.primary-scope");
    public static final Setting<Double> AGREEMENT_TOLERANCE =
            Setting.decimal("sources.agreement-tolerance");

    /** Every family that describes a source. */
    public static final List<SettingFamily<?>> FAMILIES =
            List.of(SCOPE, REGION, ASSETS, BREAKDOWNS, CADENCE, KIND, CLOSED_DAYS);

    public FlowSources {
        byName = Collections.unmodifiableSortedMap(new TreeMap<>(byName));
        Objects.requireNonNull(primaryScope, "primaryScope");
        AGREEMENT_TOLERANCE.requireFraction(agreementTolerance);
        if (byName.values().stream().noneMatch(s -> s.scope().equals(primaryScope))) {
            throw PRIMARY_SCOPE.invalid(
                    primaryScope,
                    "no source has this scope (the scopes are "
                            + byName.values().stream()
                                    .map(FlowSource::scope)
                                    .collect(Collectors.toCollection(TreeSet::new))
                            + ")");
        }
    }

    static FlowSources from(ConfigValues values) {
        SortedMap<String, String> scopes = values.get(SCOPE);
        SortedMap<String, String> regions = values.get(REGION);
        SortedMap<String, List<String>> assets = values.get(ASSETS);
        SortedMap<String, List<String>> breakdowns = values.get(BREAKDOWNS);
        SortedMap<String, String> cadences = values.get(CADENCE);
        SortedMap<String, String> kinds = values.get(KIND);
        SortedMap<String, List<String>> closed = values.get(CLOSED_DAYS);
        declared(scopes, REGION, regions.keySet());
        declared(scopes, ASSETS, assets.keySet());
        declared(scopes, BREAKDOWNS, breakdowns.keySet());
        declared(scopes, CADENCE, cadences.keySet());
        declared(scopes, KIND, kinds.keySet());
        declared(scopes, CLOSED_DAYS, closed.keySet());
        SortedMap<String, FlowSource> byName = new TreeMap<>();
        scopes.forEach(
                (name, scope) ->
                        byName.put(
                                name,
                                new FlowSource(
                                        name,
                                        scope,
                                        regions.getOrDefault(name, "global"),
                                        Set.copyOf(assets.getOrDefault(name, List.of())),
                                        breakdowns(name, breakdowns.getOrDefault(name, List.of())),
                                        cadence(name, cadences.get(name)),
                                        illustrative(name, kinds.get(name)),
                                        days(name, closed.getOrDefault(name, List.of())))));
        return new FlowSources(byName, values.get(PRIMARY_SCOPE), values.get(AGREEMENT_TOLERANCE));
    }

    private static void declared(
            Map<String, String> scopes, SettingFamily<?> family, Collection<String> names) {
        for (String n : names) {
            if (!scopes.containsKey(n)) {
                throw family.invalid(
                        n,
                        "",
                        "source "
                                + n
                                + " has no "
                                + SCOPE.key(n)
                                + ": a source is declared by its scope");
            }
        }
    }

    private static Set<String> breakdowns(String name, List<String> given) {
        Set<String> out = new TreeSet<>();
        for (String b : given) {
            try {
                out.add(Breakdown.valueOf(b.toUpperCase(Locale.ROOT)).name());
            } catch (IllegalArgumentException e) {
                throw BREAKDOWNS.invalid(
                        name,
                        String.join(",", given),
                        "unknown breakdown " + b + " (TOTAL, ASSET, REGION or PROVIDER)");
            }
        }
        return out;
    }

    private static FlowSource.Cadence cadence(String name, String text) {
        if (text == null) {
            return FlowSource.Cadence.WEEKLY;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "weekly" -> FlowSource.Cadence.WEEKLY;
            case "daily" -> FlowSource.Cadence.DAILY;
            default -> throw CADENCE.invalid(name, text, "must be weekly or daily");
        };
    }

    private static boolean illustrative(String name, String text) {
        if (text == null) {
            return false;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "real" -> false;
            case "illustrative" -> true;
            default -> throw KIND.invalid(name, text, "must be real or illustrative");
        };
    }

    private static SortedSet<LocalDate> days(String name, List<String> given) {
        SortedSet<LocalDate> out = new TreeSet<>();
        for (String d : given) {
            try {
                out.add(LocalDate.parse(d));
            } catch (DateTimeParseException e) {
                throw CLOSED_DAYS.invalid(
                        name, String.join(",", given), d + " is not a date such as 2026-01-19");
            }
        }
        return out;
    }

    /** The sources of {@code analytics-defaults.properties} (loaded once, on first use). */
    public static FlowSources defaults() {
        return Defaults.SOURCES;
    }

    private static final class Defaults {
        static final FlowSources SOURCES = AnalyticsConfig.defaults().sources();
    }

    /** The source of that name: as configured, or {@link FlowSource#unknown} when not. */
    public FlowSource of(String name) {
        FlowSource s = byName.get(name);
        return s != null ? s : FlowSource.unknown(name);
    }

    /** Whether configuration names the source. */
    public boolean isConfigured(String name) {
        return byName.containsKey(name);
    }

    public boolean isIllustrative(String name) {
        return of(name).illustrative();
    }

    /** Whether the source's figures are of the primary scope. */
    public boolean isPrimary(String name) {
        return of(name).scope().equals(primaryScope);
    }

    /**
     * Which source's figure stands for a scope when several report it: real before illustrative,
     * then by name. Sources are never added or averaged.
     */
    public Comparator<String> preference() {
        return Comparator.<String, Boolean>comparing(this::isIllustrative)
                .thenComparing(Comparator.naturalOrder());
    }

    /**
     * The scope the rules read in a window with these sources: the primary scope when any of them
     * has it, otherwise the scope of the preferred source ({@link #preference}); null when there is
     * none.
     */
    public String headlineScope(Collection<String> sources) {
        if (sources.stream().anyMatch(this::isPrimary)) {
            return primaryScope;
        }
        return sources.stream().min(preference()).map(s -> of(s).scope()).orElse(null);
    }

    /**
     * The source whose figure stands for the scope among those given, or null when none has that
     * scope.
     */
    public String headlineSource(Collection<String> sources, String scope) {
        return sources.stream()
                .filter(s -> of(s).scope().equals(scope))
                .min(preference())
                .orElse(null);
    }
}
