package dev.rotation.producers.ingest;

/**
 * Reason codes of bad input lines found while parsing, and of the problems that make a whole file
 * unusable (a {@link FileProblem}: NOT_FOUND, UNREADABLE, NOT_UTF8, SEPARATOR, EMPTY_FILE,
 * TABLE_MARKER, LIKELY_MILLIONS and, for a CSV header, UNKNOWN_FORMAT, MISSING_COLUMN,
 * UNKNOWN_COLUMN). Content checks on a parsed event use the codes of {@link
 * dev.rotation.model.validation.EventValidator} (NOT_FINITE, NEGATIVE_VOLUME, NON_POSITIVE_PRICE,
 * HIGH_BELOW_LOW, END_BEFORE_START, UNKNOWN_BREAKDOWN, UNKNOWN_METAL, MISSING_FIELD).
 */
public final class ReasonCodes {
    /** The line has more or fewer columns than the header. */
    public static final String COLUMN_COUNT = "COLUMN_COUNT";

    /** A number column that does not hold a number. */
    public static final String BAD_NUMBER = "BAD_NUMBER";

    /** A date or instant column that does not hold an ISO-8601 date or instant. */
    public static final String BAD_DATE = "BAD_DATE";

    /** The header names a column the format does not know (or names one twice). */
    public static final String UNKNOWN_COLUMN = "UNKNOWN_COLUMN";

    /** The header lacks a required column. */
    public static final String MISSING_COLUMN = "MISSING_COLUMN";

    /** The header matches no known format, or not the one asked for with --type. */
    public static final String UNKNOWN_FORMAT = "UNKNOWN_FORMAT";

    /** A JSON Lines line that is not a JSON object of scalar values. */
    public static final String BAD_JSON = "BAD_JSON";

    /** The file has no header line. */
    public static final String EMPTY_FILE = "EMPTY_FILE";

    /** The file could not be read. */
    public static final String UNREADABLE = "UNREADABLE";

    /** There is no file at the path given. */
    public static final String NOT_FOUND = "NOT_FOUND";

    /** The file is not UTF-8 text (UTF-16 "Unicode Text", a legacy encoding, a workbook). */
    public static final String NOT_UTF8 = "NOT_UTF8";

    /** The header is separated by semicolons or tabs rather than commas. */
    public static final String SEPARATOR = "SEPARATOR";

    /** Two rows of one run (one file or two) with the same identity and different figures. */
    public static final String CONFLICTING_ROWS = "CONFLICTING_ROWS";

    /** An ASSET row whose key is no known asset, bucket or label of one. */
    public static final String UNKNOWN_ASSET = "UNKNOWN_ASSET";

    /** A REGION row whose key is no ISO region code, bucket or label of one. */
    public static final String UNKNOWN_REGION = "UNKNOWN_REGION";

    /**
     * A wide ETF table that does not state its unit or asset, or whose marker and option disagree.
     */
    public static final String TABLE_MARKER = "TABLE_MARKER";

    /**
     * An ETF flow file whose every figure is below $100,000 while it says they are whole dollars:
     * most likely US$ millions (refused unless {@code --allow-small-figures}).
     */
    public static final String LIKELY_MILLIONS = "LIKELY_MILLIONS";

    private ReasonCodes() {}
}
