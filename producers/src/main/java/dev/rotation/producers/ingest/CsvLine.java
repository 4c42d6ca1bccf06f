package dev.rotation.producers.ingest;

import java.util.ArrayList;
import java.util.List;

/** Splits one CSV line (RFC 4180 quoting within a line; no embedded line breaks). */
final class CsvLine {

    private CsvLine() {}

    /** The cells of the line, unquoted and trimmed; null when a quote is left open. */
    static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString().trim());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        cells.add(cell.toString().trim());
        return cells;
    }
}
