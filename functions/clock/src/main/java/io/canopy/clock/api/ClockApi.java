package io.canopy.clock.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** The clock group's OpenAPI document: the local gateway and Terraform take its routes from it. */
@OpenAPIDefinition(info = @Info(title = "canopy-clock", version = "0.1", description = "Current time for holders of the time permission"))
@SecurityScheme(name = "bearerAuth", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
final class ClockApi {

    private ClockApi() {
    }
}
