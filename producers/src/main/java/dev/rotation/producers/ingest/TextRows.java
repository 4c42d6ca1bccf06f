package dev.rotation.producers.ingest;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The rows of an input file's text, with the line each starts on and its raw text. CSV dialect work
 * (RFC 4180 quoting, quoted line breaks, trimming, comments, blank lines) is Apache Commons CSV's;
 * this class only keeps line numbers and raw text for the messages and dead letters, and leaves the
 * layout to {@link EventFileReader}.
 *
 * <p>Two habits of real files are kept: a byte-order mark is dropped, and a lone CR (not followed
 * by LF) is a space inside a line, not a line break (the real {@code crypto-prices-daily.csv} has
 * them before its commas), so it is trimmed from its cell.
 */
final class TextRows {

    /**
     * One row of the file.
     *
     * @param line 1-based line the row starts on
     * @param raw the row's text as read (its lines joined by LF, without the terminator)
     * @param cells the cells, unquoted and trimmed (CSV), or null for a JSON Lines line
     * @param error why the row could not be split into cells, or null
     */
    record Row(long line, String raw, List<String> cells, String error) {}

    private static final CSVFormat CSV =
            CSVFormat.RFC4180
                    .builder()
                    .setTrim(true)
                    .setIgnoreSurroundingSpaces(true)
                    .setIgnoreEmptyLines(true)
                    .setCommentMarker('#')
                    .get();

    private final String text;
    private final String[] lines;
    private final int[] lineStarts;

    TextRows(String content) {
        String t = content.startsWith("\uFEFF") ? content.substring(1) : content;
        // a lone CR is a character of its line: same length, so positions stay those of the text
        this.text = t.replaceAll("\r(?!\n)", " ");
        this.lines = t.split("\r?\n", -1);
        this.lineStarts = new int[lines.length];
        int pos = 0;
        for (int i = 0; i < lines.length; i++) {
            lineStarts[i] = pos;
            pos += lines[i].length() + (text.startsWith("\r\n", pos + lines[i].length()) ? 2 : 1);
        }
    }

    /** The first line that is neither blank nor a comment, or null (1-based in {@code [0]}). */
    String firstContentLine(long[] number) {
        for (int i = 0; i < lines.length; i++) {
            String s = lines[i].strip();
            if (!s.isEmpty() && !s.startsWith("#")) {
                number[0] = i + 1;
                return lines[i];
            }
        }
        return null;
    }

    /** The text after {@code #} of each comment line above the first content line. */
    List<String> commentsBeforeContent() {
        List<String> comments = new ArrayList<>();
        for (String line : lines) {
            String s = line.strip();
            if (!s.isEmpty() && !s.startsWith("#")) {
                break;
            }
            if (!s.isEmpty()) {
                comments.add(s.substring(1));
            }
        }
        return comments;
    }

    /** Every line that is neither blank nor a comment, as JSON Lines rows. */
    List<Row> jsonLines() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String s = lines[i].strip();
            if (!s.isEmpty() && !s.startsWith("#")) {
                rows.add(new Row(i + 1, lines[i], null, null));
            }
        }
        return rows;
    }

    /**
     * The CSV records, header first. A quote left open swallows the rest of the file (a quoted cell
     * may span lines): that row comes last, with its error.
     */
    List<Row> csvRecords() {
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser =
                CSVParser.builder().setFormat(CSV).setReader(new StringReader(text)).get()) {
            Iterator<CSVRecord> records = parser.iterator();
            int next = 0;
            while (true) {
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException e) {
                    int start = nextContentLine(next);
                    rows.add(
                            new Row(
                                    start + 1,
                                    start < lines.length ? lines[start] : "",
                                    null,
                                    "unbalanced quote: the quoted cell opened here never closes,"
                                            + " so lines "
                                            + (start + 1)
                                            + " to "
                                            + lines.length
                                            + " are not read"));
                    break;
                }
                int first = nextContentLine(lineOf(record.getCharacterPosition()));
                // the parser has consumed the record's last line break
                int last = Math.max(first, (int) parser.getCurrentLineNumber() - 1);
                last = Math.min(last, lines.length - 1);
                String raw = String.join("\n", Arrays.asList(lines).subList(first, last + 1));
                rows.add(new Row(first + 1, raw, record.toList(), null));
                next = last + 1;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
        return rows;
    }

    private int nextContentLine(int from) {
        for (int i = from; i < lines.length; i++) {
            String s = lines[i].strip();
            if (!s.isEmpty() && !s.startsWith("#")) {
                return i;
            }
        }
        return Math.max(0, lines.length - 1);
    }

    /** 0-based line of a character position. */
    private int lineOf(long position) {
        int i = Arrays.binarySearch(lineStarts, (int) position);
        return i >= 0 ? i : -i - 2;
    }
}
