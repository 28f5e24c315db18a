package io.gatehouse.bench;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** Alternating direct and gateway runs of one kind; the figures reported are medians. */
record Measurement(List<LoadResult> direct, List<LoadResult> gateway) {

    double median(List<LoadResult> runs, ToDoubleFunction<LoadResult> metric) {
        double[] values = runs.stream().mapToDouble(metric).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    double throughputRatio() {
        return median(gateway, LoadResult::requestsPerSecond) / median(direct, LoadResult::requestsPerSecond);
    }

    double addedP50Micros() {
        return (median(gateway, LoadResult::p50Millis) - median(direct, LoadResult::p50Millis)) * 1000;
    }

    double addedP99Micros() {
        return (median(gateway, LoadResult::p99Millis) - median(direct, LoadResult::p99Millis)) * 1000;
    }

    long errors() {
        return direct.stream().mapToLong(LoadResult::errors).sum() + gateway.stream().mapToLong(LoadResult::errors).sum();
    }
}
