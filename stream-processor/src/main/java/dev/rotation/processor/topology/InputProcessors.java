package dev.rotation.processor.topology;

import dev.rotation.model.ExposureKind;
import dev.rotation.model.FundFlow;
import dev.rotation.model.InstitutionalExposure;
import dev.rotation.model.MetalQuote;
import dev.rotation.model.PriceBar;
import dev.rotation.model.VolumeBar;
import dev.rotation.model.events.InputEventType;
import dev.rotation.processor.analytics.AddResult;
import dev.rotation.processor.analytics.AnalyticsConfig;
import dev.rotation.processor.analytics.EventWindow;
import dev.rotation.processor.analytics.ExposureAccumulator;
import dev.rotation.processor.analytics.ExposureMetrics;
import dev.rotation.processor.analytics.FlowAccumulator;
import dev.rotation.processor.analytics.FlowSources;
import dev.rotation.processor.analytics.MetalAccumulator;
import dev.rotation.processor.analytics.PriceAccumulator;
import dev.rotation.processor.analytics.SubjectMetrics;
import dev.rotation.processor.analytics.VolumeAccumulator;
import dev.rotation.processor.analytics.WindowPolicy;
import dev.rotation.processor.ops.ProcessorMetrics;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The five input feeds of stage 1: how each deduplicates and accumulates. What an event's subject,
 * eventId and validity are is its {@link InputEventType} contract, shared with the producers.
 */
final class InputProcessors {
    private InputProcessors() {}

    /**
     * Fund flows: subject {@code BREAKDOWN:KEY}. Deduplication is by identity inside the
     * accumulator, because a re-published report is a duplicate but a corrected one replaces the
     * earlier figure (a revision).
     *
     * <p>A report row is not late when its window has closed at this task's stream time: the rows
     * of one report land on every partition, and a partition's stream time must not split them.
     * Whether a report counts, in full, towards a week that has closed is decided in stage 2 where
     * all its rows meet ({@link SnapshotProcessor}). Rows are late (and their accumulators purged)
     * only for weeks older than any stage 2 still keeps ({@link WindowPolicy#takesReportRow}).
     */
    static final class Flows extends InputFeed<FundFlow, FlowAccumulator> {
        private static final Logger LOG = LoggerFactory.getLogger(InputProcessors.class);

        private final FlowSources sources;
        private final ProcessorMetrics metrics;

        /** Undeclared sources already named in the log by this processor (once each). */
        private final Set<String> warned = new HashSet<>();

        /**
         * @param sources the flow sources as configured; a row of a source they do not declare is
         *     counted ({@link ProcessorMetrics#unknownSource})
         */
        Flows(
                InputChecks checks,
                InputStage.Timing timing,
                String store,
                ProcessorMetrics metrics,
                FlowSources sources) {
            super(checks, timing, store, null, metrics);
            this.sources = sources;
            this.metrics = metrics;
        }

        @Override
        boolean takes(EventWindow w, long streamTime) {
            return windows().takesReportRow(w, streamTime);
        }

        @Override
        boolean keeps(EventWindow w, long streamTime) {
            return windows().takesReportRow(w, streamTime);
        }

        @Override
        long horizon(long streamTime) {
            return windows().reportRowHorizon(streamTime);
        }

        @Override
        FlowAccumulator newAccumulator(EventWindow window) {
            return new FlowAccumulator();
        }

        @Override
        boolean add(FlowAccumulator acc, FundFlow f, long eventTime) {
            String identity =
                    FlowAccumulator.identity(
                            f.getSource(),
                            f.getReportId(),
                            f.getBreakdown().name(),
                            f.getKey(),
                            f.getPeriodStart().toEpochMilli(),
                            f.getPeriodEnd().toEpochMilli());
            AddResult r =
                    acc.add(
                            identity,
                            f.getSource(),
                            f.getReportId(),
                            f.getReportRows(),
                            f.getBreakdown().name(),
                            f.getKey(),
                            f.getNetFlowUsd(),
                            eventTime);
            if (r != AddResult.DUPLICATE && !sources.isConfigured(f.getSource())) {
                metrics.unknownSource(f.getSource());
                if (warned.size() < 100 && warned.add(f.getSource())) {
                    LOG.warn(
                            "Flow rows from source '{}', which the sources configuration does not"
                                    + " declare: read as a real weekly source of its own scope, kept"
                                    + " out of the flow history, and compared as an independent"
                                    + " source. Declare it (source.scope.{}=...; docs/signals.md"
                                    + " \"Sources and scopes\") if it republishes another source's"
                                    + " figures or is your primary feed.",
                            f.getSource(),
                            f.getSource());
                }
            }
            if (r == AddResult.REJECTED_FULL) {
                throw RejectedEventException.invalid(
                        kind,
                        "TOO_MANY_FLOW_ROWS",
                        "more distinct report rows for "
                                + f.getBreakdown()
                                + ":"
                                + f.getKey()
                                + " in one window than the accumulator holds");
            }
            return r != AddResult.DUPLICATE;
        }

        @Override
        SubjectMetrics metrics(String subject, FlowAccumulator acc, FlowAccumulator previous) {
            return acc.toMetrics(sources);
        }
    }

    /**
     * Price bars: subject = instrument; returns are measured against the previous window's last
     * close.
     */
    static final class Prices extends InputFeed<PriceBar, PriceAccumulator> {
        private final AnalyticsConfig config;

        Prices(
                InputChecks checks,
                InputStage.Timing timing,
                String store,
                String dedupe,
                ProcessorMetrics metrics,
                AnalyticsConfig config) {
            super(checks, timing, store, dedupe, metrics);
            this.config = config;
        }

        @Override
        PriceAccumulator newAccumulator(EventWindow window) {
            return PriceAccumulator.forConfig(config.priceBuckets());
        }

        @Override
        boolean add(PriceAccumulator acc, PriceBar p, long eventTime) {
            acc.add(p.getSource(), eventTime, p.getOpen(), p.getHigh(), p.getLow(), p.getClose());
            return true;
        }

        @Override
        boolean needsPrevious() {
            return true;
        }

        @Override
        SubjectMetrics metrics(String subject, PriceAccumulator acc, PriceAccumulator previous) {
            Double prevClose =
                    previous == null || Double.isNaN(previous.lastClose)
                            ? null
                            : previous.lastClose;
            return acc.toMetrics(subject, prevClose);
        }
    }

    /** Volume bars: subject = instrument. */
    static final class Volumes extends InputFeed<VolumeBar, VolumeAccumulator> {
        Volumes(
                InputChecks checks,
                InputStage.Timing timing,
                String store,
                String dedupe,
                ProcessorMetrics metrics) {
            super(checks, timing, store, dedupe, metrics);
        }

        @Override
        VolumeAccumulator newAccumulator(EventWindow window) {
            return new VolumeAccumulator();
        }

        @Override
        boolean add(VolumeAccumulator acc, VolumeBar v, long eventTime) {
            acc.add(v.getSource(), v.getVolumeBase(), v.getVolumeUsd());
            return true;
        }

        @Override
        SubjectMetrics metrics(String subject, VolumeAccumulator acc, VolumeAccumulator previous) {
            return acc.toMetrics(subject);
        }
    }

    /** Precious metals: subject = metal (XAU, XAG, ...). */
    static final class Metals extends InputFeed<MetalQuote, MetalAccumulator> {
        Metals(
                InputChecks checks,
                InputStage.Timing timing,
                String store,
                String dedupe,
                ProcessorMetrics metrics) {
            super(checks, timing, store, dedupe, metrics);
        }

        @Override
        MetalAccumulator newAccumulator(EventWindow window) {
            return new MetalAccumulator();
        }

        @Override
        boolean add(MetalAccumulator acc, MetalQuote m, long eventTime) {
            acc.add(
                    m.getSource(),
                    eventTime,
                    m.getSpotUsdPerOz(),
                    m.getHighUsdPerOz(),
                    m.getLowUsdPerOz(),
                    m.getVolumeOz(),
                    m.getProductFlowUsd());
            return true;
        }

        @Override
        boolean needsPrevious() {
            return true;
        }

        @Override
        SubjectMetrics metrics(String subject, MetalAccumulator acc, MetalAccumulator previous) {
            Double prevClose =
                    previous == null || Double.isNaN(previous.lastSpot) ? null : previous.lastSpot;
            return acc.toMetrics(subject, prevClose);
        }
    }

    /**
     * Institutional positions: subject {@code <holder>|<instrument>}. Deduplication is by content
     * inside the accumulator, because a corrected filing for the same date replaces the earlier
     * figures. The underlying must be an asset the configuration knows.
     */
    static final class Exposures extends InputFeed<InstitutionalExposure, ExposureAccumulator> {
        Exposures(
                InputChecks checks,
                InputStage.Timing timing,
                String store,
                ProcessorMetrics metrics) {
            super(checks, timing, store, null, metrics);
        }

        @Override
        ExposureAccumulator newAccumulator(EventWindow window) {
            return new ExposureAccumulator();
        }

        @Override
        boolean add(ExposureAccumulator acc, InstitutionalExposure e, long eventTime) {
            return acc.add(
                    new ExposureMetrics(
                            e.getHolder(),
                            e.getHolderType().name(),
                            e.getInstrument(),
                            e.getExposure() == ExposureKind.INDIRECT,
                            e.getUnderlying(),
                            e.getUnits(),
                            e.getPositionUsd(),
                            e.getCostBasisUsd(),
                            e.getLeverage(),
                            e.getAsOf().toEpochMilli(),
                            e.getSource(),
                            e.getReportId()));
        }

        @Override
        SubjectMetrics metrics(
                String subject, ExposureAccumulator acc, ExposureAccumulator previous) {
            return acc.toMetrics();
        }
    }
}
