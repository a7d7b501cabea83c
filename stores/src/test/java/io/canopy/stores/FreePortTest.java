package io.canopy.stores;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertTrue;

class FreePortTest {

    @Test
    void find_givesAPortBelowTheEphemeralRange_thatAWildcardListenerCanBind() throws Exception {
        for (int i = 0; i < 20; i++) {
            int port = FreePort.find();
            assertTrue(port >= FreePort.FIRST && port < FreePort.LAST && port < 32768, "port " + port);
            try (ServerSocket listener = new ServerSocket()) {
                listener.bind(new InetSocketAddress(port));
            }
        }
    }
}
