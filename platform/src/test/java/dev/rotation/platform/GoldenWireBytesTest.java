package dev.rotation.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotation.model.PriceBar;
import dev.rotation.model.serde.ConfluentAvroSerde;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The serializer's output for a known record and schema id, against bytes written out by hand from
 * the Confluent framing and the Avro binary encoding spec. If this test breaks, Confluent's
 * deserializer would break too.
 */
class GoldenWireBytesTest {

    private static final int SCHEMA_ID = 42;

    private static final String GOLDEN_HEX =
            ""
                    + "00" // magic byte 0
                    + "0000002a" // schema id 42, 4 bytes big-endian
                    + "04"
                    + "6531" // eventId "e1": length 2 as zig-zag varint (4), then UTF-8
                    + "04"
                    + "6362" // source "cb"
                    + "06"
                    + "425443" // instrument "BTC": length 3 -> zig-zag 6
                    + "c0a907" // intervalStart 60000 ms: zig-zag 120000 as a little-endian base-128
                    // varint
                    + "80d30e" // intervalEnd 120000 ms: zig-zag 240000
                    + "000000000000f83f" // open 1.5: IEEE 754 double 0x3FF8000000000000,
                    // little-endian
                    + "0000000000000040" // high 2.0: 0x4000000000000000
                    + "000000000000f03f" // low 1.0: 0x3FF0000000000000
                    + "000000000000fc3f"; // close 1.75: 0x3FFC000000000000

    private static PriceBar bar() {
        return PriceBar.newBuilder()
                .setEventId("e1")
                .setSource("cb")
                .setInstrument("BTC")
                .setIntervalStart(Instant.ofEpochMilli(60_000))
                .setIntervalEnd(Instant.ofEpochMilli(120_000))
                .setOpen(1.5)
                .setHigh(2.0)
                .setLow(1.0)
                .setClose(1.75)
                .build();
    }

    @Test
    void priceBarEncodesToTheExactConfluentWireBytes() {
        InMemoryRegistryClient registry =
                new InMemoryRegistryClient().with(SCHEMA_ID, PriceBar.getClassSchema());
        try (ConfluentAvroSerde<PriceBar> serde =
                ConfluentAvroSerde.of(registry, PriceBar.class, Map.of(), false)) {
            byte[] bytes = serde.serializer().serialize("prices", bar());

            assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(GOLDEN_HEX);
            assertThat(
                            serde.deserializer()
                                    .deserialize("prices", HexFormat.of().parseHex(GOLDEN_HEX)))
                    .isEqualTo(bar());
        }
    }
}
