package dev.z4j.app.testing;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client that keeps cookies like a browser and, like the dashboard's script, echoes the {@code z4j_csrf} cookie in
 * {@code X-CSRF-Token} on unsafe requests. {@link #withoutCsrf()} and {@link #withCsrf(String)} misbehave on purpose.
 */
public final class Browser {

    private static final Pattern SET_COOKIE = Pattern.compile("^([^=;]+)=([^;]*)");

    private final int port;
    private final Map<String, String> cookies;
    private final Optional<String> csrfOverride;
    private final boolean sendCsrf;

    public Browser(int port) {
        this(port, new LinkedHashMap<>(), Optional.empty(), true);
    }

    private Browser(int port, Map<String, String> cookies, Optional<String> csrfOverride, boolean sendCsrf) {
        this.port = port;
        this.cookies = cookies;
        this.csrfOverride = csrfOverride;
        this.sendCsrf = sendCsrf;
    }

    /** The same cookies, never sending the CSRF header. */
    public Browser withoutCsrf() {
        return new Browser(port, cookies, Optional.empty(), false);
    }

    /** The same cookies, sending {@code token} as the CSRF header. */
    public Browser withCsrf(String token) {
        return new Browser(port, cookies, Optional.of(token), true);
    }

    /** A second browser holding a copy of this one's cookies (a stolen or older session). */
    public Browser copy() {
        return new Browser(port, new LinkedHashMap<>(cookies), csrfOverride, sendCsrf);
    }

    public Optional<String> cookie(String name) {
        return Optional.ofNullable(cookies.get(name));
    }

    public HttpResponse<String> get(String path) {
        return send("GET", path, null, "application/json");
    }

    public HttpResponse<String> post(String path, String json) {
        return send("POST", path, json, "application/json");
    }

    public HttpResponse<String> patch(String path, String json) {
        return send("PATCH", path, json, "application/json");
    }

    public HttpResponse<String> delete(String path) {
        return send("DELETE", path, null, "application/json");
    }

    public HttpResponse<String> postForm(String path, String urlEncoded) {
        return send("POST", path, urlEncoded, "application/x-www-form-urlencoded");
    }

    public HttpResponse<String> send(String method, String path, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        if (!cookies.isEmpty()) {
            request.header("Cookie", String.join("; ", cookies.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        boolean unsafe = !method.equals("GET") && !method.equals("HEAD");
        if (unsafe && sendCsrf) {
            Optional<String> token = csrfOverride.or(() -> cookie("z4j_csrf"));
            token.ifPresent(t -> request.header("X-CSRF-Token", t));
        }
        HttpResponse<String> response = Http.send(request.build());
        remember(response.headers());
        return response;
    }

    private void remember(HttpHeaders headers) {
        for (String header : headers.allValues("Set-Cookie")) {
            Matcher m = SET_COOKIE.matcher(header);
            if (m.find()) {
                boolean expired = header.toLowerCase(java.util.Locale.ROOT).contains("max-age=0");
                if (expired || m.group(2).isEmpty()) {
                    cookies.remove(m.group(1).strip());
                } else {
                    cookies.put(m.group(1).strip(), m.group(2));
                }
            }
        }
    }

    /** Every {@code Set-Cookie} header of a response, for checking attributes. */
    public static List<String> setCookies(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie");
    }
}
