package io.canopy.deploy.terraform;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Terraform values as Java objects: null, Boolean, BigDecimal, String, List (tuple/list), {@link SetValue},
 * Map (object/map, always a sorted TreeMap: Terraform iterates keys in lexical order), {@link Unknown}, and the
 * references {@link Traversable} (resources, modules).
 */
public final class Values {

    private Values() {
    }

    public static String typeName(Object v) {
        if (v == null) {
            return "null";
        } else if (v instanceof Boolean) {
            return "bool";
        } else if (v instanceof BigDecimal) {
            return "number";
        } else if (v instanceof String) {
            return "string";
        } else if (v instanceof List) {
            return "tuple";
        } else if (v instanceof SetValue) {
            return "set";
        } else if (v instanceof Map) {
            return "object";
        } else if (v instanceof Unknown) {
            return "unknown";
        }
        return v.getClass().getSimpleName();
    }

    public static Map<String, Object> object() {
        return new TreeMap<>();
    }

    /** Deep: whether an unknown value is anywhere inside. */
    public static boolean containsUnknown(Object v) {
        if (v instanceof Unknown || v instanceof Traversable) {
            return true;
        } else if (v instanceof List<?> l) {
            return l.stream().anyMatch(Values::containsUnknown);
        } else if (v instanceof SetValue s) {
            return s.elements().stream().anyMatch(Values::containsUnknown);
        } else if (v instanceof Map<?, ?> m) {
            return m.values().stream().anyMatch(Values::containsUnknown);
        }
        return false;
    }

    /** Deep: every resource attribute the value derives from. */
    public static Set<String> refs(Object v) {
        Set<String> refs = new LinkedHashSet<>();
        collectRefs(v, refs);
        return refs;
    }

    public static Set<String> refs(Collection<?> values) {
        Set<String> refs = new LinkedHashSet<>();
        values.forEach(v -> collectRefs(v, refs));
        return refs;
    }

    private static void collectRefs(Object v, Set<String> refs) {
        if (v instanceof Unknown u) {
            refs.addAll(u.refs());
        } else if (v instanceof Traversable t) {
            refs.add(t.address());
        } else if (v instanceof List<?> l) {
            l.forEach(e -> collectRefs(e, refs));
        } else if (v instanceof SetValue s) {
            s.elements().forEach(e -> collectRefs(e, refs));
        } else if (v instanceof Map<?, ?> m) {
            m.values().forEach(e -> collectRefs(e, refs));
        }
    }

    public static boolean equal(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!equal(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof SetValue x && b instanceof SetValue y) {
            return equal(x.elements(), y.elements());
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (!x.keySet().equals(y.keySet())) {
                return false;
            }
            for (Object k : x.keySet()) {
                if (!equal(x.get(k), y.get(k))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /** A collection's elements (list, set, or the values of a map in key order). */
    public static List<Object> elements(Object v) {
        if (v instanceof List<?> l) {
            return new ArrayList<>(l);
        } else if (v instanceof SetValue s) {
            return new ArrayList<>(s.elements());
        } else if (v instanceof Map<?, ?> m) {
            return new ArrayList<>(m.values());
        }
        throw new IllegalArgumentException("not a collection: " + typeName(v));
    }

    public static boolean isCollection(Object v) {
        return v instanceof List || v instanceof SetValue || v instanceof Map;
    }

    /** Terraform's string conversion of a primitive. */
    public static String asString(Object v) {
        if (v instanceof String s) {
            return s;
        } else if (v instanceof BigDecimal n) {
            return n.stripTrailingZeros().scale() <= 0 ? n.toBigInteger().toString() : n.stripTrailingZeros().toPlainString();
        } else if (v instanceof Boolean b) {
            return b.toString();
        }
        throw new IllegalArgumentException("a " + typeName(v) + " is not a string");
    }

    public static BigDecimal number(long n) {
        return BigDecimal.valueOf(n);
    }

    /** For messages. */
    public static String show(Object v) {
        if (v instanceof String s) {
            return "\"" + s + "\"";
        } else if (v instanceof BigDecimal || v instanceof Boolean) {
            return asString(v);
        } else if (v == null) {
            return "null";
        } else if (v instanceof Unknown u) {
            return u.toString();
        }
        return String.valueOf(v);
    }
}
