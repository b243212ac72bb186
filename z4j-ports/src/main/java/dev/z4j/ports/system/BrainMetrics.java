package dev.z4j.ports.system;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/** In-port: the brain's own figures for {@code /metrics}, independent of how they are exposed. */
public interface BrainMetrics {

    /** Every metric that has a value now; a metric with nothing to report yet is absent. */
    List<Metric> collect();

    enum Kind { COUNTER, GAUGE }

    record Metric(String name, Kind kind, String help, List<Sample> samples) {
        private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

        public Metric {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(help, "help");
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("metric names are lower case letters, digits and _: " + name);
            }
            samples = List.copyOf(samples);
        }

        public static Metric of(String name, Kind kind, String help, double value) {
            return new Metric(name, kind, help, List.of(new Sample(Map.of(), value)));
        }
    }

    record Sample(Map<String, String> labels, double value) {
        public Sample {
            labels = Map.copyOf(labels);
        }
    }
}
