package io.canopy.deploy.terraform;

import io.canopy.deploy.hcl.Ast;
import io.canopy.deploy.hcl.Ast.Expr;
import io.canopy.deploy.hcl.Pos;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A variable's type constraint (string, number, bool, any, list(T), set(T), map(T), tuple([...]), object({...}) with
 * optional(T[, default])) and Terraform's conversion of an input value to it. One deliberate difference: an object
 * attribute the type does not declare is an error here, where Terraform would drop it silently (a typo in a module
 * call then goes unnoticed).
 */
public sealed interface TypeConstraint {

    Object convert(Object value, String path);

    record Primitive(String name) implements TypeConstraint {
        @Override
        public Object convert(Object value, String path) {
            if (value == null || value instanceof Unknown || value instanceof Traversable) {
                return value;
            }
            switch (name) {
                case "string":
                    if (value instanceof String || value instanceof BigDecimal || value instanceof Boolean) {
                        return Values.asString(value);
                    }
                    break;
                case "number":
                    if (value instanceof BigDecimal) {
                        return value;
                    }
                    if (value instanceof String s) {
                        try {
                            return new BigDecimal(s);
                        } catch (NumberFormatException e) {
                            break;
                        }
                    }
                    break;
                case "bool":
                    if (value instanceof Boolean) {
                        return value;
                    }
                    if ("true".equals(value) || "false".equals(value)) {
                        return Boolean.valueOf((String) value);
                    }
                    break;
                default:
                    break;
            }
            throw new ConfigurationException(null, path + ": a " + Values.typeName(value) + " is not a " + name);
        }
    }

    record Any() implements TypeConstraint {
        @Override
        public Object convert(Object value, String path) {
            return value;
        }
    }

    record Collection(String kind, TypeConstraint element) implements TypeConstraint {
        @Override
        public Object convert(Object value, String path) {
            if (value == null || value instanceof Unknown) {
                return value;
            }
            if (kind.equals("map")) {
                if (!(value instanceof Map<?, ?> m)) {
                    throw new ConfigurationException(null, path + ": a " + Values.typeName(value) + " is not a map");
                }
                Map<String, Object> out = new TreeMap<>();
                m.forEach((k, v) -> out.put((String) k, element.convert(v, path + "[\"" + k + "\"]")));
                return out;
            }
            if (!(value instanceof List || value instanceof SetValue)) {
                throw new ConfigurationException(null, path + ": a " + Values.typeName(value) + " is not a " + kind);
            }
            List<Object> out = new ArrayList<>();
            List<Object> in = Values.elements(value);
            for (int i = 0; i < in.size(); i++) {
                out.add(element.convert(in.get(i), path + "[" + i + "]"));
            }
            return kind.equals("set") ? Functions.toSet(out) : out;
        }
    }

    record Tuple(List<TypeConstraint> elements) implements TypeConstraint {
        @Override
        public Object convert(Object value, String path) {
            if (value == null || value instanceof Unknown) {
                return value;
            }
            if (!(value instanceof List<?> l) || l.size() != elements.size()) {
                throw new ConfigurationException(null, path + ": expected a tuple of " + elements.size() + " elements");
            }
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < l.size(); i++) {
                out.add(elements.get(i).convert(l.get(i), path + "[" + i + "]"));
            }
            return out;
        }
    }

    record Attr(TypeConstraint type, boolean optional, Object defaultValue) {
    }

    record ObjectType(Map<String, Attr> attributes) implements TypeConstraint {
        @Override
        public Object convert(Object value, String path) {
            if (value == null || value instanceof Unknown) {
                return value;
            }
            if (!(value instanceof Map<?, ?> m)) {
                throw new ConfigurationException(null, path + ": a " + Values.typeName(value) + " is not an object");
            }
            for (Object k : m.keySet()) {
                if (!attributes.containsKey(k)) {
                    throw new ConfigurationException(null, path + ": attribute \"" + k + "\" is not in the object type "
                            + attributes.keySet() + " (Terraform would drop it silently)");
                }
            }
            Map<String, Object> out = new TreeMap<>();
            attributes.forEach((name, attr) -> {
                if (m.containsKey(name)) {
                    Object v = m.get(name);
                    out.put(name, attr.type().convert(v == null && attr.optional() ? attr.defaultValue() : v,
                            path + "." + name));
                } else if (attr.optional()) {
                    out.put(name, attr.type().convert(attr.defaultValue(), path + "." + name));
                } else {
                    throw new ConfigurationException(null, path + ": attribute \"" + name + "\" is required");
                }
            });
            return out;
        }
    }

    /** Parses the expression of a variable's type attribute. */
    static TypeConstraint parse(Expr expr) {
        if (expr instanceof Ast.Variable v) {
            return switch (v.name()) {
                case "string", "number", "bool" -> new Primitive(v.name());
                case "any" -> new Any();
                default -> throw new EvalException(v.pos(), "unknown type " + v.name());
            };
        }
        if (expr instanceof Ast.Call c) {
            Pos pos = c.pos();
            switch (c.name()) {
                case "list", "set", "map" -> {
                    requireArgs(c, 1);
                    return new Collection(c.name(), parse(c.args().get(0)));
                }
                case "tuple" -> {
                    requireArgs(c, 1);
                    if (!(c.args().get(0) instanceof Ast.TupleCons t)) {
                        throw new EvalException(pos, "tuple([...]) expects a list of types");
                    }
                    return new Tuple(t.items().stream().map(TypeConstraint::parse).toList());
                }
                case "object" -> {
                    requireArgs(c, 1);
                    if (!(c.args().get(0) instanceof Ast.ObjectCons o)) {
                        throw new EvalException(pos, "object({...}) expects attribute types");
                    }
                    Map<String, Attr> attrs = new LinkedHashMap<>();
                    for (Ast.ObjectItem item : o.items()) {
                        String name = item.key() instanceof Ast.Variable kv ? kv.name()
                                : item.key() instanceof Ast.Literal l && l.value() instanceof String s ? s : null;
                        if (name == null) {
                            throw new EvalException(pos, "object attribute names must be literal");
                        }
                        Expr t = item.value();
                        if (t instanceof Ast.Call oc && oc.name().equals("optional")) {
                            if (oc.args().isEmpty() || oc.args().size() > 2) {
                                throw new EvalException(oc.pos(), "optional(type[, default])");
                            }
                            TypeConstraint type = parse(oc.args().get(0));
                            Object def = oc.args().size() == 2 ? Evaluator.constant(oc.args().get(1)) : null;
                            attrs.put(name, new Attr(type, true, def));
                        } else {
                            attrs.put(name, new Attr(parse(t), false, null));
                        }
                    }
                    return new ObjectType(attrs);
                }
                default -> throw new EvalException(pos, "unknown type constructor " + c.name());
            }
        }
        throw new EvalException(expr.pos(), "not a type constraint");
    }

    private static void requireArgs(Ast.Call c, int n) {
        if (c.args().size() != n) {
            throw new EvalException(c.pos(), c.name() + "(...) takes " + n + " argument(s)");
        }
    }
}
