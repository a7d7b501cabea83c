package io.canopy.shared.json;

import io.micronaut.context.annotation.Primary;
import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;

import java.io.IOException;

/** A boolean field accepts {@code true} and {@code false} only; serde would also read {@code "true"} or {@code 1}. */
@Singleton
@Primary
public class StrictBooleanDeserializer implements Deserializer<Boolean> {

    @Override
    public Boolean deserialize(Decoder decoder, DecoderContext context, Argument<? super Boolean> type) throws IOException {
        JsonNode node = decoder.decodeNode();
        if (!node.isBoolean()) {
            throw decoder.createDeserializationException("expected true or false", node);
        }
        return node.getBooleanValue();
    }
}
