package io.canopy.local.testfunction;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.InputStream;
import java.io.OutputStream;

/** A handler whose construction fails, as a function with broken configuration does during init. */
public class BrokenInitHandler implements RequestStreamHandler {

    public BrokenInitHandler() {
        throw new IllegalStateException("broken configuration");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
    }
}
