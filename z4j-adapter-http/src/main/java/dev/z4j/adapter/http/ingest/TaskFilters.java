package dev.z4j.adapter.http.ingest;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The task list's filters as the operator typed them, to fill the form in again and to carry them to the next page
 * and the export links: {@code state}, {@code search}, {@code queue}, {@code worker}, {@code since}, {@code until},
 * the parameters of the REST list (read by {@link TaskRoutes#filter}, which the page uses too). Blank fields filter
 * nothing.
 */
public record TaskFilters(String state, String search, String queue, String worker, String since, String until) {

    public TaskFilters {
        state = clean(state);
        search = clean(search);
        queue = clean(queue);
        worker = clean(worker);
        since = clean(since);
        until = clean(until);
    }

    static TaskFilters of(Context ctx) {
        return new TaskFilters(ctx.queryParam("state"), ctx.queryParam("search"), ctx.queryParam("queue"),
                ctx.queryParam("worker"), ctx.queryParam("since"), ctx.queryParam("until"));
    }

    /** The filters as this page's query string, without blank fields. */
    String queryString() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("state", state);
        fields.put("search", search);
        fields.put("queue", queue);
        fields.put("worker", worker);
        fields.put("since", since);
        fields.put("until", until);
        return fields.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String clean(String value) {
        return value == null ? "" : value.strip();
    }
}
