package io.canopy.shared.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.function.aws.proxy.security.MicronautLambdaAuthenticationFetcher;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import io.micronaut.core.async.publisher.Publishers;

/**
 * Switches off Micronaut's Lambda authentication fetcher: it accepts a client-sent {@code x-amzn-oidc-identity}
 * header as the user and trusts gateway claims without roles. Every function validates the bearer JWT itself
 * (micronaut-security-jwt's token fetcher), so a request is authenticated by its signed token and nothing else.
 */
@Singleton
@Replaces(MicronautLambdaAuthenticationFetcher.class)
public class NoGatewayIdentityFetcher implements AuthenticationFetcher<HttpRequest<?>> {

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        return Publishers.empty();
    }
}
