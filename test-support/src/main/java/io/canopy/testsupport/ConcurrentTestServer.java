package io.canopy.testsupport;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

import java.util.concurrent.Executors;

/**
 * The api-proxy test server (a JDK {@link HttpServer} without an executor) handles one request at a time, so "20
 * concurrent requests" in a test would quietly run one after another and never race. With a thread pool they run
 * at once, as 20 Lambda instances would against the same table. A test asks for it with
 * {@code canopy.test.concurrent-server=true} ({@link #PROPERTY}).
 */
@Singleton
@Requires(property = ConcurrentTestServer.PROPERTY, value = "true")
public class ConcurrentTestServer implements BeanCreatedEventListener<HttpServer> {

    public static final String PROPERTY = "canopy.test.concurrent-server";

    @Override
    public HttpServer onCreated(BeanCreatedEvent<HttpServer> event) {
        HttpServer server = event.getBean();
        server.setExecutor(Executors.newFixedThreadPool(24));
        return server;
    }
}
