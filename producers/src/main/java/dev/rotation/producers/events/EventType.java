package dev.rotation.producers.events;

import dev.rotation.model.FundFlow;
import dev.rotation.model.MetalQuote;
import dev.rotation.model.PriceBar;
import dev.rotation.model.VolumeBar;
import dev.rotation.model.topics.Topic;
import dev.rotation.model.topics.Topics;
import java.util.Locale;
import org.apache.avro.specific.SpecificRecord;

/** The four input event types, with the name used on the command line and in dead-letter headers. */
public enum EventType {
    FLOWS("flows", FundFlow.class),
    PRICES("prices", PriceBar.class),
    VOLUMES("volumes", VolumeBar.class),
    METALS("metals", MetalQuote.class);

    private final String cliName;
    private final Class<? extends SpecificRecord> valueClass;

    EventType(String cliName, Class<? extends SpecificRecord> valueClass) {
        this.cliName = cliName;
        this.valueClass = valueClass;
    }

    /** Lower-case name: flows, prices, volumes, metals. */
    public String cliName() {
        return cliName;
    }

    public Class<? extends SpecificRecord> valueClass() {
        return valueClass;
    }

    /** The catalogue topic this type is published to. */
    public Topic<String, ? extends SpecificRecord> topic(Topics topics) {
        return switch (this) {
            case FLOWS -> topics.fundFlows();
            case PRICES -> topics.prices();
            case VOLUMES -> topics.volumes();
            case METALS -> topics.metals();
        };
    }

    public static EventType of(SpecificRecord event) {
        if (event instanceof FundFlow) {
            return FLOWS;
        }
        if (event instanceof PriceBar) {
            return PRICES;
        }
        if (event instanceof VolumeBar) {
            return VOLUMES;
        }
        if (event instanceof MetalQuote) {
            return METALS;
        }
        throw new IllegalArgumentException("Not an input event: " + (event == null ? "null" : event.getClass().getName()));
    }

    /** Parses flows|prices|volumes|metals (case-insensitive; singular forms accepted). */
    public static EventType parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (EventType t : values()) {
            if (t.cliName.equals(n) || t.cliName.equals(n + "s") || t.name().equalsIgnoreCase(n)) {
                return t;
            }
        }
        throw new IllegalArgumentException("Unknown event type '" + name + "'; expected flows, prices, volumes or metals");
    }
}
