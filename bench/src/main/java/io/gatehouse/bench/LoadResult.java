package io.gatehouse.bench;

/** One load segment: throughput and latency percentiles (milliseconds), and answers that were not 2xx. */
record LoadResult(String path, double requestsPerSecond, double p50Millis, double p99Millis, long errors) {
}
