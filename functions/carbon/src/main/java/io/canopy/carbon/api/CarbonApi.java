package io.canopy.carbon.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** The carbon group's OpenAPI document: the local gateway and Terraform take its routes from it. */
@OpenAPIDefinition(info = @Info(title = "canopy-carbon", version = "0.1",
        description = "Energy and water usages with their CO2-equivalent, and the usage types' emission factors"))
@SecurityScheme(name = "bearerAuth", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
final class CarbonApi {

    private CarbonApi() {
    }
}
