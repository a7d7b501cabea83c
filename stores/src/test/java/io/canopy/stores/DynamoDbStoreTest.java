package io.canopy.stores;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class DynamoDbStoreTest {

    @Test
    void aPortTakenBetweenTheCheckAndTheBind_isReplacedByAnother() throws Exception {
        // GIVEN a port someone else listens on, handed out as if it were free, then a free one
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(FreePort.find()));
            Iterator<Integer> ports = List.of(taken.getLocalPort(), FreePort.find()).iterator();

            // WHEN DynamoDB Local starts
            try (DynamoDbStore store = DynamoDbStore.startOnAFreePort(null, ports::next)) {
                // THEN it listens on the second port
                assertNotEquals(taken.getLocalPort(), store.port());
                assertEquals(store.port(), store.endpoint().getPort());
            }
        }
    }
}
