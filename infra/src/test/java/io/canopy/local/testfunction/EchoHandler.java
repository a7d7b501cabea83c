package io.canopy.local.testfunction;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal Lambda handler run by the real runtime interface client in tests. It answers a payload 2.0 response
 * whose body is the event it received; the event's rawPath picks a misbehaviour.
 */
public class EchoHandler implements RequestStreamHandler {

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        if (event.contains("\"rawPath\":\"/sleep\"")) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else if (event.contains("\"rawPath\":\"/crash\"")) {
            System.exit(3);
        } else if (event.contains("\"rawPath\":\"/fail\"")) {
            throw new IllegalStateException("failing on purpose");
        }
        System.out.println("handled " + context.getAwsRequestId() + " remaining " + context.getRemainingTimeInMillis());
        String escaped = event.replace("\\", "\\\\").replace("\"", "\\\"");
        String response = "{\"statusCode\":200,\"headers\":{\"content-type\":\"application/json\"},"
                + "\"cookies\":[\"a=1\",\"b=2\"],\"body\":\"" + escaped + "\",\"isBase64Encoded\":false}";
        output.write(response.getBytes(StandardCharsets.UTF_8));
    }
}
