package io.canopy.orders.api;

import io.canopy.orders.api.OrderBodies.OrderBody;
import io.canopy.orders.api.OrderBodies.OrderPage;
import io.canopy.orders.api.OrderBodies.OrderRequest;
import io.canopy.orders.domain.Order;
import io.canopy.orders.domain.OrderService;
import io.canopy.shared.http.ETags;
import io.canopy.shared.http.QueryParams;
import io.canopy.shared.http.Uuids;
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
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

/**
 * The caller's coffee orders. Another user's order, an unknown id and a path that is not a UUID are all 404. Pay and
 * cancel call payments and the kitchen with the caller's own {@code Authorization} header.
 */
@Controller("/orders")
@Tag(name = "orders")
@SecurityRequirement(name = "bearerAuth")
public class OrdersController {

    private final OrderService orders;
    private final IdempotencyStore idempotency;

    public OrdersController(OrderService orders, IdempotencyStore idempotency) {
        this.orders = orders;
        this.idempotency = idempotency;
    }

    @Post
    @Operation(operationId = "createOrder", summary = "Place an order (status created). Honours Idempotency-Key")
    @ApiResponse(responseCode = "201", description = "Created; Location and ETag set",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = OrderBody.class)))
    @ApiResponse(responseCode = "409", description = "A request with this Idempotency-Key is still running")
    @ApiResponse(responseCode = "422", description = "Invalid items, unknown fields, or an Idempotency-Key reused with another body")
    public MutableHttpResponse<?> createOrder(Caller caller, @Body OrderRequest body,
                                              @Nullable @Header(IdempotencyStore.HEADER) String idempotencyKey) {
        return idempotency.execute(caller.id() + " POST /orders", idempotencyKey, body, () -> {
            Order order = orders.create(caller, body.drafts());
            return HttpResponse.created(OrderBody.of(order), URI.create("/orders/" + order.id()))
                    .header(HttpHeaders.ETAG, ETags.of(order.version()));
        });
    }

    @Get
    @Operation(operationId = "listOrders", summary = "The caller's orders, newest first")
    @ApiResponse(responseCode = "200", description = "A page of orders")
    @ApiResponse(responseCode = "422", description = "Unknown status, cancelled not true/false, limit out of 1..100, or a foreign cursor")
    public OrderPage listOrders(Caller caller,
                                @Parameter(description = "only orders with this status") @Nullable @QueryValue String status,
                                @Parameter(description = "true: only cancelled orders; false: all but cancelled; omitted: all") @Nullable @QueryValue String cancelled,
                                @Parameter(description = "1..100, default 20") @Nullable @QueryValue Integer limit,
                                @Parameter(description = "next_cursor of the previous page") @Nullable @QueryValue String cursor) {
        Page<Order> page = orders.list(caller, status, QueryParams.bool("cancelled", cancelled), PageRequest.of(limit, cursor));
        return new OrderPage(page.items().stream().map(OrderBody::of).toList(), page.nextCursor());
    }

    @Get("/{id}")
    @Operation(operationId = "getOrder", summary = "One order, with its ETag")
    @ApiResponse(responseCode = "200", description = "The order")
    @ApiResponse(responseCode = "404", description = "No such order of the caller")
    public HttpResponse<OrderBody> getOrder(Caller caller, @PathVariable String id) {
        return single(orders.get(caller, orderId(id)));
    }

    @Put("/{id}")
    @Operation(operationId = "replaceOrder", summary = "Replace the items while the order is created")
    @ApiResponse(responseCode = "200", description = "The order")
    @ApiResponse(responseCode = "404", description = "No such order of the caller")
    @ApiResponse(responseCode = "409", description = "Not created any more (the detail names the status), or changed meanwhile")
    @ApiResponse(responseCode = "412", description = "If-Match does not match")
    @ApiResponse(responseCode = "422", description = "Invalid items")
    public HttpResponse<OrderBody> replaceOrder(Caller caller, @PathVariable String id, @Body OrderRequest body,
                                                @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch) {
        return single(orders.replace(caller, orderId(id), body.drafts(), ifMatch));
    }

    @Delete("/{id}")
    @Operation(operationId = "deleteOrder", summary = "Delete an order that is created or cancelled")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "No such order of the caller")
    @ApiResponse(responseCode = "409", description = "Paid, progress, dispatched or delivered (the detail names the status)")
    @ApiResponse(responseCode = "412", description = "If-Match does not match")
    public HttpResponse<Void> deleteOrder(Caller caller, @PathVariable String id, @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch) {
        orders.delete(caller, orderId(id), ifMatch);
        return HttpResponse.noContent();
    }

    @Post("/{id}/pay")
    @Operation(operationId = "payOrder",
            summary = "Pay (payments), then schedule (kitchen): created → paid → progress. A paid order resumes at scheduling")
    @ApiResponse(responseCode = "200", description = "The order, now progress, with payment_id and schedule_id")
    @ApiResponse(responseCode = "402", description = "Payment declined; the order is still created")
    @ApiResponse(responseCode = "404", description = "No such order of the caller")
    @ApiResponse(responseCode = "409", description = "Not created or paid (the detail names the status), or cancelled meanwhile")
    @ApiResponse(responseCode = "502", description = "Payments or the kitchen is unreachable or failed; the order shows what happened")
    @ApiResponse(responseCode = "503", description = "Payments or the kitchen said it is unavailable (Retry-After)")
    @ApiResponse(responseCode = "504", description = "Payments or the kitchen did not answer in time")
    public HttpResponse<OrderBody> payOrder(Caller caller, @PathVariable String id, @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        return single(orders.pay(caller, orderId(id), authorization));
    }

    @Post("/{id}/cancel")
    @Operation(operationId = "cancelOrder", summary = "Cancel from created, paid or progress; from progress the kitchen schedule is cancelled first")
    @ApiResponse(responseCode = "200", description = "The order, now cancelled")
    @ApiResponse(responseCode = "404", description = "No such order of the caller")
    @ApiResponse(responseCode = "409", description = "Dispatched, delivered or cancelled already, or the kitchen has finished it")
    @ApiResponse(responseCode = "502", description = "The kitchen schedule could not be cancelled; the order is still progress")
    @ApiResponse(responseCode = "503", description = "The kitchen said it is unavailable; the order is still progress")
    @ApiResponse(responseCode = "504", description = "The kitchen did not answer in time; the order is still progress")
    public HttpResponse<OrderBody> cancelOrder(Caller caller, @PathVariable String id, @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        return single(orders.cancel(caller, orderId(id), authorization));
    }

    private static HttpResponse<OrderBody> single(Order order) {
        return HttpResponse.ok(OrderBody.of(order)).header(HttpHeaders.ETAG, ETags.of(order.version()));
    }

    private static UUID orderId(String id) {
        return Uuids.pathId(id, "No such order.");
    }
}
