package io.canopy.properties.api;

import io.canopy.properties.api.PropertyBodies.PropertyBody;
import io.canopy.properties.api.PropertyBodies.PropertyInput;
import io.canopy.properties.api.PropertyBodies.PropertyPage;
import io.canopy.properties.api.PropertyBodies.PropertyPatch;
import io.canopy.properties.api.PropertyBodies.RoomBody;
import io.canopy.properties.api.PropertyBodies.RoomInput;
import io.canopy.properties.domain.Property;
import io.canopy.properties.domain.PropertyService;
import io.canopy.properties.domain.Room;
import io.canopy.shared.http.ETags;
import io.canopy.shared.http.Uuids;
import io.canopy.shared.paging.Page;
import io.canopy.shared.paging.PageRequest;
import io.canopy.shared.security.Anonymous;
import io.canopy.shared.security.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

/** Anyone browses; the owner (or an admin) changes. Writes carry the property's new ETag. */
@Controller("/properties")
@Tag(name = "properties")
public class PropertiesController {

    private final PropertyService properties;

    public PropertiesController(PropertyService properties) {
        this.properties = properties;
    }

    @Get
    @Anonymous
    @Operation(operationId = "listProperties", summary = "Properties, newest first; city matches case-insensitively, surrounding spaces ignored")
    @ApiResponse(responseCode = "200", description = "A page of properties with their rooms")
    @ApiResponse(responseCode = "422", description = "Invalid owner_id, limit or cursor")
    public PropertyPage list(@Nullable @QueryValue String city, @Nullable @QueryValue String type,
                             @Nullable @QueryValue("owner_id") UUID ownerId,
                             @Nullable @QueryValue Integer limit, @Nullable @QueryValue String cursor) {
        Page<Property> page = properties.list(city, type, ownerId, PageRequest.of(limit, cursor));
        return new PropertyPage(page.items().stream().map(PropertyBody::of).toList(), page.nextCursor());
    }

    @Get("/{id}")
    @Anonymous
    @Operation(operationId = "getProperty", summary = "A property with its rooms and ETag")
    @ApiResponse(responseCode = "200", description = "The property")
    @ApiResponse(responseCode = "404", description = "No such property")
    public HttpResponse<PropertyBody> get(@PathVariable String id) {
        return single(properties.get(propertyId(id)));
    }

    @Post
    @SecurityRequirement(name = "bearerAuth")
    @Operation(operationId = "createProperty", summary = "List a property (owner = caller), rooms optional")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "422", description = "Invalid fields or unknown type")
    public HttpResponse<PropertyBody> create(Caller caller, @Body PropertyInput body) {
        Property property = properties.create(caller, body.toDraft());
        return HttpResponse.created(PropertyBody.of(property), URI.create("/properties/" + property.id()))
                .header(HttpHeaders.ETAG, ETags.of(property.version()));
    }

    @Patch("/{id}")
    @SecurityRequirement(name = "bearerAuth")
    @Operation(operationId = "updateProperty", summary = "Change name, description, type or city (owner or admin)")
    @ApiResponse(responseCode = "200", description = "The changed property")
    @ApiResponse(responseCode = "403", description = "Not the owner")
    @ApiResponse(responseCode = "404", description = "No such property")
    @ApiResponse(responseCode = "412", description = "If-Match does not match")
    @ApiResponse(responseCode = "422", description = "Invalid fields, unknown type, or no field at all")
    public HttpResponse<PropertyBody> update(Caller caller, @PathVariable String id, @Body PropertyPatch body,
                                             @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch) {
        return single(properties.update(caller, propertyId(id), body.toDraft(), ifMatch));
    }

    @Delete("/{id}")
    @SecurityRequirement(name = "bearerAuth")
    @Operation(operationId = "deleteProperty", summary = "Delete a property and its rooms (owner or admin)")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "403", description = "Not the owner")
    @ApiResponse(responseCode = "404", description = "No such property")
    @ApiResponse(responseCode = "412", description = "If-Match does not match")
    public HttpResponse<Void> delete(Caller caller, @PathVariable String id, @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch) {
        properties.delete(caller, propertyId(id), ifMatch);
        return HttpResponse.noContent();
    }

    @Post("/{id}/rooms")
    @SecurityRequirement(name = "bearerAuth")
    @Operation(operationId = "addRoom", summary = "Add a room (owner or admin)")
    @ApiResponse(responseCode = "201", description = "The room; ETag is the property's new one")
    @ApiResponse(responseCode = "403", description = "Not the owner")
    @ApiResponse(responseCode = "404", description = "No such property")
    @ApiResponse(responseCode = "409", description = "The property has 100 rooms")
    @ApiResponse(responseCode = "412", description = "If-Match does not match the property")
    @ApiResponse(responseCode = "422", description = "Invalid fields")
    public HttpResponse<RoomBody> addRoom(Caller caller, @PathVariable String id, @Body RoomInput body,
                                          @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch) {
        UUID propertyId = propertyId(id);
        Room room = properties.addRoom(caller, propertyId, body.toDraft(), ifMatch);
        return withPropertyEtag(HttpResponse.created(RoomBody.of(room), URI.create("/properties/" + propertyId + "/rooms/" + room.id())), propertyId);
    }

    @Patch("/{id}/rooms/{roomId}")
    @SecurityRequirement(name = "bearerAuth")
    @Operation(operationId = "updateRoom", summary = "Change a room (owner or admin)")
    @ApiResponse(responseCode = "200", description = "The changed room; ETag is the property's new one")
    @ApiResponse(responseCode = "403", description = "Not the owner")
    @ApiResponse(responseCode = "404", description = "No such property, or no such room in it")
    @ApiResponse(responseCode = "412", description = "If-Match does not match the property")
    @ApiResponse(responseCode = "422", description = "Invalid fields, or no field at all")
    public HttpResponse<RoomBody> updateRoom(Caller caller, @PathVariable String id, @PathVariable String roomId,
                                             @Body RoomInput body, @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch) {
        UUID propertyId = propertyId(id);
        Room room = properties.updateRoom(caller, propertyId, roomId(roomId), body.toDraft(), ifMatch);
        return withPropertyEtag(HttpResponse.ok(RoomBody.of(room)), propertyId);
    }

    @Delete("/{id}/rooms/{roomId}")
    @SecurityRequirement(name = "bearerAuth")
    @Operation(operationId = "deleteRoom", summary = "Remove a room (owner or admin)")
    @ApiResponse(responseCode = "204", description = "Removed")
    @ApiResponse(responseCode = "403", description = "Not the owner")
    @ApiResponse(responseCode = "404", description = "No such property, or no such room in it")
    @ApiResponse(responseCode = "412", description = "If-Match does not match the property")
    public HttpResponse<Void> deleteRoom(Caller caller, @PathVariable String id, @PathVariable String roomId,
                                         @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch) {
        properties.deleteRoom(caller, propertyId(id), roomId(roomId), ifMatch);
        return HttpResponse.noContent();
    }

    private HttpResponse<RoomBody> withPropertyEtag(io.micronaut.http.MutableHttpResponse<RoomBody> response, UUID propertyId) {
        return response.header(HttpHeaders.ETAG, ETags.of(properties.get(propertyId).version()));
    }

    private static HttpResponse<PropertyBody> single(Property property) {
        return HttpResponse.ok(PropertyBody.of(property)).header(HttpHeaders.ETAG, ETags.of(property.version()));
    }

    private static UUID propertyId(String id) {
        return Uuids.pathId(id, "No such property.");
    }

    private static UUID roomId(String id) {
        return Uuids.pathId(id, "No such room in this property.");
    }
}
