package io.canopy.shared.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * One HTTP GET with {@link HttpURLConnection}, for the few calls a function makes outside the AWS SDK (identity's
 * JWKS, the secrets extension). Not the JDK's {@code java.net.http.HttpClient}: building one loads about 1,200
 * classes (its own module, an executor and the default TLS context, even for plain http), which every cold start
 * paid for one small request; this path loads a few dozen beyond what the JDK has already loaded.
 */
public final class PlainHttp {

    /** What came back: the status and at most the bytes asked for. */
    public record Answer(int status, byte[] body) {
    }

    private PlainHttp() {
    }

    /**
     * @param timeout   for connecting, and again for reading
     * @param maxBytes  a longer body is an {@link IOException}, not a truncated answer
     */
    public static Answer get(URI uri, Map<String, String> headers, Duration timeout, int maxBytes) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        try {
            connection.setConnectTimeout((int) timeout.toMillis());
            connection.setReadTimeout((int) timeout.toMillis());
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            headers.forEach(connection::setRequestProperty);
            int status = connection.getResponseCode();
            InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            return new Answer(status, body == null ? new byte[0] : readAtMost(body, maxBytes));
        } finally {
            connection.disconnect();
        }
    }

    private static byte[] readAtMost(InputStream body, int maxBytes) throws IOException {
        try (body) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int read;
            while ((read = body.read(buffer)) != -1) {
                if (out.size() + read > maxBytes) {
                    throw new IOException("the answer is longer than " + maxBytes + " bytes");
                }
                out.write(buffer, 0, read);
            }
            return out.toByteArray();
        }
    }
}
