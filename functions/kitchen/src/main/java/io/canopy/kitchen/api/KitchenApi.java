package io.canopy.kitchen.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** The kitchen group's OpenAPI document: the local gateway and Terraform take its routes from it. */
@OpenAPIDefinition(info = @Info(title = "canopy-kitchen", version = "0.1",
        description = "Kitchen schedules for paid orders, one per order"))
@SecurityScheme(name = "bearerAuth", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
final class KitchenApi {

    private KitchenApi() {
    }
}
