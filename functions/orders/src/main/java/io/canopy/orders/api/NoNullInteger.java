package io.canopy.orders.api;

import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * An optional integer that may be left out but not sent as {@code null}: {@code "quantity": null} is a 422, as in
 * the original API, while an absent quantity takes its default. Integers only as integer literals.
 */
@Singleton
public class NoNullInteger implements Deserializer<Integer> {

    @Override
    public Integer deserialize(Decoder decoder, DecoderContext context, Argument<? super Integer> type) throws IOException {
        JsonNode node = decoder.decodeNode();
        if (node.isNull()) {
            throw decoder.createDeserializationException("must not be null", node);
        }
        Number number = node.isNumber() ? node.getNumberValue() : null;
        if (!(number instanceof Integer || number instanceof Long)) {
            throw decoder.createDeserializationException("expected an integer", node);
        }
        long value = number.longValue();
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw decoder.createDeserializationException("is out of range", node);
        }
        return (int) value;
    }

    @Override
    public boolean allowNull() {
        return true;
    }

    @Override
    public Integer getDefaultValue(DecoderContext context, Argument<? super Integer> type) {
        return null;
    }
}
