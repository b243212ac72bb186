package dev.z4j.adapter.http.system;

import dev.z4j.adapter.http.support.ApiError;
import dev.z4j.ports.system.BrainMetrics;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.Locale;

/**
 * {@code GET /metrics}: the brain's figures and request latencies as Prometheus text, for the bearer
 * {@code Z4J_METRICS_AUTH_TOKEN} only. Without a configured token every request is refused (fail closed).
 */
public final class MetricsRoutes {

    private static final String BEARER = "bearer ";

    private final BrainMetrics metrics;
    private final RequestLatency latency;
    private final MetricsToken token;

    public MetricsRoutes(BrainMetrics metrics, RequestLatency latency, MetricsToken token) {
        this.metrics = metrics;
        this.latency = latency;
        this.token = token;
    }

    public void register(JavalinConfig config) {
        config.routes.get("/metrics", this::metrics);
    }

    private void metrics(Context ctx) {
        authorize(ctx);
        PrometheusText out = new PrometheusText();
        for (BrainMetrics.Metric metric : metrics.collect()) {
            out.family(metric.name(), metric.kind().name().toLowerCase(Locale.ROOT), metric.help());
            metric.samples().forEach(sample -> out.sample(metric.name(), sample.labels(), sample.value()));
        }
        latency.writeTo(out);
        ctx.contentType(PrometheusText.CONTENT_TYPE).result(out.toString());
    }

    private void authorize(Context ctx) {
        ctx.header("WWW-Authenticate", "Bearer");
        if (!token.configured()) {
            throw new ApiError(401, "metrics_not_configured", "metrics: no token is configured; set "
                    + "Z4J_METRICS_AUTH_TOKEN (z4j serve mints one into secret.env) and restart the brain");
        }
        String header = ctx.header("Authorization");
        if (header == null || !header.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            throw new ApiError(401, "authorization_required",
                    "metrics: send Authorization: Bearer <Z4J_METRICS_AUTH_TOKEN>");
        }
        if (!token.matches(header.substring(BEARER.length()).trim())) {
            throw new ApiError(401, "invalid_token", "metrics: the bearer token is not Z4J_METRICS_AUTH_TOKEN");
        }
    }
}
