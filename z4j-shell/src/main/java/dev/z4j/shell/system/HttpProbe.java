package dev.z4j.shell.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP/1.1 GET to the brain with a chosen {@code Host} header, as a browser behind the public URL would send it
 * ({@code java.net.http} refuses to set {@code Host}). Enough to tell ready, not ready (and why) and
 * {@code invalid_host} apart.
 */
final class HttpProbe {

    private static final int TIMEOUT_MILLIS = 3000;
    private static final int MAX_BODY = 8192;
    private static final Pattern ERROR = Pattern.compile("\"error\"\\s*:\\s*\"([^\"]+)\"");

    private HttpProbe() {
    }

    /** @param error the {@code error} field of the brain's error envelope, when it answered with one */
    record Answer(int status, Optional<String> error) {
    }

    /** @throws IOException when nothing answers (refused, timed out) */
    static Answer get(String host, int port, String hostHeader, String path) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nAccept: application/json\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
            String[] statusLine = response.lines().findFirst().orElse("").split(" ");
            if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
                throw new IOException("not an HTTP answer");
            }
            Matcher error = ERROR.matcher(response);
            return new Answer(Integer.parseInt(statusLine[1]), error.find() ? Optional.of(error.group(1))
                    : Optional.empty());
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP answer");
        }
    }
}
