package io.canopy.shared.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonLayoutTest {

    @Test
    void layout_writesOneJsonObjectPerLine_withRequestIdAndEscapes() {
        LoggerContext context = new LoggerContext();
        LoggingEvent event = new LoggingEvent("x", context.getLogger("io.canopy.Test"), Level.WARN,
                "said \"hi\"\nthen {}", new IllegalStateException("boom"), new Object[]{"left"});
        event.setMDCPropertyMap(Map.of(RequestIdFilter.MDC_KEY, "req-1"));
        event.setTimeStamp(0);

        String line = new JsonLayout().doLayout(event);

        assertTrue(line.endsWith("}\n"));
        assertEquals(1, line.split("\n", -1).length - 1, "exactly one line: " + line);
        assertTrue(line.startsWith("{\"timestamp\":\"1970-01-01T00:00:00Z\",\"level\":\"WARN\",\"logger\":\"io.canopy.Test\","), line);
        assertTrue(line.contains("\"message\":\"said \\\"hi\\\"\\nthen left\""), line);
        assertTrue(line.contains("\"request_id\":\"req-1\""), line);
        assertTrue(line.contains("\"exception\":\"java.lang.IllegalStateException: boom"), line);
    }
}
