package dev.rotation.processor.topology;

import dev.rotation.model.Breakdown;
import dev.rotation.model.ExposureKind;
import dev.rotation.model.FundFlow;
import dev.rotation.model.InstitutionalExposure;
import dev.rotation.model.MetalQuote;
import dev.rotation.model.PriceBar;
import dev.rotation.model.VolumeBar;
import dev.rotation.model.events.InputEventType;
import dev.rotation.model.labels.BreakdownKeys;
import dev.rotation.model.validation.EventValidator;
import dev.rotation.processor.analytics.AddResult;
import dev.rotation.processor.analytics.AnalyticsConfig;
import dev.rotation.processor.analytics.EventWindow;
import dev.rotation.processor.analytics.ExposureAccumulator;
import dev.rotation.processor.analytics.ExposureMetrics;
import dev.rotation.processor.analytics.FlowAccumulator;
import dev.rotation.processor.analytics.MetalAccumulator;
import dev.rotation.processor.analytics.PriceAccumulator;
import dev.rotation.processor.analytics.SubjectMetrics;
import dev.rotation.processor.analytics.VolumeAccumulator;
import dev.rotation.processor.analytics.WindowPolicy;
import dev.rotation.processor.ops.ProcessorMetrics;
import java.util.ArrayList;
import java.util.List;

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
        /** An ASSET row whose key is neither a known asset nor a bucket. */
        static final String UNKNOWN_ASSET = "UNKNOWN_ASSET";

        /** A REGION row whose key is neither an ISO 3166-1 alpha-2 code nor a bucket. */
        static final String UNKNOWN_REGION = "UNKNOWN_REGION";

        /** A flow whose period does not lie in one window. */
        static final String PERIOD_SPANS_WINDOWS = "PERIOD_SPANS_WINDOWS";

        private final AnalyticsConfig config;

        Flows(
                InputStage.Timing timing,
                String store,
                ProcessorMetrics metrics,
                AnalyticsConfig config) {
            super(InputEventType.FLOWS, timing, store, null, metrics);
            this.config = config;
        }

        /**
         * The contract's checks, then: an ASSET or REGION key must be one the configuration knows
         * ({@link dev.rotation.model.labels.BreakdownKeys}: a known ticker or an ISO region code,
         * or a bucket), and the flow's period must lie in one window.
         */
        @Override
        List<EventValidator.Violation> validate(FundFlow f) {
            List<EventValidator.Violation> v = new ArrayList<>(super.validate(f));
            if (!v.isEmpty()) {
                return v;
            }
            BreakdownKeys keys = config.assets().keys();
            if (!keys.isKey(f.getBreakdown(), f.getKey())) {
                v.add(unknownKey(keys, f));
            }
            EventWindow first = windows().windowOf(f.getPeriodStart().toEpochMilli());
            EventWindow last = windows().windowOf(f.getPeriodEnd().toEpochMilli() - 1);
            if (!first.equals(last)) {
                v.add(
                        new EventValidator.Violation(
                                PERIOD_SPANS_WINDOWS,
                                "the period "
                                        + f.getPeriodStart()
                                        + " to "
                                        + f.getPeriodEnd()
                                        + " spans the windows from "
                                        + first.start()
                                        + " to "
                                        + last.end()
                                        + " (window.size "
                                        + windows().size()
                                        + "); a flow is never attributed to one window it only"
                                        + " partly covers: publish one row per window"));
            }
            return v;
        }

        private static EventValidator.Violation unknownKey(BreakdownKeys keys, FundFlow f) {
            boolean asset = f.getBreakdown() == Breakdown.ASSET;
            BreakdownKeys.Resolution r = keys.resolve(f.getBreakdown(), f.getKey());
            String what = asset ? "asset" : "region";
            String message =
                    r.status() == BreakdownKeys.Status.ALIAS
                            ? what
                                    + " '"
                                    + f.getKey()
                                    + "' is a publisher's label of "
                                    + r.key()
                                    + ": producers publish the key (produce file resolves labels)"
                            : what
                                    + " '"
                                    + f.getKey()
                                    + "' is not "
                                    + (asset
                                            ? "in assets.known"
                                            : "an ISO 3166-1 alpha-2 region code")
                                    + " nor a bucket (assets.buckets); if it is a publisher's"
                                    + " label, add it to "
                                    + BreakdownKeys.aliasKeyFor(f.getBreakdown())
                                    + " and publish with produce file";
            return new EventValidator.Violation(asset ? UNKNOWN_ASSET : UNKNOWN_REGION, message);
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
            return acc.toMetrics();
        }
    }

    /**
     * Price bars: subject = instrument; returns are measured against the previous window's last
     * close.
     */
    static final class Prices extends InputFeed<PriceBar, PriceAccumulator> {
        private final AnalyticsConfig config;

        Prices(
                InputStage.Timing timing,
                String store,
                String dedupe,
                ProcessorMetrics metrics,
                AnalyticsConfig config) {
            super(InputEventType.PRICES, timing, store, dedupe, metrics);
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
        Volumes(InputStage.Timing timing, String store, String dedupe, ProcessorMetrics metrics) {
            super(InputEventType.VOLUMES, timing, store, dedupe, metrics);
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
        Metals(InputStage.Timing timing, String store, String dedupe, ProcessorMetrics metrics) {
            super(InputEventType.METALS, timing, store, dedupe, metrics);
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
        private final AnalyticsConfig config;

        Exposures(
                InputStage.Timing timing,
                String store,
                ProcessorMetrics metrics,
                AnalyticsConfig config) {
            super(InputEventType.EXPOSURES, timing, store, null, metrics);
            this.config = config;
        }

        @Override
        List<EventValidator.Violation> validate(InstitutionalExposure e) {
            List<EventValidator.Violation> v = new ArrayList<>(super.validate(e));
            if (v.isEmpty() && !config.assets().isKnown(e.getUnderlying())) {
                v.add(
                        new EventValidator.Violation(
                                "UNKNOWN_ASSET",
                                "underlying '"
                                        + e.getUnderlying()
                                        + "' is not in assets.known; add it to the configuration if it is real"));
            }
            return v;
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
