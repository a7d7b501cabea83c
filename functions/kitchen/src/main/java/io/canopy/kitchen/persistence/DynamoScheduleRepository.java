package io.canopy.kitchen.persistence;

import io.canopy.kitchen.domain.Item;
import io.canopy.kitchen.domain.Schedule;
import io.canopy.kitchen.domain.ScheduleFilter;
import io.canopy.kitchen.domain.ScheduleRepository;
import io.canopy.shared.dynamodb.DynamoCursors;
import io.canopy.shared.dynamodb.DynamoPartitions;
import io.canopy.shared.dynamodb.ErasedUsers;
import io.canopy.shared.dynamodb.TableNames;
import io.canopy.shared.paging.Page;
import io.canopy.shared.paging.PageRequest;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code kitchen-schedules}: partition {@code USER#<user id>}; a schedule is {@code SCHEDULE#<id>} and
 * {@code ORDER#<order id>} claims the order for it (written together, the claim conditionally: one schedule per
 * order). The sparse LSI {@code by-scheduled} sorts schedules by {@code scheduled_sk = <scheduled>#<id>}.
 */
@Singleton
class DynamoScheduleRepository implements ScheduleRepository {

    static final String TABLE = "kitchen-schedules";
    static final String BY_SCHEDULED = "by-scheduled";
    private static final DateTimeFormatter SORTABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Set<String> INDEX_KEY = Set.of("pk", "sk", "scheduled_sk");

    private final DynamoDbClient dynamoDb;
    private final String table;

    DynamoScheduleRepository(DynamoDbClient dynamoDb, TableNames names) {
        this.dynamoDb = dynamoDb;
        this.table = names.of(TABLE);
    }

    @Override
    public Optional<Schedule> find(UUID userId, UUID id) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true).key(key(userId, "SCHEDULE#" + id))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toSchedule(item));
    }

    @Override
    public Optional<Schedule> forOrder(UUID userId, UUID orderId) {
        Map<String, AttributeValue> claim = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true).key(key(userId, "ORDER#" + orderId))).item();
        return claim == null || claim.isEmpty() ? Optional.empty() : find(userId, UUID.fromString(claim.get("schedule_id").s()));
    }

    @Override
    public boolean create(Schedule schedule) {
        Map<String, AttributeValue> claim = new HashMap<>(key(schedule.userId(), "ORDER#" + schedule.orderId()));
        claim.put("schedule_id", AttributeValue.fromS(schedule.id().toString()));
        try {
            dynamoDb.transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(toItem(schedule))
                            .conditionExpression("attribute_not_exists(sk)")).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(claim)
                            .conditionExpression("attribute_not_exists(sk)")).build(),
                    ErasedUsers.notErased(table, schedule.userId())));
            return true;
        } catch (TransactionCanceledException e) {
            ErasedUsers.throwIfErased(e, 2);
            if (lostRace(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Page<Schedule> list(UUID userId, ScheduleFilter filter, PageRequest page) {
        AttributeValue partition = AttributeValue.fromS("USER#" + userId);
        Map<String, AttributeValue> start = page.cursor() == null ? null
                : DynamoCursors.decode(page.cursor(), INDEX_KEY, Map.of("pk", partition));
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", partition);
        String condition = "pk = :pk";
        if (filter.since() != null) {
            String since = SORTABLE.format(ceilingMillis(filter.since()));
            if (start != null && start.get("scheduled_sk").s().compareTo(since) < 0) {
                // A cursor already past the range (from a query with an earlier since): nothing older qualifies,
                // and DynamoDB would refuse a start key outside the key condition.
                return new Page<>(List.of(), null);
            }
            values.put(":since", AttributeValue.fromS(since));
            condition += " AND scheduled_sk >= :since";
        }
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(BY_SCHEDULED).scanIndexForward(false)
                .keyConditionExpression(condition);
        if (filter.progress() != null) {
            values.put(":progress", AttributeValue.fromS(Schedule.PROGRESS));
            query.filterExpression(filter.progress() ? "#status = :progress" : "#status <> :progress")
                    .expressionAttributeNames(Map.of("#status", "status"));
        }
        query.expressionAttributeValues(values);
        List<Schedule> items = new ArrayList<>();
        do {
            // Limit counts the items read, before the filter: read what is still missing, and go on while a filter
            // leaves the page short and the partition has more.
            QueryResponse response = dynamoDb.query(query.limit(page.limit() - items.size()).exclusiveStartKey(start).build());
            response.items().forEach(item -> items.add(toSchedule(item)));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null && items.size() < page.limit());
        return new Page<>(items, DynamoCursors.encode(start));
    }

    @Override
    public boolean update(Schedule changed) {
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(toItem(changed)).conditionExpression("version = :expected")
                    .expressionAttributeValues(Map.of(":expected", AttributeValue.fromN(Long.toString(changed.version() - 1)))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean delete(Schedule schedule) {
        try {
            dynamoDb.transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().delete(d -> d.tableName(table).key(key(schedule.userId(), "SCHEDULE#" + schedule.id()))
                            .conditionExpression("version = :expected")
                            .expressionAttributeValues(Map.of(":expected", AttributeValue.fromN(Long.toString(schedule.version()))))).build(),
                    TransactWriteItem.builder().delete(d -> d.tableName(table).key(key(schedule.userId(), "ORDER#" + schedule.orderId()))
                            .conditionExpression("attribute_not_exists(sk) OR schedule_id = :id")
                            .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(schedule.id().toString())))).build()));
            return true;
        } catch (TransactionCanceledException e) {
            if (lostRace(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public long deleteAll(UUID userId) {
        ErasedUsers.mark(dynamoDb, table, userId);
        return DynamoPartitions.deleteAll(dynamoDb, table, "USER#" + userId, "SCHEDULE#");
    }

    /**
     * The transaction lost to a concurrent writer: a condition failed, or (real DynamoDB, under contention) another
     * transaction held one of its items ({@code TransactionConflict}). Either way nothing was written.
     */
    private static boolean lostRace(TransactionCanceledException e) {
        return e.hasCancellationReasons() && e.cancellationReasons().stream()
                .anyMatch(reason -> "ConditionalCheckFailed".equals(reason.code()) || "TransactionConflict".equals(reason.code()));
    }

    private static Instant ceilingMillis(Instant instant) {
        Instant millis = instant.truncatedTo(ChronoUnit.MILLIS);
        return millis.equals(instant) ? millis : millis.plusMillis(1);
    }

    private static Map<String, AttributeValue> key(UUID userId, String sk) {
        return Map.of("pk", AttributeValue.fromS("USER#" + userId), "sk", AttributeValue.fromS(sk));
    }

    private static Map<String, AttributeValue> toItem(Schedule schedule) {
        Map<String, AttributeValue> item = new HashMap<>(key(schedule.userId(), "SCHEDULE#" + schedule.id()));
        item.put("scheduled_sk", AttributeValue.fromS(SORTABLE.format(schedule.scheduled()) + "#" + schedule.id()));
        item.put("id", AttributeValue.fromS(schedule.id().toString()));
        item.put("user_id", AttributeValue.fromS(schedule.userId().toString()));
        item.put("order_id", AttributeValue.fromS(schedule.orderId().toString()));
        item.put("scheduled", AttributeValue.fromS(schedule.scheduled().toString()));
        item.put("status", AttributeValue.fromS(schedule.status()));
        item.put("version", AttributeValue.fromN(Long.toString(schedule.version())));
        item.put("items", AttributeValue.fromL(schedule.order().stream().map(line -> AttributeValue.fromM(Map.of(
                "product", AttributeValue.fromS(line.product()), "size", AttributeValue.fromS(line.size()),
                "quantity", AttributeValue.fromN(Integer.toString(line.quantity()))))).toList()));
        return item;
    }

    private static Schedule toSchedule(Map<String, AttributeValue> item) {
        List<Item> lines = item.get("items").l().stream().map(AttributeValue::m).map(m -> new Item(m.get("product").s(),
                m.get("size").s(), Integer.parseInt(m.get("quantity").n()))).toList();
        return new Schedule(UUID.fromString(item.get("id").s()), UUID.fromString(item.get("user_id").s()),
                UUID.fromString(item.get("order_id").s()), Instant.parse(item.get("scheduled").s()), item.get("status").s(),
                lines, Long.parseLong(item.get("version").n()));
    }
}
