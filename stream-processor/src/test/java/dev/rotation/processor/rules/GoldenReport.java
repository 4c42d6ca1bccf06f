package dev.rotation.processor.rules;

import dev.rotation.model.Caveat;

import java.util.List;
import java.util.Locale;

/** Prints detections as a table (test output only, for docs/confidence.md's worked example). */
final class GoldenReport {

    private GoldenReport() {
    }

    static String table(List<Detection> ds) {
        StringBuilder sb = new StringBuilder();
        for (Detection d : ds) {
            sb.append(String.format(Locale.ROOT, "%-22s %-40s %-28s %.4f %-6s %-25s %s%n  %s%n",
                    d.type(), d.subjects(),
                    d.magnitude() == null ? "-" : d.magnitude().getScale() + " " + String.format(Locale.ROOT, "%.4f", d.magnitude().getRatio()),
                    d.confidence().score(), d.confidence().level(), d.confidence().causality(),
                    d.caveats().stream().map(Caveat::getCode).toList(), d.explanation()));
        }
        return sb.toString();
    }
}
