package io.canopy.shared.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The EventBridge event identity publishes when a user deletes their account. Only the fields Canopy reads are
 * mapped; EventBridge's envelope carries more ({@code version}, {@code account}, {@code region}, ...).
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record UserDeleted(String id,
                          String source,
                          @JsonProperty("detail-type") String detailType,
                          Detail detail) {

    public static final String SOURCE = "canopy.identity";
    public static final String DETAIL_TYPE = "UserDeleted";

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Detail(@JsonProperty("user_id") String userId) {
    }
}
