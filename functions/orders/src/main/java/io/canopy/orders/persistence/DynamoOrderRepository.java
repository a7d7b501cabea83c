package io.canopy.orders.persistence;

import io.canopy.orders.domain.Order;
import io.canopy.orders.domain.OrderItem;
import io.canopy.orders.domain.OrderRepository;
import io.canopy.orders.domain.OrderStatus;
import io.canopy.shared.dynamodb.DynamoCursors;
import io.canopy.shared.dynamodb.DynamoPartitions;
import io.canopy.shared.dynamodb.ErasedUsers;
import io.canopy.shared.dynamodb.TableNames;
import io.canopy.shared.paging.Page;
import io.canopy.shared.paging.PageRequest;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Table {@code orders-orders}: partition {@code pk = USER#<user id>}, sort key {@code sk = ORDER#<order id>}; the
 * local secondary index {@code by-created} sorts a user's orders by {@code created_sk = <created, fixed-width
 * ms>#<order id>}. Every change is a put or delete conditional on the {@code version} (and {@code status}) read, so
 * two requests never both move one order. Nothing here scans: every read names the user's partition.
 */
@Singleton
class DynamoOrderRepository implements OrderRepository {

    static final String TABLE = "orders-orders";
    static final String BY_CREATED = "by-created";
    private static final DateTimeFormatter SORTABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Set<String> INDEX_KEY = Set.of("pk", "sk", "created_sk");
    /** Items read per query when a filter may drop some (an unfiltered page reads exactly one more than it shows). */
    private static final int FILTERED_BATCH = 100;

    private final DynamoDbClient dynamoDb;
    private final String table;

    DynamoOrderRepository(DynamoDbClient dynamoDb, TableNames names) {
        this.dynamoDb = dynamoDb;
        this.table = names.of(TABLE);
    }

    @Override
    public void create(Order order) {
        try {
            dynamoDb.transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(toItem(order))
                            .conditionExpression("attribute_not_exists(sk)")).build(),
                    ErasedUsers.notErased(table, order.userId())));
        } catch (TransactionCanceledException e) {
            ErasedUsers.throwIfErased(e, 1);
            throw e;
        }
    }

    @Override
    public Optional<Order> find(UUID userId, UUID id) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true).key(key(userId, id))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toOrder(item));
    }

    /**
     * A Query of the caller's partition on {@code by-created}, descending. Without a filter it reads one item more
     * than the page shows, so the last page has no cursor; with one (status, cancelled) it reads batches and refills
     * the page. The cursor is the key of the last order shown, so no order is skipped or shown twice.
     */
    @Override
    public Page<Order> list(UUID userId, @Nullable OrderStatus status, @Nullable Boolean cancelled, PageRequest page) {
        AttributeValue partition = AttributeValue.fromS(partition(userId));
        Map<String, AttributeValue> start = page.cursor() == null ? null
                : DynamoCursors.decode(page.cursor(), INDEX_KEY, Map.of("pk", partition));
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", partition);
        List<String> filters = new ArrayList<>();
        if (status != null) {
            values.put(":status", AttributeValue.fromS(status.wire()));
            filters.add("#status = :status");
        }
        if (cancelled != null) {
            values.put(":cancelled", AttributeValue.fromS(OrderStatus.CANCELLED.wire()));
            filters.add(cancelled ? "#status = :cancelled" : "#status <> :cancelled");
        }
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(BY_CREATED).scanIndexForward(false)
                .keyConditionExpression("pk = :pk").expressionAttributeValues(values);
        if (!filters.isEmpty()) {
            query.filterExpression(String.join(" AND ", filters)).expressionAttributeNames(Map.of("#status", "status"));
        }
        List<Map<String, AttributeValue>> shown = new ArrayList<>();
        boolean more;
        do {
            int batch = filters.isEmpty() ? page.limit() - shown.size() + 1 : FILTERED_BATCH;
            QueryResponse response = dynamoDb.query(query.limit(batch).exclusiveStartKey(start).build());
            List<Map<String, AttributeValue>> items = response.items();
            int take = Math.min(items.size(), page.limit() - shown.size());
            shown.addAll(items.subList(0, take));
            boolean lastPageOfIndex = !response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty();
            more = take < items.size() || !lastPageOfIndex;
            start = lastPageOfIndex ? null : response.lastEvaluatedKey();
        } while (more && shown.size() < page.limit());
        String next = more && !shown.isEmpty() ? DynamoCursors.encode(indexKey(shown.get(shown.size() - 1))) : null;
        return new Page<>(shown.stream().map(DynamoOrderRepository::toOrder).toList(), next);
    }

    @Override
    public boolean replace(Order current, Order changed) {
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(toItem(changed))
                    .conditionExpression("version = :version AND #status = :status")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":version", version(current), ":status", AttributeValue.fromS(current.status().wire()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean delete(Order current) {
        try {
            dynamoDb.deleteItem(r -> r.tableName(table).key(key(current.userId(), current.id()))
                    .conditionExpression("version = :version").expressionAttributeValues(Map.of(":version", version(current))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Query the user's partition (keys only), delete in batches of 25; running it again finds nothing. */
    @Override
    public long deleteAll(UUID userId) {
        ErasedUsers.mark(dynamoDb, table, userId);
        return DynamoPartitions.deleteAll(dynamoDb, table, partition(userId), "");
    }

    private static String partition(UUID userId) {
        return "USER#" + userId;
    }

    private static Map<String, AttributeValue> key(UUID userId, UUID id) {
        return Map.of("pk", AttributeValue.fromS(partition(userId)), "sk", AttributeValue.fromS("ORDER#" + id));
    }

    private static Map<String, AttributeValue> indexKey(Map<String, AttributeValue> item) {
        return Map.of("pk", item.get("pk"), "sk", item.get("sk"), "created_sk", item.get("created_sk"));
    }

    private static AttributeValue version(Order order) {
        return AttributeValue.fromN(Long.toString(order.version()));
    }

    private static Map<String, AttributeValue> toItem(Order order) {
        Map<String, AttributeValue> item = new HashMap<>(key(order.userId(), order.id()));
        item.put("created_sk", AttributeValue.fromS(SORTABLE.format(order.created()) + "#" + order.id()));
        item.put("id", AttributeValue.fromS(order.id().toString()));
        item.put("user_id", AttributeValue.fromS(order.userId().toString()));
        item.put("status", AttributeValue.fromS(order.status().wire()));
        item.put("created", AttributeValue.fromS(order.created().toString()));
        item.put("updated", AttributeValue.fromS(order.updated().toString()));
        item.put("version", AttributeValue.fromN(Long.toString(order.version())));
        if (order.paymentId() != null) {
            item.put("payment_id", AttributeValue.fromS(order.paymentId().toString()));
        }
        if (order.scheduleId() != null) {
            item.put("schedule_id", AttributeValue.fromS(order.scheduleId().toString()));
        }
        item.put("items", AttributeValue.fromL(order.items().stream().map(line -> AttributeValue.fromM(Map.of(
                "product", AttributeValue.fromS(line.product()), "size", AttributeValue.fromS(line.size()),
                "quantity", AttributeValue.fromN(Integer.toString(line.quantity()))))).toList()));
        return item;
    }

    private static Order toOrder(Map<String, AttributeValue> item) {
        List<OrderItem> lines = item.get("items").l().stream().map(AttributeValue::m).map(m -> new OrderItem(m.get("product").s(),
                m.get("size").s(), Integer.parseInt(m.get("quantity").n()))).toList();
        OrderStatus status = OrderStatus.fromWire(item.get("status").s())
                .orElseThrow(() -> new IllegalStateException("stored order has an unknown status"));
        return new Order(UUID.fromString(item.get("id").s()), UUID.fromString(item.get("user_id").s()), status, lines,
                Instant.parse(item.get("created").s()), Instant.parse(item.get("updated").s()),
                item.containsKey("payment_id") ? UUID.fromString(item.get("payment_id").s()) : null,
                item.containsKey("schedule_id") ? UUID.fromString(item.get("schedule_id").s()) : null,
                Long.parseLong(item.get("version").n()));
    }
}
