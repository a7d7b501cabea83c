package io.canopy.shared.logging;

import org.slf4j.event.Level;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Canopy's whole logging backend: one JSON object per line on stdout, the shape CloudWatch Logs Insights queries well:
 * {@code {"timestamp","level","logger","message","request_id",...MDC,"exception"}}. Lambda ships stdout to CloudWatch;
 * the local runtime prints it.
 *
 * <p>It replaces logback in the Lambda artifacts: logback and its XML configuration loaded about 280 classes at every
 * cold start and weighed 0.8 MB, for one appender with one root level. One threshold for every logger,
 * {@code CANOPY_LOG_LEVEL} (TRACE, DEBUG, INFO, WARN, ERROR or OFF; default INFO), or the system property
 * {@code canopy.log.level}, which wins (the tests set it).
 */
public final class JsonLines {

    static final String LEVEL_PROPERTY = "canopy.log.level";
    static final String LEVEL_VARIABLE = "CANOPY_LOG_LEVEL";

    /** Null for OFF. */
    private static volatile Level threshold = initialThreshold();

    private JsonLines() {
    }

    /** Whether a line of this level is written. */
    public static boolean enabled(Level level) {
        Level current = threshold;
        return current != null && level.toInt() >= current.toInt();
    }

    /** Changes the threshold for every logger at once (null: nothing is written); returns the previous one. */
    public static Level threshold(Level level) {
        Level previous = threshold;
        threshold = level;
        return previous;
    }

    /** Writes one line to the current {@code System.out} (looked up each time, so a captured stdout sees it). */
    static void write(Instant time, Level level, String logger, String message, Map<String, String> context, Throwable thrown) {
        System.out.print(line(time, level, logger, message, context, thrown));
    }

    static String line(Instant time, Level level, String logger, String message, Map<String, String> context, Throwable thrown) {
        StringBuilder json = new StringBuilder(256);
        json.append('{');
        field(json, "timestamp", time.toString());
        json.append(',');
        field(json, "level", level.toString());
        json.append(',');
        field(json, "logger", logger);
        json.append(',');
        field(json, "message", message);
        if (context != null) {
            for (Map.Entry<String, String> entry : context.entrySet()) {
                json.append(',');
                field(json, entry.getKey(), entry.getValue());
            }
        }
        if (thrown != null) {
            StringWriter trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            json.append(',');
            field(json, "exception", trace.toString());
        }
        return json.append('}').append('\n').toString();
    }

    static Level parse(String name) {
        if (name == null || name.isBlank()) {
            return Level.INFO;
        }
        String upper = name.trim().toUpperCase(Locale.ROOT);
        if (upper.equals("OFF")) {
            return null;
        }
        try {
            return Level.valueOf(upper);
        } catch (IllegalArgumentException e) {
            System.err.println("Log level " + name + " is not TRACE, DEBUG, INFO, WARN, ERROR or OFF; logging at INFO");
            return Level.INFO;
        }
    }

    private static Level initialThreshold() {
        String property = System.getProperty(LEVEL_PROPERTY);
        return parse(property != null ? property : System.getenv(LEVEL_VARIABLE));
    }

    private static void field(StringBuilder json, String name, String value) {
        quote(json, name);
        json.append(':');
        if (value == null) {
            json.append("null");
        } else {
            quote(json, value);
        }
    }

    static void quote(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
