package io.canopy.shared.logging;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonLinesTest {

    private final PrintStream stdout = System.out;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private Level threshold;

    @BeforeEach
    void captureStdout() {
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        threshold = JsonLines.threshold(Level.INFO);
    }

    @AfterEach
    void restore() {
        System.setOut(stdout);
        JsonLines.threshold(threshold);
        MDC.clear();
    }

    @Test
    void line_isOneJsonObject_withRequestIdAndEscapes() {
        String line = JsonLines.line(Instant.EPOCH, Level.WARN, "io.canopy.Test", "said \"hi\"\nthen\tleft\u0001",
                Map.of(RequestIdFilter.MDC_KEY, "req-1"), new IllegalStateException("boom"));

        assertTrue(line.endsWith("}\n"));
        assertEquals(1, line.split("\n", -1).length - 1, "exactly one line: " + line);
        assertTrue(line.startsWith("{\"timestamp\":\"1970-01-01T00:00:00Z\",\"level\":\"WARN\",\"logger\":\"io.canopy.Test\","), line);
        assertTrue(line.contains("\"message\":\"said \\\"hi\\\"\\nthen\\tleft\\u0001\""), line);
        assertTrue(line.contains("\"request_id\":\"req-1\""), line);
        assertTrue(line.contains("\"exception\":\"java.lang.IllegalStateException: boom\\n\\tat "), line);
    }

    @Test
    void slf4j_isBoundToJsonLines_withArgumentsMdcAndTrailingException() {
        Logger log = LoggerFactory.getLogger("io.canopy.Bound");
        MDC.put(RequestIdFilter.MDC_KEY, "req-2");

        log.warn("user {} did {}", "u1", "x", new IllegalArgumentException("bad"));

        String line = printed.toString(StandardCharsets.UTF_8);
        assertInstanceOf(JsonLineLogger.class, log);
        assertTrue(line.startsWith("{\"timestamp\":\""), line);
        assertTrue(line.contains("\"level\":\"WARN\",\"logger\":\"io.canopy.Bound\",\"message\":\"user u1 did x\""), line);
        assertTrue(line.contains("\"request_id\":\"req-2\""), line);
        assertTrue(line.contains("\"exception\":\"java.lang.IllegalArgumentException: bad"), line);
    }

    @Test
    void threshold_dropsLowerLevels_andOffDropsAll() {
        Logger log = LoggerFactory.getLogger("io.canopy.Levels");

        log.debug("hidden");
        log.info("shown");
        assertFalse(log.isDebugEnabled());
        assertTrue(log.isInfoEnabled());
        JsonLines.threshold(null);
        log.error("switched off");

        String out = printed.toString(StandardCharsets.UTF_8);
        assertFalse(out.contains("hidden"), out);
        assertTrue(out.contains("shown"), out);
        assertFalse(out.contains("switched off"), out);
        assertFalse(log.isErrorEnabled());
    }

    @Test
    void levelNames_parseCaseInsensitively_andAnUnknownOneFallsBackToInfo() {
        assertEquals(Level.TRACE, JsonLines.parse("trace"));
        assertEquals(Level.ERROR, JsonLines.parse(" ERROR "));
        assertNull(JsonLines.parse("off"));
        assertEquals(Level.INFO, JsonLines.parse(null));
        assertEquals(Level.INFO, JsonLines.parse(""));
        assertEquals(Level.INFO, JsonLines.parse("verbose"));
    }
}
