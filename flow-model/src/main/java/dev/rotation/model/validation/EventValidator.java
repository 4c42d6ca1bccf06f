package dev.rotation.model.validation;

import dev.rotation.model.Breakdown;
import dev.rotation.model.ExposureKind;
import dev.rotation.model.FundFlow;
import dev.rotation.model.HolderType;
import dev.rotation.model.InstitutionalExposure;
import dev.rotation.model.Metal;
import dev.rotation.model.MetalQuote;
import dev.rotation.model.PriceBar;
import dev.rotation.model.VolumeBar;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Content checks shared by the producers (which reject bad file lines) and the stream processor
 * (which dead-letters records that fail them). Each check returns every violation it finds, not
 * only the first, so a dead-letter record or an error line names all of them; an empty list means
 * the event is valid. The codes are stable: they travel in the dead-letter {@code rd.dlq.reason}
 * header and in metric tags. Each input type's check is part of its contract: {@link
 * dev.rotation.model.events.InputEventType#validate} picks it for any event.
 */
public final class EventValidator {

    /** A NaN or infinite number. */
    public static final String NOT_FINITE = "NOT_FINITE";

    /** A traded volume below zero. */
    public static final String NEGATIVE_VOLUME = "NEGATIVE_VOLUME";

    /** A price of zero or below. */
    public static final String NON_POSITIVE_PRICE = "NON_POSITIVE_PRICE";

    /** A bar whose high is below its low. */
    public static final String HIGH_BELOW_LOW = "HIGH_BELOW_LOW";

    /** An interval or period whose end is not after its start. */
    public static final String END_BEFORE_START = "END_BEFORE_START";

    /** A fund flow whose breakdown is {@link Breakdown#UNKNOWN} (or missing). */
    public static final String UNKNOWN_BREAKDOWN = "UNKNOWN_BREAKDOWN";

    /** A metal quote whose metal is {@link Metal#UNKNOWN} (or missing). */
    public static final String UNKNOWN_METAL = "UNKNOWN_METAL";

    /** A blank identity field: eventId, source, key or instrument, or a missing timestamp. */
    public static final String MISSING_FIELD = "MISSING_FIELD";

    /**
     * A fund flow announcing a report row count below 1, or a count without the report id it
     * counts.
     */
    public static final String BAD_REPORT_ROWS = "BAD_REPORT_ROWS";

    /** An institutional position with neither units nor a USD value. */
    public static final String MISSING_POSITION_SIZE = "MISSING_POSITION_SIZE";

    /** A position size, value or entry price of zero or below. */
    public static final String NON_POSITIVE_POSITION = "NON_POSITIVE_POSITION";

    /** A leverage below 1 (1 is an unleveraged position). */
    public static final String BAD_LEVERAGE = "BAD_LEVERAGE";

    /** An institutional position whose holder type or exposure kind is UNKNOWN (or missing). */
    public static final String UNKNOWN_EXPOSURE_KIND = "UNKNOWN_EXPOSURE_KIND";

    /** One failed check: a stable code and a message naming the field and its value. */
    public record Violation(String code, String message) {
        @Override
        public String toString() {
            return code + ": " + message;
        }
    }

    private EventValidator() {}

    public static List<Violation> validate(FundFlow f) {
        Checks c = new Checks();
        c.notBlank("eventId", f.getEventId());
        c.notBlank("source", f.getSource());
        c.notBlank("key", f.getKey());
        c.interval("period", f.getPeriodStart(), f.getPeriodEnd());
        if (f.getBreakdown() == null || f.getBreakdown() == Breakdown.UNKNOWN) {
            c.add(
                    UNKNOWN_BREAKDOWN,
                    "breakdown is "
                            + f.getBreakdown()
                            + "; expected one of TOTAL, ASSET, REGION, PROVIDER");
        }
        c.finite("netFlowUsd", f.getNetFlowUsd());
        c.finite("aumUsd", f.getAumUsd());
        if (f.getReportRows() != null) {
            if (f.getReportRows() < 1) {
                c.add(
                        BAD_REPORT_ROWS,
                        "reportRows is " + f.getReportRows() + "; a report has at least 1 row");
            } else if (f.getReportId() == null || f.getReportId().isBlank()) {
                c.add(
                        BAD_REPORT_ROWS,
                        "reportRows is "
                                + f.getReportRows()
                                + " but reportId is blank; a row count needs the report it counts");
            }
        }
        return c.result();
    }

    public static List<Violation> validate(PriceBar p) {
        Checks c = new Checks();
        c.notBlank("eventId", p.getEventId());
        c.notBlank("source", p.getSource());
        c.notBlank("instrument", p.getInstrument());
        c.interval("interval", p.getIntervalStart(), p.getIntervalEnd());
        c.price("open", p.getOpen());
        c.price("high", p.getHigh());
        c.price("low", p.getLow());
        c.price("close", p.getClose());
        c.highLow(p.getHigh(), p.getLow());
        return c.result();
    }

    public static List<Violation> validate(VolumeBar v) {
        Checks c = new Checks();
        c.notBlank("eventId", v.getEventId());
        c.notBlank("source", v.getSource());
        c.notBlank("instrument", v.getInstrument());
        c.interval("interval", v.getIntervalStart(), v.getIntervalEnd());
        c.volume("volumeBase", v.getVolumeBase());
        c.volume("volumeUsd", v.getVolumeUsd());
        return c.result();
    }

    public static List<Violation> validate(MetalQuote m) {
        Checks c = new Checks();
        c.notBlank("eventId", m.getEventId());
        c.notBlank("source", m.getSource());
        if (m.getMetal() == null || m.getMetal() == Metal.UNKNOWN) {
            c.add(
                    UNKNOWN_METAL,
                    "metal is " + m.getMetal() + "; expected one of XAU, XAG, XPT, XPD");
        }
        c.interval("interval", m.getIntervalStart(), m.getIntervalEnd());
        c.price("spotUsdPerOz", m.getSpotUsdPerOz());
        c.price("highUsdPerOz", m.getHighUsdPerOz());
        c.price("lowUsdPerOz", m.getLowUsdPerOz());
        c.highLow(m.getHighUsdPerOz(), m.getLowUsdPerOz());
        c.volume("volumeOz", m.getVolumeOz());
        c.finite("productFlowUsd", m.getProductFlowUsd());
        return c.result();
    }

    public static List<Violation> validate(InstitutionalExposure e) {
        Checks c = new Checks();
        c.notBlank("eventId", e.getEventId());
        c.notBlank("source", e.getSource());
        c.notBlank("holder", e.getHolder());
        c.notBlank("instrument", e.getInstrument());
        c.notBlank("underlying", e.getUnderlying());
        if (e.getAsOf() == null) {
            c.add(MISSING_FIELD, "asOf is missing");
        }
        if (e.getHolderType() == null || e.getHolderType() == HolderType.UNKNOWN) {
            c.add(
                    UNKNOWN_EXPOSURE_KIND,
                    "holderType is "
                            + e.getHolderType()
                            + "; expected one of BANK, SOVEREIGN_FUND, CORPORATE_TREASURY, FUND, OTHER");
        }
        if (e.getExposure() == null || e.getExposure() == ExposureKind.UNKNOWN) {
            c.add(
                    UNKNOWN_EXPOSURE_KIND,
                    "exposure is " + e.getExposure() + "; expected DIRECT or INDIRECT");
        }
        if (e.getUnits() == null && e.getPositionUsd() == null) {
            c.add(
                    MISSING_POSITION_SIZE,
                    "neither units nor positionUsd is given; a position needs at least one");
        }
        c.positive("units", e.getUnits());
        c.positive("positionUsd", e.getPositionUsd());
        c.positive("costBasisUsd", e.getCostBasisUsd());
        if (c.finite("leverage", e.getLeverage()) && e.getLeverage() < 1) {
            c.add(
                    BAD_LEVERAGE,
                    "leverage is "
                            + e.getLeverage()
                            + "; it is position value over own capital, so at least 1");
        }
        return c.result();
    }

    private static final class Checks {
        private List<Violation> violations;

        void add(String code, String message) {
            if (violations == null) {
                violations = new ArrayList<>(2);
            }
            violations.add(new Violation(code, message));
        }

        void notBlank(String field, String value) {
            if (value == null || value.isBlank()) {
                add(MISSING_FIELD, field + " is blank");
            }
        }

        void interval(String name, Instant start, Instant end) {
            if (start == null || end == null) {
                add(MISSING_FIELD, name + (start == null ? " start" : " end") + " is missing");
            } else if (!end.isAfter(start)) {
                add(END_BEFORE_START, name + " end " + end + " is not after start " + start);
            }
        }

        /**
         * Optional values (null) pass; a present value must be finite. Returns whether it is
         * usable.
         */
        boolean finite(String field, Double value) {
            if (value == null) {
                return false;
            }
            if (!Double.isFinite(value)) {
                add(NOT_FINITE, field + " is " + value);
                return false;
            }
            return true;
        }

        void price(String field, Double value) {
            if (finite(field, value) && value <= 0) {
                add(NON_POSITIVE_PRICE, field + " is " + value + "; prices must be above zero");
            }
        }

        void positive(String field, Double value) {
            if (finite(field, value) && value <= 0) {
                add(NON_POSITIVE_POSITION, field + " is " + value + "; it must be above zero");
            }
        }

        void volume(String field, Double value) {
            if (finite(field, value) && value < 0) {
                add(NEGATIVE_VOLUME, field + " is " + value + "; volumes are never negative");
            }
        }

        void highLow(Double high, Double low) {
            if (high != null
                    && low != null
                    && Double.isFinite(high)
                    && Double.isFinite(low)
                    && high < low) {
                add(HIGH_BELOW_LOW, "high " + high + " is below low " + low);
            }
        }

        List<Violation> result() {
            return violations == null ? List.of() : List.copyOf(violations);
        }
    }
}
