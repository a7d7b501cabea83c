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
 * and {@code "true"}; here a wrong type is a 422, as the API promises. (Form fields, which arrive as one-value
 * lists, use {@link FormValueDeserializer}.)
 *
 * <p>Control characters other than tab, line feed and carriage return are refused too (422): they have no place
 * in names or descriptions, PostgreSQL cannot store NUL in text at all, and they make logs lie.
 */
@Singleton
@Primary
public class StrictStringDeserializer implements Deserializer<String> {

    @Override
    public String deserialize(Decoder decoder, DecoderContext context, Argument<? super String> type) throws IOException {
        JsonNode node = decoder.decodeNode();
        if (!node.isString()) {
            throw decoder.createDeserializationException("expected a string", node);
        }
        return checked(decoder, node, node.getStringValue());
    }

    static String checked(Decoder decoder, JsonNode node, String value) throws IOException {
        if (hasControlCharacter(value)) {
            throw decoder.createDeserializationException("must not contain control characters", node);
        }
        return value;
    }

    static boolean hasControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                return true;
            }
        }
        return false;
    }
}
