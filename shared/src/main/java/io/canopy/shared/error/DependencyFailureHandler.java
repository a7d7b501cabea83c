package io.canopy.shared.error;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.HashSet;
import java.util.Set;

/**
 * Any exception no other handler claims. When its cause chain shows a store or AWS service that is down,
 * unreachable or too slow, the answer is 503 with {@code Retry-After}: the request may be retried and nothing was
 * half-written (each write is one transaction or one conditional DynamoDB call). Anything else is a 500 whose
 * detail never echoes the exception's message.
 */
@Singleton
@Produces
public class DependencyFailureHandler implements ExceptionHandler<RuntimeException, HttpResponse<?>> {

    static final String RETRY_AFTER_SECONDS = "5";
    private static final Logger LOG = LoggerFactory.getLogger(DependencyFailureHandler.class);
    // By name: shared must not load the AWS SDK in functions that do not ship it.
    private static final Set<String> AWS_UNAVAILABLE = Set.of(
            "software.amazon.awssdk.core.exception.SdkClientException",
            "software.amazon.awssdk.core.exception.ApiCallTimeoutException",
            "software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException",
            "software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException",
            "software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException",
            "software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException");

    // Micronaut Data's wrappers when no connection can be had or a pooled one died mid-transaction.
    private static final Set<String> DATABASE_UNAVAILABLE = Set.of(
            "io.micronaut.data.connection.exceptions.ConnectionException",
            "io.micronaut.transaction.exceptions.CannotCreateTransactionException");

    private final ErrorResponseProcessor<?> processor;

    public DependencyFailureHandler(ErrorResponseProcessor<?> processor) {
        this.processor = processor;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, RuntimeException exception) {
        String store = unavailableStore(exception);
        if (store != null) {
            LOG.warn("{} {}: {} unavailable: {}", request.getMethod(), request.getPath(), store, rootCause(exception).toString());
            MutableHttpResponse<?> response = HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header("Retry-After", RETRY_AFTER_SECONDS);
            return processor.processResponse(ErrorContext.builder(request)
                    .cause(ApiException.dependencyFailed(HttpStatus.SERVICE_UNAVAILABLE, store + " is unavailable; nothing was changed. Retry later."))
                    .errorMessage(store + " is unavailable; nothing was changed. Retry later.")
                    .build(), response);
        }
        LOG.error("{} {} failed unexpectedly", request.getMethod(), request.getPath(), exception);
        return processor.processResponse(ErrorContext.builder(request).cause(exception).build(), HttpResponse.serverError());
    }

    /** "The database" or "DynamoDB" when the failure is the store's availability, else {@code null}. */
    static String unavailableStore(Throwable exception) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable cause = exception; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || (cause instanceof SQLException sql && isConnectionState(sql.getSQLState()))
                    || isNamed(cause.getClass(), DATABASE_UNAVAILABLE)) {
                return "The database";
            }
            if (isAwsUnavailable(cause)) {
                return "DynamoDB".equals(serviceOf(cause)) ? "DynamoDB" : "An AWS service";
            }
            if (cause instanceof ConnectException || cause instanceof SocketTimeoutException
                    || cause instanceof UnknownHostException) {
                return "A data store";
            }
        }
        return null;
    }

    private static boolean isConnectionState(String sqlState) {
        // 08: connection exception; 57P01..03: the server is shutting down or cannot accept connections.
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P"));
    }

    private static boolean isNamed(Class<?> type, Set<String> names) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (names.contains(c.getName())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAwsUnavailable(Throwable cause) {
        for (Class<?> c = cause.getClass(); c != null; c = c.getSuperclass()) {
            if (AWS_UNAVAILABLE.contains(c.getName())) {
                return true;
            }
            if (c.getName().equals("software.amazon.awssdk.awscore.exception.AwsServiceException")) {
                // Only now is the SDK known to be on the class path.
                return AwsServerError.is(cause);
            }
        }
        return false;
    }

    /** Loaded only when an AWS exception is in hand, so functions without the SDK never load it. */
    private static final class AwsServerError {
        static boolean is(Throwable cause) {
            return ((software.amazon.awssdk.awscore.exception.AwsServiceException) cause).statusCode() >= 500;
        }
    }

    private static String serviceOf(Throwable cause) {
        return cause.getClass().getName().contains(".dynamodb.") || String.valueOf(cause.getMessage()).contains("dynamodb")
                ? "DynamoDB" : null;
    }

    private static Throwable rootCause(Throwable exception) {
        Throwable root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
