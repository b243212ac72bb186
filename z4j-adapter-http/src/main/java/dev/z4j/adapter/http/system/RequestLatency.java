package dev.z4j.adapter.http.system;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code z4j_http_request_duration_seconds}: a histogram per method, route template (not the raw path, so the
 * number of series stays bounded) and status.
 */
public final class RequestLatency {

    private static final String NAME = "z4j_http_request_duration_seconds";
    private static final double[] BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private record Series(String method, String route, int status) {
    }

    private static final class Histogram {
        final LongAdder[] buckets = new LongAdder[BOUNDS.length];
        final LongAdder count = new LongAdder();
        final DoubleAdder sum = new DoubleAdder();

        Histogram() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }
    }

    private final Map<Series, Histogram> series = new ConcurrentHashMap<>();

    /** Records one request; {@code route} is the matched route template, or null when no route matched. */
    public void record(String method, String route, int status, double seconds) {
        Histogram histogram = series.computeIfAbsent(
                new Series(method, route == null ? "unmatched" : route, status), k -> new Histogram());
        for (int i = 0; i < BOUNDS.length; i++) {
            if (seconds <= BOUNDS[i]) {
                histogram.buckets[i].increment();
            }
        }
        histogram.count.increment();
        histogram.sum.add(seconds);
    }

    void writeTo(PrometheusText out) {
        out.family(NAME, "histogram", "HTTP request latency by method, route and status");
        series.forEach((key, histogram) -> {
            Map<String, String> labels = Map.of("method", key.method(), "route", key.route(),
                    "status", Integer.toString(key.status()));
            for (int i = 0; i < BOUNDS.length; i++) {
                out.sample(NAME + "_bucket", with(labels, Double.toString(BOUNDS[i])), histogram.buckets[i].sum());
            }
            long count = histogram.count.sum();
            out.sample(NAME + "_bucket", with(labels, "+Inf"), count);
            out.sample(NAME + "_sum", labels, histogram.sum.sum());
            out.sample(NAME + "_count", labels, count);
        });
    }

    private static Map<String, String> with(Map<String, String> labels, String le) {
        Map<String, String> all = new HashMap<>(labels);
        all.put("le", le);
        return all;
    }
}
