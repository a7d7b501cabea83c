package io.canopy.shared.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP calls with {@link HttpURLConnection}, for the few a function makes outside the AWS SDK's clients (identity's
 * JWKS, the Secrets Manager call at start-up, orders to payments and the kitchen). Not the JDK's
 * {@code java.net.http.HttpClient}: building one loads about 1,200 classes (its own module, an executor and the
 * default TLS context, even for plain http), which every cold start paid for; this path loads about a hundred
 * (measured with {@code -Xlog:class+load}, plain http). Connections are kept alive and reused by the JDK when an
 * answer is read to its end.
 */
public final class PlainHttp {

    /** What came back: the status, the answer's headers and at most the bytes asked for. */
    public record Answer(int status, Map<String, String> headers, byte[] body) {

        /** The first value of a header, whatever the case of its name. */
        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst();
        }
    }

    /** Connecting failed (refused, unknown host, or no connection within the connect timeout): nothing was sent. */
    public static final class ConnectFailure extends IOException {
        ConnectFailure(IOException cause) {
            super(cause.toString(), cause);
        }
    }

    /** The answer was longer than the caller allows; it is not read any further. */
    public static final class AnswerTooLong extends IOException {
        AnswerTooLong(int maxBytes) {
            super("the answer is longer than " + maxBytes + " bytes");
        }
    }

    private PlainHttp() {
    }

    /**
     * @param timeout  to connect, and again for each read of the answer
     * @param maxBytes a longer answer is an {@link AnswerTooLong}, not a truncated one
     */
    public static Answer get(URI uri, Map<String, String> headers, Duration timeout, int maxBytes) throws IOException {
        return send("GET", uri, headers, null, timeout, timeout, maxBytes);
    }

    /**
     * A POST of {@code body} (none if null); timeouts and limit as {@link #get}, the connect timeout apart. Name the
     * {@code Content-Type} in {@code headers}: the JDK otherwise sends {@code application/x-www-form-urlencoded}.
     * Only for requests the other side may receive twice: when a kept-alive connection breaks before any answer, the
     * JDK sends the request once more on a new one.
     */
    public static Answer post(URI uri, Map<String, String> headers, byte[] body, Duration connectTimeout,
                              Duration readTimeout, int maxBytes) throws IOException {
        return send("POST", uri, headers, body == null ? new byte[0] : body, connectTimeout, readTimeout, maxBytes);
    }

    private static Answer send(String method, URI uri, Map<String, String> headers, byte[] body, Duration connectTimeout,
                               Duration readTimeout, int maxBytes) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        connection.setRequestMethod(method);
        connection.setConnectTimeout((int) connectTimeout.toMillis());
        connection.setReadTimeout((int) readTimeout.toMillis());
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        headers.forEach(connection::setRequestProperty);
        if (body != null) {
            // Buffered, not streamed: before a streamed POST on a kept-alive connection the JDK reads the connection
            // with a 1 ms timeout to check that it is still open (see BufferedBodiesHttpClient). The price is that
            // the JDK sends a buffered POST once more by itself when its connection breaks before any answer, so
            // post() is only for requests that are safe to receive twice.
            connection.setDoOutput(true);
        }
        try {
            connection.connect();
        } catch (IOException e) {
            throw new ConnectFailure(e);
        }
        if (body != null) {
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
        }
        int status = connection.getResponseCode();
        InputStream answer = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        Map<String, String> answerHeaders = new LinkedHashMap<>();
        connection.getHeaderFields().forEach((name, values) -> {
            if (name != null && !values.isEmpty()) {
                answerHeaders.put(name, values.get(0));
            }
        });
        return new Answer(status, Map.copyOf(answerHeaders), answer == null ? new byte[0] : readAtMost(answer, maxBytes));
    }

    private static byte[] readAtMost(InputStream body, int maxBytes) throws IOException {
        try (body) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int read;
            while ((read = body.read(buffer)) != -1) {
                if (out.size() + read > maxBytes) {
                    throw new AnswerTooLong(maxBytes);
                }
                out.write(buffer, 0, read);
            }
            return out.toByteArray();
        }
    }
}
