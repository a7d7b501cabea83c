package io.canopy.shared.security;

import io.canopy.shared.error.ApiException;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;

import java.util.Optional;

/** Lets a controller method declare a {@link Caller} parameter; an anonymous request gets 401. */
@Singleton
public class CallerArgumentBinder implements TypedRequestArgumentBinder<Caller> {

    private static final Argument<Caller> TYPE = Argument.of(Caller.class);

    @Override
    public Argument<Caller> argumentType() {
        return TYPE;
    }

    @Override
    public BindingResult<Caller> bind(ArgumentConversionContext<Caller> context, HttpRequest<?> source) {
        // Set by BearerAuthenticationFilter on every route that is not @Anonymous.
        Caller caller = BearerAuthenticationFilter.caller(source)
                .orElseThrow(() -> ApiException.unauthorized("A valid bearer token is required."));
        return () -> Optional.of(caller);
    }
}
