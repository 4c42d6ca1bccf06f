package dev.rotation.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A Markdown table printed to the console and appended to a section's results file. */
final class Report {
    private final String title;
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    Report(String title, String... header) {
        this.title = title;
        this.header = List.of(header);
    }

    Report row(Object... cells) {
        List<String> r = new ArrayList<>();
        for (Object c : cells) {
            r.add(String.valueOf(c));
        }
        rows.add(r);
        return this;
    }

    Report note(String n) {
        notes.add(n);
        return this;
    }

    String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("### ").append(title).append("\n\n");
        sb.append("| ").append(String.join(" | ", header)).append(" |\n");
        sb.append("|").append("---|".repeat(header.size())).append("\n");
        for (List<String> r : rows) {
            sb.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        if (!notes.isEmpty()) {
            sb.append("\n");
            notes.forEach(n -> sb.append("- ").append(n).append("\n"));
        }
        return sb.toString();
    }

    void print(PrintStream out) {
        out.println();
        out.print(markdown());
        out.flush();
    }

    /**
     * Writes the tables of one section, with when, where and under what load they were measured.
     */
    static void write(Path outDir, String section, List<Report> reports, String command)
            throws IOException {
        Files.createDirectories(outDir);
        StringBuilder sb = new StringBuilder();
        sb.append("## ").append(section).append("\n\n");
        sb.append("- measured: ")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .append("\n");
        sb.append("- machine: ").append(machine()).append("\n");
        sb.append("- load average at the end of the run (1/5/15 min): ")
                .append(loadAverage())
                .append("\n");
        sb.append("- command: `").append(command).append("`\n\n");
        for (Report r : reports) {
            sb.append(r.markdown()).append("\n");
        }
        Files.writeString(outDir.resolve(section + ".md"), sb.toString());
    }

    static String machine() {
        long memKb = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    memKb = Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: leave it out
        }
        return String.format(
                Locale.ROOT,
                "%d cores, %.1f GiB RAM, %s %s, JVM args %s",
                Runtime.getRuntime().availableProcessors(),
                memKb / 1024.0 / 1024.0,
                System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"),
                ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " / " + f[1] + " / " + f[2];
        } catch (IOException e) {
            return "n/a";
        }
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    static String dec(double v, int places) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%." + places + "f", v);
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1024.0 / 1024.0);
    }
}
