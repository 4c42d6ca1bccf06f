package dev.rotation.processor.topology;

/** The closes of {@code src/test/resources/rotation/rrg_reference.py}: 14 windows, oldest first. */
final class RelativeRotationFixture {

    static final double[] ASSET = {100, 102, 101, 99, 96, 94, 95, 98, 103, 107, 108, 106, 102, 99};

    static final double[] BENCHMARK = {
        50, 50.5, 51, 50, 49.5, 50, 50.5, 51, 51.5, 52, 52.5, 53, 53, 52.5
    };

    private RelativeRotationFixture() {}
}
