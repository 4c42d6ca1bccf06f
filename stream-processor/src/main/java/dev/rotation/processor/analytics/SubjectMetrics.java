package dev.rotation.processor.analytics;

/**
 * One subject's metrics in one window, of one of the four input kinds: a fund-flow breakdown key
 * ({@link FlowMetrics}), an instrument's prices ({@link PriceMetrics}) or volume ({@link
 * VolumeMetrics}), or a precious metal ({@link MetalMetrics}).
 */
public sealed interface SubjectMetrics
        permits FlowMetrics, PriceMetrics, VolumeMetrics, MetalMetrics {}
