package io.canopy.shared.health;

/** One dependency a function's health depends on (its database, its tables). */
public interface StoreCheck {

    /** The key under {@code checks} in the health answer, e.g. {@code postgres} or {@code dynamodb}. */
    String name();

    /** Returns normally when the store answers; throws when it does not. Must finish within a few seconds. */
    void check() throws Exception;
}
