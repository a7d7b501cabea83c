package io.canopy.certificates;

import io.canopy.shared.logging.JsonLines;
import org.slf4j.event.Level;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Everything the function would print while open: every log line at TRACE (the most an operator can set with
 * {@code CANOPY_LOG_LEVEL}), with its MDC and stack trace, and every byte written to stdout and stderr
 * (where the JSON log lines go on Lambda). Closing restores the level and the streams.
 */
public final class LogCapture implements AutoCloseable {

    private final PrintStream out = System.out;
    private final PrintStream err = System.err;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final Level level;

    private LogCapture() {
        PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        level = JsonLines.threshold(Level.TRACE);
    }

    public static LogCapture everything() {
        return new LogCapture();
    }

    /** Everything printed, a line each. */
    public List<String> lines() {
        return printed.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** How many JSON log lines were written. */
    public long eventCount() {
        return lines().stream().filter(line -> line.startsWith("{\"timestamp\":")).count();
    }

    @Override
    public void close() {
        JsonLines.threshold(level);
        System.setOut(out);
        System.setErr(err);
    }
}
