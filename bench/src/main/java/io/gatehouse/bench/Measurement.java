package io.gatehouse.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Load segments of one kind, alternating over the same targets in every round (direct first); the figures
 * reported are medians per target, and each gateway target is compared with the direct path of the same run.
 */
record Measurement(String title, Map<String, List<LoadResult>> runs) {

    static final String DIRECT = "direct";

    Measurement {
        runs = new LinkedHashMap<>(runs);
    }

    double median(String target, ToDoubleFunction<LoadResult> metric) {
        double[] values = runs.get(target).stream().mapToDouble(metric).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    /** Median throughput of {@code target} over the median of {@code baseline}. */
    double throughputRatio(String target, String baseline) {
        return median(target, LoadResult::requestsPerSecond) / median(baseline, LoadResult::requestsPerSecond);
    }

    double addedP50Micros(String target) {
        return (median(target, LoadResult::p50Millis) - median(DIRECT, LoadResult::p50Millis)) * 1000;
    }

    double addedP99Micros(String target) {
        return (median(target, LoadResult::p99Millis) - median(DIRECT, LoadResult::p99Millis)) * 1000;
    }

    int rounds() {
        return runs.get(DIRECT).size();
    }

    long errors() {
        return runs.values().stream().flatMap(List::stream).mapToLong(LoadResult::errors).sum();
    }
}
