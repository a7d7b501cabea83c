package io.canopy.orders.api;

import io.canopy.orders.domain.ItemDraft;
import io.canopy.orders.domain.Order;
import io.canopy.orders.domain.OrderItem;
import io.canopy.orders.domain.OrderService;
import io.canopy.shared.error.ApiException;
import io.canopy.shared.http.ETags;
import io.canopy.shared.http.QueryParams;
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
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.annotation.Serdeable.Deserializable;
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

/** The caller's coffee orders; another user's order is 404. */
@Controller("/orders")
@Tag(name = "orders")
@Secured(SecurityRule.IS_AUTHENTICATED)
@SecurityRequirement(name = "bearerAuth")
public class OrdersController {

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "OrderItem", description = "product 1..100 characters; size small|medium|big; quantity an integer 1..1000000, default 1 (not null)")
    record ItemBody(@Nullable String product, @Nullable String size,
                    @Nullable @Deserializable(using = NoNullInteger.class) Integer quantity) {
        static ItemBody of(OrderItem item) {
            return new ItemBody(item.product(), item.size(), item.quantity());
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "OrderRequest", description = "1 to 50 items")
    record OrderRequest(@Nullable List<ItemBody> order) {
        List<ItemDraft> drafts() {
            return order == null ? null : order.stream().map(i -> i == null ? null : new ItemDraft(i.product(), i.size(), i.quantity())).toList();
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "Order", description = "status: created, paid, progress, dispatched, delivered or cancelled")
    record OrderBody(UUID id, String status, List<ItemBody> order, Instant created, Instant updated,
                     @Nullable UUID paymentId, @Nullable UUID scheduleId) {
        static OrderBody of(Order order) {
            return new OrderBody(order.id(), order.status(), order.items().stream().map(ItemBody::of).toList(), order.created(),
                    order.updated(), order.paymentId(), order.scheduleId());
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @Schema(name = "OrderPage")
    record OrderPage(List<OrderBody> items, @Nullable String nextCursor) {
    }

    private final OrderService orders;
    private final IdempotencyStore idempotency;

    public OrdersController(OrderService orders, IdempotencyStore idempotency) {
        this.orders = orders;
        this.idempotency = idempotency;
    }

    @Post
    @Operation(operationId = "createOrder", summary = "Place an order. Honours Idempotency-Key")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "422", description = "Invalid items or unknown fields")
    public MutableHttpResponse<?> create(Caller caller, @Body OrderRequest body, @Nullable @Header(IdempotencyStore.HEADER) String idempotencyKey) {
        return idempotency.execute(caller.id() + " POST /orders", idempotencyKey, body, () -> {
            Order order = orders.create(caller, body.drafts());
            return HttpResponse.created(OrderBody.of(order), URI.create("/orders/" + order.id())).header(HttpHeaders.ETAG, ETags.of(order.version()));
        });
    }

    @Get
    @Operation(operationId = "listOrders", summary = "The caller's orders, newest first; cancelled=true|false (omitted: all)")
    @ApiResponse(responseCode = "200", description = "A page of orders")
    @ApiResponse(responseCode = "422", description = "Invalid cancelled, limit or cursor")
    public OrderPage list(Caller caller, @Nullable @QueryValue String status, @Nullable @QueryValue String cancelled,
                          @Nullable @QueryValue Integer limit, @Nullable @QueryValue String cursor) {
        Page<Order> page = orders.list(caller, status, QueryParams.bool("cancelled", cancelled), PageRequest.of(limit, cursor));
        return new OrderPage(page.items().stream().map(OrderBody::of).toList(), page.nextCursor());
    }

    @Get("/{id}")
    @Operation(operationId = "getOrder", summary = "One order, with its ETag")
    @ApiResponse(responseCode = "200", description = "The order")
    @ApiResponse(responseCode = "404", description = "No such order of the caller")
    public HttpResponse<OrderBody> get(Caller caller, @PathVariable String id) {
        return single(orders.get(caller, orderId(id)));
    }

    @Put("/{id}")
    @Operation(operationId = "replaceOrder", summary = "Replace the items while the order is created")
    @ApiResponse(responseCode = "200", description = "The order")
    @ApiResponse(responseCode = "404", description = "No such order of the caller")
    @ApiResponse(responseCode = "409", description = "Not created any more (the detail names the status)")
    @ApiResponse(responseCode = "412", description = "If-Match does not match")
    @ApiResponse(responseCode = "422", description = "Invalid items")
    public HttpResponse<OrderBody> replace(Caller caller, @PathVariable String id, @Body OrderRequest body,
                                           @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch) {
        return single(orders.replace(caller, orderId(id), body.drafts(), ifMatch));
    }

    @Delete("/{id}")
    @Operation(operationId = "deleteOrder", summary = "Delete an order that is created or cancelled")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "No such order of the caller")
    @ApiResponse(responseCode = "409", description = "Paid or further (the detail names the status)")
    @ApiResponse(responseCode = "412", description = "If-Match does not match")
    public HttpResponse<Void> delete(Caller caller, @PathVariable String id, @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch) {
        orders.delete(caller, orderId(id), ifMatch);
        return HttpResponse.noContent();
    }

    @Post("/{id}/pay")
    @Operation(operationId = "payOrder", summary = "Pay (payments), then schedule (kitchen); resumes a paid order at scheduling")
    @ApiResponse(responseCode = "200", description = "The order, now progress")
    @ApiResponse(responseCode = "402", description = "The payment was declined; the order is still created")
    @ApiResponse(responseCode = "404", description = "No such order of the caller")
    @ApiResponse(responseCode = "409", description = "Not created or paid (the detail names the status)")
    @ApiResponse(responseCode = "502", description = "Payments or kitchen failed or is unreachable; the order shows what happened")
    @ApiResponse(responseCode = "503", description = "Payments or kitchen is unavailable")
    @ApiResponse(responseCode = "504", description = "Payments or kitchen did not answer in time")
    public HttpResponse<OrderBody> pay(Caller caller, @PathVariable String id, @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        return single(orders.pay(caller, orderId(id), authorization));
    }

    @Post("/{id}/cancel")
    @Operation(operationId = "cancelOrder", summary = "Cancel; from progress the kitchen schedule is cancelled first")
    @ApiResponse(responseCode = "200", description = "The order, now cancelled")
    @ApiResponse(responseCode = "404", description = "No such order of the caller")
    @ApiResponse(responseCode = "409", description = "Dispatched, delivered or already cancelled")
    @ApiResponse(responseCode = "502", description = "The kitchen schedule could not be cancelled; the order is unchanged")
    public HttpResponse<OrderBody> cancel(Caller caller, @PathVariable String id, @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        return single(orders.cancel(caller, orderId(id), authorization));
    }

    private static HttpResponse<OrderBody> single(Order order) {
        return HttpResponse.ok(OrderBody.of(order)).header(HttpHeaders.ETAG, ETags.of(order.version()));
    }

    private static UUID orderId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("No such order.");
        }
    }
}
