package io.canopy.shared.json;

import io.micronaut.context.annotation.Primary;
import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * A JSON string field accepts only a JSON string. Serde would turn {@code 42} or {@code true} into {@code "42"}
 * and {@code "true"}; here a wrong type is a 422, as the API promises. A one-string array is let through because
 * form bodies ({@code username=...}) reach the binder as a map of single-value lists.
 */
@Singleton
@Primary
public class StrictStringDeserializer implements Deserializer<String> {

    @Override
    public String deserialize(Decoder decoder, DecoderContext context, Argument<? super String> type) throws IOException {
        JsonNode node = decoder.decodeNode();
        if (node.isString()) {
            return node.getStringValue();
        }
        if (node.isArray() && node.size() == 1 && node.get(0).isString()) {
            return node.get(0).getStringValue();
        }
        throw decoder.createDeserializationException("expected a string", node);
    }
}
