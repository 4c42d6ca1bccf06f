package dev.rotation.processor.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rotation.processor.analytics.RelativeRotation;
import dev.rotation.processor.analytics.RelativeRotationSettings;
import dev.rotation.processor.analytics.RotationGraph;
import dev.rotation.processor.query.RotationView;
import java.time.Instant;

/**
 * The relative rotation graph ({@link RotationView}) as JSON, one shape for {@code GET /rotation}
 * and {@code GET /api/relative-rotation}:
 *
 * <pre>{@code
 * {measure, benchmark, metalsBenchmark, ratioWindows, momentumWindows, centre,
 *  assets: [{asset, benchmark, instrument, quadrant,
 *            points: [{windowStart, windowEnd, closed, ratio, rsRatio, rsMomentum, quadrant}]}]}
 * }</pre>
 *
 * Times are ISO-8601 instants; {@code ratio} is the asset's close over the benchmark's (its USD
 * spot for a metal); RS-Ratio and RS-Momentum are centred on {@code centre} (100); each asset's
 * points are oldest first and its {@code quadrant} is that of its last point.
 */
public final class RotationGraphJson {

    /** How the measures are named wherever they are served. */
    public static final String MEASURE =
            "RS-Ratio / RS-Momentum, an open approximation of the JdK measures";

    private RotationGraphJson() {}

    /** The view as a JSON object of the shape above. */
    public static ObjectNode of(RotationView view) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("measure", MEASURE);
        body.put("benchmark", view.benchmark());
        body.put("metalsBenchmark", RelativeRotationSettings.USD);
        body.put("ratioWindows", view.ratioWindows());
        body.put("momentumWindows", view.momentumWindows());
        body.put("centre", RelativeRotation.CENTRE);
        ArrayNode assets = body.putArray("assets");
        for (RotationGraph.Trail t : view.trails()) {
            ObjectNode a = assets.addObject();
            a.put("asset", t.asset());
            a.put("benchmark", t.benchmark());
            a.put("instrument", t.instrument());
            a.put("quadrant", t.last().quadrant().name());
            ArrayNode points = a.putArray("points");
            for (RotationGraph.Point p : t.points()) {
                points.addObject()
                        .put("windowStart", Instant.ofEpochMilli(p.windowStart()).toString())
                        .put("windowEnd", Instant.ofEpochMilli(p.windowEnd()).toString())
                        .put("closed", p.closed())
                        .put("ratio", p.ratio())
                        .put("rsRatio", p.rsRatio())
                        .put("rsMomentum", p.rsMomentum())
                        .put("quadrant", p.quadrant().name());
            }
        }
        return body;
    }
}
