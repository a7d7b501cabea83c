package io.canopy.payments.persistence;

import io.canopy.payments.domain.Payment;
import io.canopy.payments.domain.PaymentRepository;
import io.canopy.shared.dynamodb.DynamoPartitions;
import io.canopy.shared.dynamodb.ErasedUsers;
import io.canopy.shared.dynamodb.TableNames;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code payments-payments}: partition {@code USER#<user id>}; a payment is {@code PAYMENT#<payment id>}, and
 * {@code ORDER#<order id>} holds the id of the payment that stands for that order. Both are written in one
 * transaction, the order item conditionally, so one order never gets two payments.
 */
@Singleton
class DynamoPaymentRepository implements PaymentRepository {

    static final String TABLE = "payments-payments";

    private final DynamoDbClient dynamoDb;
    private final String table;

    DynamoPaymentRepository(DynamoDbClient dynamoDb, TableNames names) {
        this.dynamoDb = dynamoDb;
        this.table = names.of(TABLE);
    }

    @Override
    public Optional<Payment> find(UUID userId, UUID paymentId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true)
                .key(key(userId, "PAYMENT#" + paymentId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toPayment(item));
    }

    @Override
    public Optional<Payment> forOrder(UUID userId, UUID orderId) {
        Map<String, AttributeValue> claim = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true)
                .key(key(userId, "ORDER#" + orderId))).item();
        if (claim == null || claim.isEmpty()) {
            return Optional.empty();
        }
        return find(userId, UUID.fromString(claim.get("payment_id").s()));
    }

    @Override
    public boolean claim(Payment payment, @Nullable Payment replacing) {
        Map<String, AttributeValue> item = new HashMap<>(key(payment.userId(), "PAYMENT#" + payment.paymentId()));
        item.put("payment_id", AttributeValue.fromS(payment.paymentId().toString()));
        item.put("order_id", AttributeValue.fromS(payment.orderId().toString()));
        item.put("user_id", AttributeValue.fromS(payment.userId().toString()));
        item.put("status", AttributeValue.fromS(payment.status()));
        item.put("created_at", AttributeValue.fromS(payment.createdAt().toString()));
        Map<String, AttributeValue> claim = new HashMap<>(key(payment.userId(), "ORDER#" + payment.orderId()));
        claim.put("payment_id", AttributeValue.fromS(payment.paymentId().toString()));
        String condition = replacing == null ? "attribute_not_exists(sk)" : "payment_id = :replacing";
        Map<String, AttributeValue> values = replacing == null ? null
                : Map.of(":replacing", AttributeValue.fromS(replacing.paymentId().toString()));
        try {
            dynamoDb.transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(sk)")).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(claim).conditionExpression(condition)
                            .expressionAttributeValues(values)).build(),
                    ErasedUsers.notErased(table, payment.userId())));
            return true;
        } catch (TransactionCanceledException e) {
            ErasedUsers.throwIfErased(e, 2);
            // A condition failed (another payment stands for the order now), or, on real DynamoDB under contention,
            // another transaction held the claim (TransactionConflict). Nothing was written either way.
            if (e.hasCancellationReasons() && e.cancellationReasons().stream()
                    .anyMatch(reason -> "ConditionalCheckFailed".equals(reason.code()) || "TransactionConflict".equals(reason.code()))) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public long deleteAll(UUID userId) {
        ErasedUsers.mark(dynamoDb, table, userId);
        return DynamoPartitions.deleteAll(dynamoDb, table, "USER#" + userId, "PAYMENT#");
    }

    private static Map<String, AttributeValue> key(UUID userId, String sk) {
        return Map.of("pk", AttributeValue.fromS("USER#" + userId), "sk", AttributeValue.fromS(sk));
    }

    private static Payment toPayment(Map<String, AttributeValue> item) {
        return new Payment(UUID.fromString(item.get("payment_id").s()), UUID.fromString(item.get("user_id").s()),
                UUID.fromString(item.get("order_id").s()), item.get("status").s(), Instant.parse(item.get("created_at").s()));
    }
}
