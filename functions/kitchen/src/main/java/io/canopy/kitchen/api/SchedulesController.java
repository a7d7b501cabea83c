package io.canopy.kitchen.api;

import io.canopy.kitchen.domain.Item;
import io.canopy.kitchen.domain.ItemDraft;
import io.canopy.kitchen.domain.Schedule;
import io.canopy.kitchen.domain.ScheduleService;
import io.canopy.shared.error.ApiException;
import io.canopy.shared.http.ETags;
import io.canopy.shared.http.QueryParams;
import io.canopy.shared.paging.Page;
import io.canopy.shared.paging.PageRequest;
import io.canopy.shared.security.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The caller's kitchen schedules; another user's schedule is 404. */
@Controller("/kitchen/schedules")
@Tag(name = "kitchen")
@Secured(SecurityRule.IS_AUTHENTICATED)
@SecurityRequirement(name = "bearerAuth")
public class SchedulesController {

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "KitchenOrderItem", description = "product 1..100 characters; size small|medium|big; quantity 1..1000000, default 1")
    record ItemBody(@Nullable String product, @Nullable String size, @Nullable Integer quantity) {
        ItemDraft toDraft() {
            return new ItemDraft(product, size, quantity);
        }

        static ItemBody of(Item item) {
            return new ItemBody(item.product(), item.size(), item.quantity());
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "KitchenScheduleRequest")
    record ScheduleRequest(@Nullable UUID orderId, @Nullable List<ItemBody> order) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "KitchenScheduleReplacement")
    record ScheduleReplacement(@Nullable List<ItemBody> order) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "KitchenSchedule", description = "status: pending, progress, cancelled or finished")
    record ScheduleBody(UUID id, UUID orderId, Instant scheduled, String status, List<ItemBody> order) {
        static ScheduleBody of(Schedule schedule) {
            return new ScheduleBody(schedule.id(), schedule.orderId(), schedule.scheduled(), schedule.status(),
                    schedule.order().stream().map(ItemBody::of).toList());
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "KitchenSchedulePage")
    record SchedulePage(List<ScheduleBody> items, @Nullable String nextCursor) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "KitchenScheduleStatus")
    record StatusBody(String status) {
    }

    private final ScheduleService schedules;

    public SchedulesController(ScheduleService schedules) {
        this.schedules = schedules;
    }

    @Post
    @Operation(operationId = "createSchedule", summary = "Schedule a paid order; again for the same order answers its schedule")
    @ApiResponse(responseCode = "201", description = "Scheduled")
    @ApiResponse(responseCode = "200", description = "The order's existing schedule")
    @ApiResponse(responseCode = "422", description = "Invalid order_id or items")
    public HttpResponse<ScheduleBody> create(Caller caller, @Body ScheduleRequest body) {
        ScheduleService.Outcome outcome = schedules.schedule(caller, body.orderId(), drafts(body.order()));
        ScheduleBody answer = ScheduleBody.of(outcome.schedule());
        URI location = URI.create("/kitchen/schedules/" + outcome.schedule().id());
        return (outcome.created() ? HttpResponse.created(answer, location) : HttpResponse.ok(answer).header(HttpHeaders.LOCATION, location.toString()))
                .header(HttpHeaders.ETAG, ETags.of(outcome.schedule().version()));
    }

    @Get
    @Operation(operationId = "listSchedules", summary = "The caller's schedules, newest first; progress=true: only those in progress; since: scheduled at or after")
    @ApiResponse(responseCode = "200", description = "A page of schedules")
    @ApiResponse(responseCode = "422", description = "Invalid progress, since, limit or cursor")
    public SchedulePage list(Caller caller, @Nullable @QueryValue String progress, @Nullable @QueryValue Instant since,
                             @Nullable @QueryValue Integer limit, @Nullable @QueryValue String cursor) {
        Page<Schedule> page = schedules.list(caller, QueryParams.bool("progress", progress), since, PageRequest.of(limit, cursor));
        return new SchedulePage(page.items().stream().map(ScheduleBody::of).toList(), page.nextCursor());
    }

    @Get("/{id}")
    @Operation(operationId = "getSchedule", summary = "One schedule, with its ETag")
    @ApiResponse(responseCode = "200", description = "The schedule")
    @ApiResponse(responseCode = "404", description = "No such schedule of the caller")
    public HttpResponse<ScheduleBody> get(Caller caller, @PathVariable String id) {
        return single(schedules.get(caller, scheduleId(id)));
    }

    @Get("/{id}/status")
    @Operation(operationId = "getScheduleStatus", summary = "A schedule's status")
    @ApiResponse(responseCode = "200", description = "The status")
    @ApiResponse(responseCode = "404", description = "No such schedule of the caller")
    public StatusBody status(Caller caller, @PathVariable String id) {
        return new StatusBody(schedules.get(caller, scheduleId(id)).status());
    }

    @Put("/{id}")
    @Operation(operationId = "replaceSchedule", summary = "Replace the items of a pending schedule")
    @ApiResponse(responseCode = "200", description = "The schedule")
    @ApiResponse(responseCode = "404", description = "No such schedule of the caller")
    @ApiResponse(responseCode = "409", description = "Not pending")
    @ApiResponse(responseCode = "412", description = "If-Match does not match")
    @ApiResponse(responseCode = "422", description = "Invalid items")
    public HttpResponse<ScheduleBody> replace(Caller caller, @PathVariable String id, @Body ScheduleReplacement body,
                                              @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch) {
        return single(schedules.replace(caller, scheduleId(id), drafts(body.order()), ifMatch));
    }

    @Delete("/{id}")
    @Operation(operationId = "deleteSchedule", summary = "Delete a pending or cancelled schedule")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "No such schedule of the caller")
    @ApiResponse(responseCode = "409", description = "In progress or finished")
    @ApiResponse(responseCode = "412", description = "If-Match does not match")
    public HttpResponse<Void> delete(Caller caller, @PathVariable String id, @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch) {
        schedules.delete(caller, scheduleId(id), ifMatch);
        return HttpResponse.noContent();
    }

    @Post("/{id}/cancel")
    @Operation(operationId = "cancelSchedule", summary = "Cancel a schedule (cancelling a cancelled one is fine)")
    @ApiResponse(responseCode = "200", description = "The cancelled schedule")
    @ApiResponse(responseCode = "404", description = "No such schedule of the caller")
    @ApiResponse(responseCode = "409", description = "Finished")
    public HttpResponse<ScheduleBody> cancel(Caller caller, @PathVariable String id) {
        return single(schedules.cancel(caller, scheduleId(id)));
    }

    private static List<ItemDraft> drafts(@Nullable List<ItemBody> order) {
        return order == null ? null : order.stream().map(item -> item == null ? null : item.toDraft()).toList();
    }

    private static HttpResponse<ScheduleBody> single(Schedule schedule) {
        return HttpResponse.ok(ScheduleBody.of(schedule)).header(HttpHeaders.ETAG, ETags.of(schedule.version()));
    }

    private static UUID scheduleId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("No such schedule.");
        }
    }
}
