package io.canopy.shared.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A route anyone may call without a token (on a controller: all its routes). Every other route needs a valid bearer
 * token: {@link BearerAuthenticationFilter} answers 401 before the controller runs. A route that is anonymous here must
 * also name no security requirement in the OpenAPI document, which is what makes API Gateway let it through.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Anonymous {
}
