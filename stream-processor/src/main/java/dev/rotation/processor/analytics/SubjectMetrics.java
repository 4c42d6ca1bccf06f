package dev.rotation.processor.analytics;

/**
 * One subject's metrics in one window, of one of the five input kinds: a fund-flow breakdown key
 * ({@link FlowMetrics}), an instrument's prices ({@link PriceMetrics}) or volume ({@link
 * VolumeMetrics}), a precious metal ({@link MetalMetrics}), or an institutional position ({@link
 * ExposureMetrics}).
 */
public sealed interface SubjectMetrics
        permits FlowMetrics, PriceMetrics, VolumeMetrics, MetalMetrics, ExposureMetrics {}
