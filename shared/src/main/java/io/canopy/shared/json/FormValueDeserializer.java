package io.canopy.shared.json;

import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * A field of a form body ({@code application/x-www-form-urlencoded}): the binder hands each field over as a list of
 * its values, so exactly one string is accepted (a repeated field is a 422). Put it on form records only, with
 * {@code @Deserializable(using = FormValueDeserializer.class)}; JSON fields stay strict.
 */
@Singleton
public class FormValueDeserializer implements Deserializer<String> {

    @Override
    public String deserialize(Decoder decoder, DecoderContext context, Argument<? super String> type) throws IOException {
        JsonNode node = decoder.decodeNode();
        if (node.isString()) {
            return StrictStringDeserializer.checked(decoder, node, node.getStringValue());
        }
        if (node.isArray() && node.size() == 1 && node.get(0).isString()) {
            return StrictStringDeserializer.checked(decoder, node, node.get(0).getStringValue());
        }
        throw decoder.createDeserializationException("expected one value", node);
    }
}
