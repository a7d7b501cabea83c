package io.canopy.shared.json;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Dates and timestamps only as the API documents them: {@code "2026-11-22"} and RFC 3339 {@code "2026-11-22T09:30:00Z"}
 * (any offset). Serde would also read a number as an epoch day or second, so {@code 12345} would become a birth date
 * in 2003; here it is a 422 on the field.
 */
@Factory
public class StrictTemporalDeserializers {

    @Singleton
    @Primary
    Deserializer<LocalDate> localDate() {
        return new Deserializer<>() {
            @Override
            public LocalDate deserialize(Decoder decoder, DecoderContext context, Argument<? super LocalDate> type) throws IOException {
                JsonNode node = decoder.decodeNode();
                try {
                    if (node.isString()) {
                        return LocalDate.parse(node.getStringValue());
                    }
                } catch (DateTimeParseException e) {
                    // answered below
                }
                throw decoder.createDeserializationException("expected a date such as 2026-11-22", node);
            }
        };
    }

    @Singleton
    @Primary
    Deserializer<Instant> instant() {
        return new Deserializer<>() {
            @Override
            public Instant deserialize(Decoder decoder, DecoderContext context, Argument<? super Instant> type) throws IOException {
                JsonNode node = decoder.decodeNode();
                try {
                    if (node.isString()) {
                        return OffsetDateTime.parse(node.getStringValue()).toInstant();
                    }
                } catch (DateTimeParseException e) {
                    // answered below
                }
                throw decoder.createDeserializationException("expected an RFC 3339 timestamp such as 2026-11-22T09:30:00Z", node);
            }
        };
    }
}
