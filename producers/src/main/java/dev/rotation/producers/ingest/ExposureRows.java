package dev.rotation.producers.ingest;

import dev.rotation.model.ExposureKind;
import dev.rotation.model.HolderType;
import dev.rotation.model.InstitutionalExposure;
import dev.rotation.model.validation.EventValidator;
import dev.rotation.producers.events.EventIds;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@link InputLayout#INSTITUTIONAL_EXPOSURES} row: one institution's position in one instrument
 * (docs/input-formats.md). Cells are named as the layout's columns; a bad cell is a {@link BadCell}
 * with its reason code, which the reader reports as a bad line.
 */
final class ExposureRows {
    private static final Pattern NUMBER =
            Pattern.compile("[+-]?((\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?|NaN|Infinity)");

    private ExposureRows() {}

    /** A cell that cannot be read; {@code code} is a stable reason code. */
    static final class BadCell extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String code;

        BadCell(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    /**
     * The position of a row.
     *
     * @param source the row's source, or the reader's default when the row has none
     * @throws BadCell naming the first cell that cannot be read
     */
    static InstitutionalExposure exposure(Map<String, String> row, String source) {
        String holder = required(row, "holder");
        String instrument = required(row, "instrument");
        Instant asOf = asOf(required(row, "as_of"));
        String reportId = row.getOrDefault("report_id", "");
        return InstitutionalExposure.newBuilder()
                .setEventId(EventIds.institutionalExposure(source, holder, instrument, asOf))
                .setSource(source)
                .setReportId(reportId.isEmpty() ? null : reportId)
                .setHolder(holder)
                .setHolderType(holderType(required(row, "holder_type")))
                .setInstrument(instrument)
                .setExposure(exposureKind(required(row, "exposure")))
                .setUnderlying(required(row, "underlying").toUpperCase(Locale.ROOT))
                .setUnits(optionalNumber(row, "units"))
                .setPositionUsd(optionalNumber(row, "position_usd"))
                .setCostBasisUsd(optionalNumber(row, "cost_basis_usd"))
                .setLeverage(optionalNumber(row, "leverage"))
                .setAsOf(asOf)
                .build();
    }

    /** A date is the position at the end of that day (next midnight UTC); an instant is as is. */
    private static Instant asOf(String v) {
        try {
            return LocalDate.parse(v).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException e2) {
                throw new BadCell(
                        ReasonCodes.BAD_DATE,
                        "as_of is not an ISO-8601 date or instant: '" + v + "'");
            }
        }
    }

    private static HolderType holderType(String v) {
        String name = v.toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        try {
            HolderType t = HolderType.valueOf(name);
            if (t != HolderType.UNKNOWN) {
                return t;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw new BadCell(
                EventValidator.UNKNOWN_EXPOSURE_KIND,
                "holder_type '"
                        + v
                        + "' is not one of BANK, SOVEREIGN_FUND, CORPORATE_TREASURY, FUND, OTHER");
    }

    private static ExposureKind exposureKind(String v) {
        try {
            ExposureKind k = ExposureKind.valueOf(v.toUpperCase(Locale.ROOT));
            if (k != ExposureKind.UNKNOWN) {
                return k;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw new BadCell(
                EventValidator.UNKNOWN_EXPOSURE_KIND,
                "exposure '" + v + "' is not DIRECT or INDIRECT (an equity proxy)");
    }

    private static String required(Map<String, String> row, String column) {
        String v = row.getOrDefault(column, "");
        if (v.isEmpty()) {
            throw new BadCell(EventValidator.MISSING_FIELD, column + " is empty");
        }
        return v;
    }

    /** Null for an empty cell; NaN and infinities pass so the validator names them NOT_FINITE. */
    private static Double optionalNumber(Map<String, String> row, String column) {
        String v = row.getOrDefault(column, "");
        if (v.isEmpty()) {
            return null;
        }
        if (!NUMBER.matcher(v).matches()) {
            throw new BadCell(ReasonCodes.BAD_NUMBER, column + " is not a number: '" + v + "'");
        }
        return Double.parseDouble(v);
    }
}
