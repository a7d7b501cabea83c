package io.canopy.bench;

/** The store a function reads, which decides its floor. */
public enum Store {
    NONE("none", "floor-none"),
    POSTGRES("PostgreSQL", "floor-postgres"),
    DYNAMODB("DynamoDB", "floor-dynamodb");

    private final String label;
    private final String floor;

    Store(String label, String floor) {
        this.label = label;
        this.floor = floor;
    }

    public String label() {
        return label;
    }

    /** The name of the floor target every function of this store is compared with. */
    public String floor() {
        return floor;
    }

    /** The artifact size limit for functions of this store, in bytes. */
    public long artifactLimitBytes() {
        return this == POSTGRES ? 20L * 1000 * 1000 : 15L * 1000 * 1000;
    }
}
