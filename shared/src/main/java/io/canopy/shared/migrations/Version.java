package io.canopy.shared.migrations;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A migration version compared as Flyway compares them: parts split at dots or underscores, numerically, with
 * trailing zero parts ignored (1.0 is 1, 01 is 1).
 */
record Version(List<BigInteger> parts) implements Comparable<Version> {

    static Version of(String text) {
        List<BigInteger> parts = new ArrayList<>();
        for (String part : text.split("[._]")) {
            parts.add(new BigInteger(part));
        }
        while (!parts.isEmpty() && parts.get(parts.size() - 1).signum() == 0) {
            parts.remove(parts.size() - 1);
        }
        return new Version(List.copyOf(parts));
    }

    @Override
    public int compareTo(Version other) {
        for (int i = 0; i < Math.min(parts.size(), other.parts.size()); i++) {
            int compared = parts.get(i).compareTo(other.parts.get(i));
            if (compared != 0) {
                return compared;
            }
        }
        return Integer.compare(parts.size(), other.parts.size());
    }

    @Override
    public String toString() {
        return parts.isEmpty() ? "0" : String.join(".", parts.stream().map(BigInteger::toString).toList());
    }
}
