package dev.z4j.app.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal HTTP/1.1 client over a socket, for requests the JDK client refuses to send (any {@code Host} header,
 * malformed ones included). Reads the whole response ({@code Connection: close}).
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** @param hostHeader the literal Host header value, or null to send none (HTTP/1.0) */
    public static Response get(int port, String path, String hostHeader) {
        String request = (hostHeader == null ? "GET " + path + " HTTP/1.0\r\n" : "GET " + path + " HTTP/1.1\r\nHost: "
                + hostHeader + "\r\n") + "Connection: close\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            int bodyStart = response.indexOf("\r\n\r\n");
            return new Response(status, response.substring(0, bodyStart), response.substring(bodyStart + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public record Response(int status, String headers, String body) {
    }
}
