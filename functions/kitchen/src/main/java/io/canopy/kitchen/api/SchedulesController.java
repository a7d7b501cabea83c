package io.canopy.kitchen.api;

import io.canopy.kitchen.domain.Item;
import io.canopy.kitchen.domain.ItemDraft;
import io.canopy.kitchen.domain.Schedule;
import io.canopy.kitchen.domain.ScheduleFilter;
import io.canopy.kitchen.domain.ScheduleService;
import io.canopy.shared.http.ETags;
import io.canopy.shared.http.QueryParams;
import io.canopy.shared.http.Uuids;
import io.canopy.shared.paging.Page;
import io.canopy.shared.paging.PageRequest;
import io.canopy.shared.security.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The caller's kitchen schedules, one per order. Another user's schedule, an unknown id and a path that is not a UUID
 * are all 404. Orders calls {@code POST /kitchen/schedules} and {@code POST /kitchen/schedules/{id}/cancel} with the
 * customer's own token.
 */
@Controller("/kitchen/schedules")
@Tag(name = "kitchen")
@SecurityRequirement(name = "bearerAuth")
public class SchedulesController {

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "KitchenOrderItem", description = "One line of the order the kitchen prepares")
    record ItemBody(
            @Schema(description = "1 to 100 characters, not blank", minLength = 1, maxLength = 100, requiredMode = Schema.RequiredMode.REQUIRED, example = "latte")
            @Nullable String product,
            @Schema(allowableValues = {"small", "medium", "big"}, requiredMode = Schema.RequiredMode.REQUIRED)
            @Nullable String size,
            @Schema(description = "an integer literal; omitted means 1", minimum = "1", maximum = "1000000", defaultValue = "1")
            @Nullable Integer quantity) {

        ItemDraft toDraft() {
            return new ItemDraft(product, size, quantity);
        }

        static ItemBody of(Item item) {
            return new ItemBody(item.product(), item.size(), item.quantity());
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "KitchenScheduleRequest", description = "Schedule an order's items; again for the same order answers its schedule",
            requiredProperties = {"order_id", "order"})
    record ScheduleRequest(
            @Schema(description = "the order being scheduled (orders' id)", format = "uuid") @Nullable String orderId,
            @ArraySchema(minItems = 1, maxItems = 50, schema = @Schema(implementation = ItemBody.class)) @Nullable List<ItemBody> order) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "KitchenScheduleReplacement", description = "The new items of a pending schedule", requiredProperties = "order")
    record ScheduleReplacement(
            @ArraySchema(minItems = 1, maxItems = 50, schema = @Schema(implementation = ItemBody.class)) @Nullable List<ItemBody> order) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "KitchenSchedule", description = "The kitchen's schedule of one order")
    record ScheduleBody(
            UUID id,
            @Schema(description = "the order it schedules", requiredMode = Schema.RequiredMode.REQUIRED) UUID orderId,
            @Schema(description = "when it was scheduled (RFC 3339, UTC, milliseconds)", requiredMode = Schema.RequiredMode.REQUIRED) Instant scheduled,
            @Schema(allowableValues = {"pending", "progress", "cancelled", "finished"}, requiredMode = Schema.RequiredMode.REQUIRED) String status,
            List<ItemBody> order) {

        static ScheduleBody of(Schedule schedule) {
            return new ScheduleBody(schedule.id(), schedule.orderId(), schedule.scheduled(), schedule.status(),
                    schedule.order().stream().map(ItemBody::of).toList());
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "KitchenSchedulePage", description = "A page of the caller's schedules, newest scheduled first")
    record SchedulePage(List<ScheduleBody> items,
                        @Schema(description = "pass as cursor for the next page; null on the last", requiredMode = Schema.RequiredMode.REQUIRED)
                        @Nullable String nextCursor) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "KitchenScheduleStatus")
    record StatusBody(@Schema(allowableValues = {"pending", "progress", "cancelled", "finished"}, requiredMode = Schema.RequiredMode.REQUIRED) String status) {
    }

    private final ScheduleService schedules;

    public SchedulesController(ScheduleService schedules) {
        this.schedules = schedules;
    }

    @Post
    @Operation(operationId = "createSchedule", summary = "Schedule an order (status pending); again for the same order answers its existing schedule")
    @ApiResponse(responseCode = "201", description = "Scheduled now; Location and ETag set",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ScheduleBody.class)))
    @ApiResponse(responseCode = "200", description = "The order already had this schedule (its items are left as they were)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ScheduleBody.class)))
    @ApiResponse(responseCode = "409", description = "Other requests kept racing for this order's schedule; retry")
    @ApiResponse(responseCode = "422", description = "order_id missing or not a UUID, invalid items, unknown fields")
    public MutableHttpResponse<ScheduleBody> createSchedule(Caller caller, @Body ScheduleRequest body) {
        ScheduleService.Outcome outcome = schedules.schedule(caller, orderId(body.orderId()), drafts(body.order()));
        ScheduleBody answer = ScheduleBody.of(outcome.schedule());
        URI location = URI.create("/kitchen/schedules/" + outcome.schedule().id());
        MutableHttpResponse<ScheduleBody> response = outcome.created()
                ? HttpResponse.created(answer, location)
                : HttpResponse.ok(answer).header(HttpHeaders.LOCATION, location.toString());
        return response.header(HttpHeaders.ETAG, ETags.of(outcome.schedule().version()));
    }

    @Get
    @Operation(operationId = "listSchedules", summary = "The caller's schedules, newest scheduled first")
    @ApiResponse(responseCode = "200", description = "A page of schedules")
    @ApiResponse(responseCode = "422", description = "progress not true/false, since not an RFC 3339 time, limit out of 1..100, or a foreign cursor")
    public SchedulePage listSchedules(
            Caller caller,
            @Parameter(description = "true: only schedules in progress; false: all but those in progress; omitted: all") @Nullable @QueryValue String progress,
            @Parameter(description = "RFC 3339 time: only schedules scheduled at or after it") @Nullable @QueryValue Instant since,
            @Parameter(description = "1..100, default 20") @Nullable @QueryValue Integer limit,
            @Parameter(description = "next_cursor of the previous page (same filters)") @Nullable @QueryValue String cursor) {
        Page<Schedule> page = schedules.list(caller, new ScheduleFilter(QueryParams.bool("progress", progress), since),
                PageRequest.of(limit, cursor));
        return new SchedulePage(page.items().stream().map(ScheduleBody::of).toList(), page.nextCursor());
    }

    @Get("/{id}")
    @Operation(operationId = "getSchedule", summary = "One schedule, with its ETag")
    @ApiResponse(responseCode = "200", description = "The schedule")
    @ApiResponse(responseCode = "404", description = "No such schedule of the caller")
    public HttpResponse<ScheduleBody> getSchedule(Caller caller, @PathVariable String id) {
        return single(schedules.get(caller, scheduleId(id)));
    }

    @Get("/{id}/status")
    @Operation(operationId = "getScheduleStatus", summary = "A schedule's status")
    @ApiResponse(responseCode = "200", description = "The status")
    @ApiResponse(responseCode = "404", description = "No such schedule of the caller")
    public StatusBody getScheduleStatus(Caller caller, @PathVariable String id) {
        return new StatusBody(schedules.get(caller, scheduleId(id)).status());
    }

    @Put("/{id}")
    @Operation(operationId = "replaceSchedule", summary = "Replace the items of a pending schedule")
    @ApiResponse(responseCode = "200", description = "The schedule, with its new ETag")
    @ApiResponse(responseCode = "404", description = "No such schedule of the caller")
    @ApiResponse(responseCode = "409", description = "Not pending (the detail names the status)")
    @ApiResponse(responseCode = "412", description = "If-Match does not match")
    @ApiResponse(responseCode = "422", description = "Invalid items or unknown fields")
    public HttpResponse<ScheduleBody> replaceSchedule(Caller caller, @PathVariable String id, @Body ScheduleReplacement body,
                                                      @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch) {
        return single(schedules.replace(caller, scheduleId(id), drafts(body.order()), ifMatch));
    }

    @Delete("/{id}")
    @Operation(operationId = "deleteSchedule", summary = "Delete a pending or cancelled schedule (the order may then be scheduled anew)")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "No such schedule of the caller")
    @ApiResponse(responseCode = "409", description = "In progress or finished (the detail names the status)")
    @ApiResponse(responseCode = "412", description = "If-Match does not match")
    public HttpResponse<Void> deleteSchedule(Caller caller, @PathVariable String id, @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch) {
        schedules.delete(caller, scheduleId(id), ifMatch);
        return HttpResponse.noContent();
    }

    @Post("/{id}/cancel")
    @Operation(operationId = "cancelSchedule", summary = "Cancel a pending or in-progress schedule; a cancelled one is answered as it is")
    @ApiResponse(responseCode = "200", description = "The schedule, now cancelled")
    @ApiResponse(responseCode = "404", description = "No such schedule of the caller")
    @ApiResponse(responseCode = "409", description = "Finished")
    public HttpResponse<ScheduleBody> cancelSchedule(Caller caller, @PathVariable String id) {
        return single(schedules.cancel(caller, scheduleId(id)));
    }

    private static List<ItemDraft> drafts(@Nullable List<ItemBody> order) {
        return order == null ? null : order.stream().map(item -> item == null ? null : item.toDraft()).toList();
    }

    private static HttpResponse<ScheduleBody> single(Schedule schedule) {
        return HttpResponse.ok(ScheduleBody.of(schedule)).header(HttpHeaders.ETAG, ETags.of(schedule.version()));
    }

    private static UUID scheduleId(String text) {
        return Uuids.pathId(text, ScheduleService.NOT_FOUND_DETAIL);
    }

    /** {@code null} when absent: the service reports it with the other fields. */
    private static @Nullable UUID orderId(@Nullable String text) {
        return Uuids.field("order_id", text);
    }
}
