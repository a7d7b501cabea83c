package io.canopy.shared.json;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Numbers only as JSON numbers, and integers only as integer literals: serde would read {@code "1"} as 1, {@code 1.0}
 * as 1 and {@code 1e400} as infinity. Here each is a 422 on the field. Decimals keep the digits the client wrote
 * ({@code 0.1} stays 0.1, never 0.1000000000000000055...).
 */
@Factory
public class StrictNumberDeserializers {

    @Singleton
    @Primary
    Deserializer<Long> longs() {
        return new Deserializer<>() {
            @Override
            public Long deserialize(Decoder decoder, DecoderContext context, Argument<? super Long> type) throws IOException {
                JsonNode node = decoder.decodeNode();
                BigInteger value = integer(decoder, node);
                if (value.bitLength() > 63) {
                    throw decoder.createDeserializationException("is out of range", node);
                }
                return value.longValue();
            }
        };
    }

    @Singleton
    @Primary
    Deserializer<Integer> integers() {
        return new Deserializer<>() {
            @Override
            public Integer deserialize(Decoder decoder, DecoderContext context, Argument<? super Integer> type) throws IOException {
                JsonNode node = decoder.decodeNode();
                BigInteger value = integer(decoder, node);
                if (value.bitLength() > 31) {
                    throw decoder.createDeserializationException("is out of range", node);
                }
                return value.intValue();
            }
        };
    }

    @Singleton
    @Primary
    Deserializer<BigDecimal> decimals() {
        return new Deserializer<>() {
            @Override
            public BigDecimal deserialize(Decoder decoder, DecoderContext context, Argument<? super BigDecimal> type) throws IOException {
                JsonNode node = decoder.decodeNode();
                if (!node.isNumber()) {
                    throw decoder.createDeserializationException("expected a number", node);
                }
                Number number = node.getNumberValue();
                if (number instanceof Double || number instanceof Float) {
                    double value = number.doubleValue();
                    if (Double.isInfinite(value) || Double.isNaN(value)) {
                        throw decoder.createDeserializationException("is out of range", node);
                    }
                    // The shortest decimal that reads back as this double: the digits the client sent.
                    return new BigDecimal(Double.toString(value));
                }
                if (number instanceof BigDecimal decimal) {
                    if (Math.abs((long) decimal.precision() - decimal.scale()) > 100) {
                        throw decoder.createDeserializationException("is out of range", node);
                    }
                    return decimal;
                }
                return new BigDecimal(number.toString());
            }
        };
    }

    private static BigInteger integer(Decoder decoder, JsonNode node) throws IOException {
        if (!node.isNumber()) {
            throw decoder.createDeserializationException("expected an integer", node);
        }
        Number number = node.getNumberValue();
        if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte) {
            return BigInteger.valueOf(number.longValue());
        }
        if (number instanceof BigInteger big) {
            return big;
        }
        throw decoder.createDeserializationException("expected an integer", node);
    }
}
