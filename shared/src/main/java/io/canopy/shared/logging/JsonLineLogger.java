package io.canopy.shared.logging;

import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.MessageFormatter;

import java.time.Instant;

/** An SLF4J logger that writes {@link JsonLines}. */
final class JsonLineLogger extends AbstractLogger {

    JsonLineLogger(String name) {
        this.name = name;
    }

    @Override
    public boolean isTraceEnabled() {
        return JsonLines.enabled(Level.TRACE);
    }

    @Override
    public boolean isTraceEnabled(Marker marker) {
        return isTraceEnabled();
    }

    @Override
    public boolean isDebugEnabled() {
        return JsonLines.enabled(Level.DEBUG);
    }

    @Override
    public boolean isDebugEnabled(Marker marker) {
        return isDebugEnabled();
    }

    @Override
    public boolean isInfoEnabled() {
        return JsonLines.enabled(Level.INFO);
    }

    @Override
    public boolean isInfoEnabled(Marker marker) {
        return isInfoEnabled();
    }

    @Override
    public boolean isWarnEnabled() {
        return JsonLines.enabled(Level.WARN);
    }

    @Override
    public boolean isWarnEnabled(Marker marker) {
        return isWarnEnabled();
    }

    @Override
    public boolean isErrorEnabled() {
        return JsonLines.enabled(Level.ERROR);
    }

    @Override
    public boolean isErrorEnabled(Marker marker) {
        return isErrorEnabled();
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments, Throwable thrown) {
        // AbstractLogger has already moved a trailing Throwable argument into thrown.
        String message = MessageFormatter.basicArrayFormat(pattern, arguments);
        JsonLines.write(Instant.now(), level, name, message, MDC.getCopyOfContextMap(), thrown);
    }
}
