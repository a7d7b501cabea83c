package io.canopy.carbon.api;

import io.canopy.carbon.api.CarbonBodies.UsageTypeBody;
import io.canopy.carbon.api.CarbonBodies.UsageTypeList;
import io.canopy.carbon.api.CarbonBodies.UsageTypeReplacement;
import io.canopy.carbon.domain.UsageType;
import io.canopy.carbon.domain.UsageTypeService;
import io.canopy.shared.security.Anonymous;
import io.canopy.shared.security.Caller;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.net.URI;

/** Usage types: anyone lists them; admins create, replace and delete them. */
@Controller("/usage-types")
@Tag(name = "carbon")
public class UsageTypesController {

    private final UsageTypeService types;

    public UsageTypesController(UsageTypeService types) {
        this.types = types;
    }

    @Get
    @Anonymous
    @Operation(operationId = "listUsageTypes", summary = "Every usage type with its emission factor")
    @ApiResponse(responseCode = "200", description = "The usage types, by id")
    public UsageTypeList list() {
        return new UsageTypeList(types.list().stream().map(UsageTypeBody::of).toList());
    }

    @Post
    @SecurityRequirement(name = "bearerAuth")
    @Operation(operationId = "createUsageType", summary = "Add a usage type (admin)")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "403", description = "Not an admin")
    @ApiResponse(responseCode = "409", description = "A type with this id exists")
    @ApiResponse(responseCode = "422", description = "Invalid fields")
    public HttpResponse<UsageTypeBody> create(Caller caller, @Body @Valid UsageTypeBody body) {
        UsageType created = types.create(caller, body.toType(body.id()));
        return HttpResponse.created(UsageTypeBody.of(created), URI.create("/usage-types/" + created.id()));
    }

    @Put("/{id}")
    @SecurityRequirement(name = "bearerAuth")
    @Operation(operationId = "replaceUsageType", summary = "Create or replace a usage type (admin); usages keep the factor they were recorded with")
    @ApiResponse(responseCode = "200", description = "The stored type")
    @ApiResponse(responseCode = "403", description = "Not an admin")
    @ApiResponse(responseCode = "422", description = "Invalid fields")
    public UsageTypeBody replace(Caller caller, @PathVariable long id, @Body @Valid UsageTypeReplacement body) {
        return UsageTypeBody.of(types.replace(caller, new UsageType(id, body.name(), body.unit(), body.factor())));
    }

    @Delete("/{id}")
    @SecurityRequirement(name = "bearerAuth")
    @Operation(operationId = "deleteUsageType", summary = "Delete a usage type no usage references (admin)")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "403", description = "Not an admin")
    @ApiResponse(responseCode = "404", description = "No such type")
    @ApiResponse(responseCode = "409", description = "Usages still reference it")
    public HttpResponse<Void> delete(Caller caller, @PathVariable long id) {
        types.delete(caller, id);
        return HttpResponse.noContent();
    }
}
