package io.canopy.carbon.api;

import io.canopy.carbon.api.CarbonBodies.NewUsage;
import io.canopy.carbon.api.CarbonBodies.SummaryBody;
import io.canopy.carbon.api.CarbonBodies.UsageBody;
import io.canopy.carbon.api.CarbonBodies.UsagePage;
import io.canopy.carbon.api.CarbonBodies.UsagePatch;
import io.canopy.carbon.domain.Usage;
import io.canopy.carbon.domain.UsageChanges;
import io.canopy.carbon.domain.UsageQuery;
import io.canopy.carbon.domain.UsageService;
import io.canopy.shared.http.ETags;
import io.canopy.shared.idempotency.IdempotencyStore;
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
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.net.URI;
import java.time.Instant;

/** The caller's own usages; another user's usage is 404 for every operation. */
@Controller("/usages")
@Tag(name = "carbon")
@SecurityRequirement(name = "bearerAuth")
public class UsagesController {

    private final UsageService usages;
    private final IdempotencyStore idempotency;

    public UsagesController(UsageService usages, IdempotencyStore idempotency) {
        this.usages = usages;
        this.idempotency = idempotency;
    }

    @Post
    @Operation(operationId = "createUsage", summary = "Record a usage; co2e_kg = amount × the type's factor. Honours Idempotency-Key")
    @ApiResponse(responseCode = "201", description = "Recorded (or the replay of the first request with this Idempotency-Key)")
    @ApiResponse(responseCode = "409", description = "A request with this Idempotency-Key is still in progress")
    @ApiResponse(responseCode = "422", description = "Invalid fields, unknown usage type, or the key reused with another body")
    public MutableHttpResponse<?> create(Caller caller, @Body @Valid NewUsage body,
                                         @Nullable @Header(IdempotencyStore.HEADER) String idempotencyKey) {
        return idempotency.execute(caller.id() + " POST /usages", idempotencyKey, body, () -> {
            Usage usage = usages.create(caller, body.amount(), body.usageTypeId(), body.usageAt());
            return HttpResponse.created(UsageBody.of(usage), URI.create("/usages/" + usage.id()))
                    .header(HttpHeaders.ETAG, ETags.of(usage.version()));
        });
    }

    @Get
    @Operation(operationId = "listUsages", summary = "The caller's usages, newest usage_at first")
    @ApiResponse(responseCode = "200", description = "A page of usages")
    @ApiResponse(responseCode = "422", description = "Invalid from, to, usage_type_id, limit or cursor")
    public UsagePage list(Caller caller, @Nullable @QueryValue Instant from, @Nullable @QueryValue Instant to,
                          @Nullable @QueryValue("usage_type_id") Long usageTypeId,
                          @Nullable @QueryValue Integer limit, @Nullable @QueryValue String cursor) {
        Page<Usage> page = usages.list(caller, new UsageQuery(from, to, usageTypeId), PageRequest.of(limit, cursor));
        return new UsagePage(page.items().stream().map(UsageBody::of).toList(), page.nextCursor());
    }

    @Get("/summary")
    @Operation(operationId = "summarizeUsages", summary = "The caller's totals per usage type and overall, usage_at in [from, to]")
    @ApiResponse(responseCode = "200", description = "The totals")
    @ApiResponse(responseCode = "422", description = "Invalid from or to")
    public SummaryBody summary(Caller caller, @Nullable @QueryValue Instant from, @Nullable @QueryValue Instant to) {
        return SummaryBody.of(usages.summary(caller, new UsageQuery(from, to, null)));
    }

    @Get("/{id}")
    @Operation(operationId = "getUsage", summary = "One of the caller's usages, with its ETag")
    @ApiResponse(responseCode = "200", description = "The usage")
    @ApiResponse(responseCode = "404", description = "No such usage of the caller")
    public HttpResponse<UsageBody> get(Caller caller, @PathVariable String id) {
        return single(usages.get(caller, Ids.usage(id)));
    }

    @Patch("/{id}")
    @Operation(operationId = "updateUsage", summary = "Change amount, usage type or usage_at; co2e_kg is recomputed")
    @ApiResponse(responseCode = "200", description = "The changed usage")
    @ApiResponse(responseCode = "404", description = "No such usage of the caller")
    @ApiResponse(responseCode = "409", description = "Changed concurrently (without If-Match)")
    @ApiResponse(responseCode = "412", description = "If-Match does not match")
    @ApiResponse(responseCode = "422", description = "Invalid fields, unknown usage type, or no field at all")
    public HttpResponse<UsageBody> update(Caller caller, @PathVariable String id, @Body @Valid UsagePatch body,
                                          @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch) {
        return single(usages.update(caller, Ids.usage(id), new UsageChanges(body.amount(), body.usageTypeId(), body.usageAt()), ifMatch));
    }

    @Delete("/{id}")
    @Operation(operationId = "deleteUsage", summary = "Delete one of the caller's usages")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "No such usage of the caller")
    @ApiResponse(responseCode = "412", description = "If-Match does not match")
    public HttpResponse<Void> delete(Caller caller, @PathVariable String id, @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch) {
        usages.delete(caller, Ids.usage(id), ifMatch);
        return HttpResponse.noContent();
    }

    private static HttpResponse<UsageBody> single(Usage usage) {
        return HttpResponse.ok(UsageBody.of(usage)).header(HttpHeaders.ETAG, ETags.of(usage.version()));
    }
}
