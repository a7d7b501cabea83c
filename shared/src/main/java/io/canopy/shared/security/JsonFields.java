package io.canopy.shared.security;

import io.micronaut.json.tree.JsonNode;

/** Reading the JSON objects of tokens and key sets, where a member of the wrong type counts as absent. */
final class JsonFields {

    private JsonFields() {
    }

    /** The member's string value; null if it is absent or not a string. */
    static String text(JsonNode object, String name) {
        JsonNode value = object.get(name);
        return value != null && value.isString() ? value.getStringValue() : null;
    }
}
