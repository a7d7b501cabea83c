package io.canopy.shared.security;

import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenSignatureValidator;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Puts {@link VerifiedSignatures} in front of micronaut-security's signature check (its own class is package-private). */
@Singleton
public class VerifiedSignaturesInstaller implements BeanCreatedEventListener<ReactiveJsonWebTokenSignatureValidator<SignedJWT>> {

    @Override
    public ReactiveJsonWebTokenSignatureValidator<SignedJWT> onCreated(BeanCreatedEvent<ReactiveJsonWebTokenSignatureValidator<SignedJWT>> event) {
        ReactiveJsonWebTokenSignatureValidator<SignedJWT> validator = event.getBean();
        return validator instanceof VerifiedSignatures ? validator : new VerifiedSignatures(validator, Clock.systemUTC());
    }
}
