package io.canopy.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.canopy.local.lambda.LocalFunction;
import org.slf4j.LoggerFactory;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code REPORT} line {@link LocalFunction} logs after every invocation — the same line Lambda writes to
 * CloudWatch, and where published cold-start figures come from: {@code Init Duration} (process start until the
 * runtime's first {@code /next}) on a cold start, and {@code Duration} (event handed over until the response).
 * The line is logged in the invoking thread before {@code invoke} returns, so after each call the last report
 * captured is that call's.
 */
final class ReportCapture extends AppenderBase<ILoggingEvent> {

    private static final Pattern DURATION = Pattern.compile(" Duration: ([0-9.,]+) ms");
    private static final Pattern INIT = Pattern.compile(" Init Duration: ([0-9.,]+) ms");

    /** One REPORT line. {@code initMs} is NaN on a warm invocation. */
    record Report(double durationMs, double initMs, String line) {
    }

    private volatile Report last;

    static ReportCapture install() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger logger = context.getLogger(LocalFunction.class);
        ReportCapture capture = new ReportCapture();
        capture.setContext(context);
        capture.setName("bench-report-capture");
        capture.start();
        // Warm invocations are reported at DEBUG; they go here only, not to the console.
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false);
        logger.addAppender(capture);
        return capture;
    }

    /** The report of the invocation that just returned, or null if none was logged. */
    Report take() {
        Report report = last;
        last = null;
        return report;
    }

    @Override
    protected void append(ILoggingEvent event) {
        String message = event.getFormattedMessage();
        if (message.startsWith("REPORT ")) {
            // The durations are formatted with the default locale; accept a decimal comma too.
            last = new Report(number(DURATION, message), number(INIT, message), message);
        } else if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
            System.err.println("[local function] " + message);
        }
    }

    private static double number(Pattern pattern, String line) {
        Matcher matcher = pattern.matcher(line);
        // " Duration:" also matches inside " Init Duration:"; the first match is the invocation's Duration.
        return matcher.find() ? Double.parseDouble(matcher.group(1).replace(',', '.')) : Double.NaN;
    }
}
