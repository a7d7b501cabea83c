package io.canopy.properties.api;

import io.canopy.properties.api.PropertyBodies.TypeBody;
import io.canopy.properties.api.PropertyBodies.TypeList;
import io.canopy.properties.api.PropertyBodies.TypeName;
import io.canopy.properties.domain.PropertyType;
import io.canopy.properties.domain.PropertyTypeService;
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

import java.net.URI;

/** Property types: anyone lists them; admins add, rename and delete them. */
@Controller("/property-types")
@Tag(name = "properties")
public class PropertyTypesController {

    private final PropertyTypeService types;

    public PropertyTypesController(PropertyTypeService types) {
        this.types = types;
    }

    @Get
    @Anonymous
    @Operation(operationId = "listPropertyTypes", summary = "Every property type, by slug")
    @ApiResponse(responseCode = "200", description = "The types")
    public TypeList list() {
        return new TypeList(types.list().stream().map(TypeBody::of).toList());
    }

    @Post
    @SecurityRequirement(name = "bearerAuth")
    @Operation(operationId = "createPropertyType", summary = "Add a property type (admin)")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "403", description = "Not an admin")
    @ApiResponse(responseCode = "409", description = "The slug exists")
    @ApiResponse(responseCode = "422", description = "Invalid slug or name")
    public HttpResponse<TypeBody> create(Caller caller, @Body TypeBody body) {
        PropertyType created = types.create(caller, new PropertyType(body.slug(), body.name()));
        return HttpResponse.created(TypeBody.of(created), URI.create("/property-types/" + created.slug()));
    }

    @Put("/{slug}")
    @SecurityRequirement(name = "bearerAuth")
    @Operation(operationId = "replacePropertyType", summary = "Create or rename a property type (admin)")
    @ApiResponse(responseCode = "200", description = "The stored type")
    @ApiResponse(responseCode = "403", description = "Not an admin")
    @ApiResponse(responseCode = "422", description = "Invalid slug or name")
    public TypeBody replace(Caller caller, @PathVariable String slug, @Body TypeName body) {
        return TypeBody.of(types.replace(caller, new PropertyType(slug, body.name())));
    }

    @Delete("/{slug}")
    @SecurityRequirement(name = "bearerAuth")
    @Operation(operationId = "deletePropertyType", summary = "Delete a property type no property uses (admin)")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "403", description = "Not an admin")
    @ApiResponse(responseCode = "404", description = "No such type")
    @ApiResponse(responseCode = "409", description = "Properties use it")
    public HttpResponse<Void> delete(Caller caller, @PathVariable String slug) {
        types.delete(caller, slug);
        return HttpResponse.noContent();
    }
}
