package dev.rotation.producers.sample;

import dev.rotation.model.events.InputEventType;
import dev.rotation.producers.ingest.BadLine;
import dev.rotation.producers.ingest.EventFileReader;
import dev.rotation.producers.ingest.IngestResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * The sample data bundled on the classpath under {@code /sample/} (see its README.md for sources:
 * real CoinShares flows, real US spot ETF daily flows, real daily prices and metal points, and
 * clearly labelled illustrative baselines and volumes). Used by {@code produce sample} and by the
 * embedded demo.
 */
public final class SampleData {

    /** Classpath folder of the bundle. */
    public static final String RESOURCE_DIR = "/sample/";

    /** The bundle's files, in the order they are read (ties in event time keep this order). */
    public static final List<String> FILES =
            List.of(
                    "illustrative-fund-flows-2025-10-27_2026-01-16.csv",
                    "coinshares-week-2026-01-26.csv",
                    "coinshares-week-2026-02-02.csv",
                    "us-spot-etf-flows-daily.csv",
                    "crypto-prices-daily.csv",
                    "illustrative-volumes-daily.csv",
                    "metals-spot-2026-01.csv",
                    "illustrative-metals-2026-01.csv",
                    "institutional-exposures-2026-01.csv");

    private SampleData() {}

    /** Every event of the bundle, in event-time order (record timestamp, then file order). */
    public static List<SpecificRecord> load() {
        List<SpecificRecord> events = new ArrayList<>();
        for (IngestResult r : readAll()) {
            if (!r.clean()) {
                throw new IllegalStateException(
                        "Bundled sample file is not clean: "
                                + (r.usable()
                                        ? r.badLines().get(0).describe()
                                        : r.problem().describe()));
            }
            events.addAll(r.events());
        }
        events.sort(Comparator.comparingLong(e -> InputEventType.of(e).eventTime(e)));
        return List.copyOf(events);
    }

    /** The bundle file by file, bad lines included (there should be none). */
    public static List<IngestResult> readAll() {
        List<IngestResult> results = new ArrayList<>();
        EventFileReader reader = new EventFileReader();
        for (String file : FILES) {
            results.add(read(reader, file));
        }
        return results;
    }

    /** All bad lines of the bundle (empty for a healthy build). */
    public static List<BadLine> badLines() {
        return readAll().stream().flatMap(r -> r.badLines().stream()).toList();
    }

    private static IngestResult read(EventFileReader reader, String file) {
        String path = RESOURCE_DIR + file;
        try (InputStream in = SampleData.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(
                        "Sample resource missing from the classpath: " + path);
            }
            return reader.read("sample/" + file, new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read sample resource " + path, e);
        }
    }
}
