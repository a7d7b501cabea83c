package io.canopy.properties.domain;

/** A kind of property, keyed by its slug ({@code house}, {@code apartment}, ...); a request's may lack fields until validated. */
public record PropertyType(String slug, String name) {
}
