package io.canopy.orders.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** The orders group's OpenAPI document: the local gateway and Terraform take its routes from it. */
@OpenAPIDefinition(info = @Info(title = "canopy-orders", version = "0.1",
        description = "Coffee orders: create, change, pay (payments then kitchen), cancel"))
@SecurityScheme(name = "bearerAuth", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
final class OrdersApi {

    private OrdersApi() {
    }
}
