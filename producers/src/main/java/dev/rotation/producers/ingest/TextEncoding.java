package dev.rotation.producers.ingest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Tells whether a file's bytes are UTF-8 text and, when they are not, what they most likely are:
 * UTF-16 (what a spreadsheet saves as "Unicode Text", with or without a byte-order mark), a ZIP
 * archive such as an Excel workbook, or text in a legacy 8-bit encoding (Windows-1252, Latin-1).
 */
final class TextEncoding {
    /** What to do about any of them. */
    static final String ADVICE =
            "save it as \"CSV UTF-8 (Comma delimited)\" (or convert it to UTF-8) and try again";

    private static final int SNIFF = 4096;

    private TextEncoding() {}

    /**
     * Null when {@code bytes} are UTF-8 text (a UTF-8 byte-order mark is fine), else what they are,
     * in words.
     */
    static String problem(byte[] bytes) {
        if (startsWith(bytes, 0xFF, 0xFE) || startsWith(bytes, 0xFE, 0xFF)) {
            return "the file is UTF-16 text (what a spreadsheet saves as \"Unicode Text\"), not UTF-8";
        }
        if (startsWith(bytes, 'P', 'K', 0x03, 0x04)) {
            return "the file is a ZIP archive, such as an Excel workbook (.xlsx), not a text file";
        }
        int n = Math.min(bytes.length, SNIFF);
        int nul = 0;
        for (int i = 0; i < n; i++) {
            if (bytes[i] == 0) {
                nul++;
            }
        }
        if (nul > 0) {
            return nul * 4 >= n
                    ? "the file is UTF-16 text without a byte-order mark (what a spreadsheet saves as \"Unicode Text\"), not UTF-8"
                    : "the file contains NUL bytes: it is not a text file";
        }
        CharsetDecoder decoder =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult r = decoder.decode(in, out, true);
            if (r.isError()) {
                int at = in.position();
                return String.format(
                        Locale.ROOT,
                        "line %d is not UTF-8 (byte 0x%02X): the file is probably in a legacy "
                                + "encoding such as Windows-1252 or Latin-1",
                        lineOf(bytes, at),
                        bytes[at] & 0xFF);
            }
            if (r.isUnderflow()) {
                return null;
            }
            out.clear();
        }
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** 1-based line of byte offset {@code at}. */
    private static long lineOf(byte[] bytes, int at) {
        long line = 1;
        for (int i = 0; i < at; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
