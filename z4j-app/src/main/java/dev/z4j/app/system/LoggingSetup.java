package dev.z4j.app.system;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Logging to stderr, one line per event (stack traces folded onto the line) so journald and
 * {@code docker compose logs} show whole events; {@code Z4J_LOG_FORMAT=json} writes one JSON object per line.
 * The request id of the HTTP request being served is on every line written while it runs.
 */
public final class LoggingSetup {

    private static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z',UTC} %-5level %logger{1}"
            + "%replace( [%X{request_id}]){' \\[\\]', ''} - %msg%replace(%replace( | %ex){'^ \\| $', ''}){'[\\r\\n]+\\s*', ' | '}%nopex%n";

    private LoggingSetup() {
    }

    /**
     * @param format  text or JSON lines
     * @param verbose INFO for the server; WARN for one-shot operator commands so their output stays clean
     */
    public static void configure(Z4jConfig.LogFormat format, boolean verbose) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("stderr");
        appender.setTarget("System.err");
        appender.setEncoder(encoder(context, format));
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        root.setLevel(verbose ? Level.INFO : Level.WARN);
        context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
        context.getLogger("io.javalin").setLevel(Level.WARN);
        context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
        context.getLogger("org.flywaydb").setLevel(Level.WARN);
        // sqlite-jdbc reports racing cleanups of its extracted native library in /tmp by other JVMs; harmless
        context.getLogger("org.sqlite.SQLiteJDBCLoader").setLevel(Level.OFF);
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }

    private static Encoder<ILoggingEvent> encoder(LoggerContext context, Z4jConfig.LogFormat format) {
        if (format == Z4jConfig.LogFormat.JSON) {
            JsonEncoder json = new JsonEncoder();
            json.setContext(context);
            json.setWithSequenceNumber(false);
            json.setWithNanoseconds(false);
            json.setWithContext(false);
            json.setWithArguments(false);
            json.setWithMessage(false);
            json.setWithFormattedMessage(true);
            json.start();
            return json;
        }
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(context);
        text.setPattern(TEXT_PATTERN);
        text.setCharset(java.nio.charset.StandardCharsets.UTF_8);
        text.start();
        return text;
    }
}
