package io.canopy.certificates;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the function would print while open: every logback event at TRACE (the most an operator can set with
 * {@code CANOPY_LOG_LEVEL}), with its arguments, MDC and stack trace, and every byte written to stdout and stderr
 * (where the JSON log lines go on Lambda). Closing restores the level and the streams.
 */
public final class LogCapture implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Level level = root.getLevel();
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private LogCapture() {
        events.start();
        root.addAppender(events);
        root.setLevel(Level.TRACE);
        PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
    }

    public static LogCapture everything() {
        return new LogCapture();
    }

    /** One entry per logback event (message, arguments, MDC, stack trace), then all that was printed. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : List.copyOf(events.list)) {
            StringBuilder line = new StringBuilder(event.getFormattedMessage() == null ? "" : event.getFormattedMessage());
            if (event.getArgumentArray() != null) {
                for (Object argument : event.getArgumentArray()) {
                    line.append(' ').append(argument);
                }
            }
            line.append(' ').append(event.getMDCPropertyMap());
            if (event.getThrowableProxy() != null) {
                line.append(' ').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
            lines.add(line.toString());
        }
        lines.add(printed.toString(StandardCharsets.UTF_8));
        return lines;
    }

    public int eventCount() {
        return events.list.size();
    }

    @Override
    public void close() {
        System.setOut(out);
        System.setErr(err);
        root.setLevel(level);
        root.detachAppender(events);
        events.stop();
    }
}
