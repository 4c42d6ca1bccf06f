package dev.rotation.processor.query;

import dev.rotation.processor.analytics.RotationGraph;
import java.util.List;

/**
 * The relative rotation graph as the read side serves it ({@code GET /rotation}): every asset's
 * trail of RS-Ratio / RS-Momentum points (an open approximation of the JdK measures), from the
 * trailing FINAL windows and the newest open window.
 *
 * @param benchmark the asset crypto assets and equity proxies are measured against ({@code
 *     rrg.benchmark}); metals are measured against USD
 * @param ratioWindows n of RS-Ratio ({@code rrg.ratio-windows})
 * @param momentumWindows m of RS-Momentum ({@code rrg.momentum-windows})
 * @param trails one per asset with at least one point, by asset name; each oldest point first, the
 *     last one possibly of an open window ({@code closed == false})
 */
public record RotationView(
        String benchmark, int ratioWindows, int momentumWindows, List<RotationGraph.Trail> trails) {

    public RotationView {
        trails = List.copyOf(trails);
    }
}
