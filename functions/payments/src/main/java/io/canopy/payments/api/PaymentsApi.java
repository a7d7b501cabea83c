package io.canopy.payments.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** The payments group's OpenAPI document: the local gateway and Terraform take its routes from it. */
@OpenAPIDefinition(info = @Info(title = "canopy-payments", version = "0.1",
        description = "A simulated payment provider, idempotent per order"))
@SecurityScheme(name = "bearerAuth", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
final class PaymentsApi {

    private PaymentsApi() {
    }
}
