package io.canopy.deploy.terraform;

import io.canopy.deploy.hcl.Ast;
import io.canopy.deploy.hcl.Ast.Expr;
import io.canopy.deploy.hcl.Pos;
import io.canopy.deploy.hcl.Token.Kind;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Evaluates expressions the way Terraform does at plan time, in the scope of one module instance: var, local,
 * module, data, resource references, path, each/count, for-expression and iterator variables. Values that only exist
 * after apply (resource attributes) evaluate to {@link Unknown} carrying their address, so a check can see which
 * resources an expression points at.
 */
public final class Evaluator {

    private static final Set<String> SCOPE_ROOTS = Set.of("var", "local", "module", "data", "path", "terraform",
            "each", "count", "self");

    private final ModuleInstance module;
    private final Map<String, Object> bindings;

    Evaluator(ModuleInstance module, Map<String, Object> bindings) {
        this.module = module;
        this.bindings = bindings;
    }

    /** A constant expression (no references), e.g. the default of an optional attribute. */
    public static Object constant(Expr expr) {
        return new Evaluator(null, Map.of()).eval(expr);
    }

    public Evaluator bind(String name, Object value) {
        Map<String, Object> copy = new HashMap<>(bindings);
        copy.put(name, value);
        return new Evaluator(module, copy);
    }

    public ModuleInstance module() {
        return module;
    }

    public Object eval(Expr expr) {
        if (expr instanceof Ast.Literal l) {
            return l.value();
        } else if (expr instanceof Ast.TemplateWrap w) {
            return eval(w.expr());
        } else if (expr instanceof Ast.Template t) {
            return template(t.parts(), t.pos());
        } else if (expr instanceof Ast.Paren p) {
            return eval(p.expr());
        } else if (expr instanceof Ast.Variable v) {
            return variable(v);
        } else if (expr instanceof Ast.GetAttr g) {
            return attribute(eval(g.source()), g.name(), g.pos());
        } else if (expr instanceof Ast.Index x) {
            return index(eval(x.source()), eval(x.key()), x.pos());
        } else if (expr instanceof Ast.Splat s) {
            return splat(s);
        } else if (expr instanceof Ast.SplatItem si) {
            return bindings.get("\u0000splat");
        } else if (expr instanceof Ast.Call c) {
            return Functions.call(this, c);
        } else if (expr instanceof Ast.Conditional c) {
            return conditional(c);
        } else if (expr instanceof Ast.Binary b) {
            return binary(b);
        } else if (expr instanceof Ast.Unary u) {
            return unary(u);
        } else if (expr instanceof Ast.TupleCons t) {
            List<Object> items = new ArrayList<>();
            t.items().forEach(e -> items.add(eval(e)));
            return items;
        } else if (expr instanceof Ast.ObjectCons o) {
            return object(o);
        } else if (expr instanceof Ast.For f) {
            return forExpr(f);
        }
        throw new EvalException(expr.pos(), "cannot evaluate " + expr.getClass().getSimpleName());
    }

    // --- references ---------------------------------------------------------------------------------------------

    private Object variable(Ast.Variable v) {
        String name = v.name();
        if (bindings.containsKey(name)) {
            return bindings.get(name);
        }
        if (module == null) {
            throw new EvalException(v.pos(), "no references allowed here: " + name);
        }
        switch (name) {
            case "var":
                return new Namespace("var", module::var);
            case "local":
                return new Namespace("local", module::local);
            case "module":
                return new Namespace("module", (n, p) -> module.moduleCall(n, p));
            case "data":
                return new Namespace("data", (type, p) -> new Namespace("data." + type,
                        (n, p2) -> module.resourceRef("data", type, n, p2)));
            case "path":
                Map<String, Object> path = Values.object();
                path.put("module", module.pathModule());
                path.put("root", ".");
                path.put("cwd", module.rootDir().toString());
                return path;
            case "terraform":
                Map<String, Object> tf = Values.object();
                tf.put("workspace", "default");
                return tf;
            case "each":
            case "count":
            case "self":
                throw new EvalException(v.pos(), name + " is not available here");
            default:
                return new Namespace(name, (n, p) -> module.resourceRef("resource", name, n, p));
        }
    }

    /** var, local, module, data, data.TYPE and resource TYPE: an attribute access resolves a name. */
    record Namespace(String name, Resolver resolver) implements Traversable {
        interface Resolver {
            Object resolve(String name, Pos pos);
        }

        @Override
        public String address() {
            return name;
        }

        @Override
        public Object attribute(String attr, Pos pos) {
            return resolver.resolve(attr, pos);
        }

        @Override
        public Object index(Object key, Pos pos) {
            throw new EvalException(pos, name + " cannot be indexed");
        }

        @Override
        public Object instances(Pos pos) {
            throw new EvalException(pos, name + " is not a value");
        }
    }

    static Object attribute(Object source, String name, Pos pos) {
        if (source instanceof Traversable t) {
            return t.attribute(name, pos);
        } else if (source instanceof Unknown u) {
            return u.attribute(name);
        } else if (source instanceof Map<?, ?> m) {
            if (!m.containsKey(name)) {
                throw new EvalException(pos, "unsupported attribute \"" + name + "\" (the object has " + m.keySet() + ")");
            }
            return m.get(name);
        } else if (source == null) {
            throw new EvalException(pos, "attempt to get attribute \"" + name + "\" from a null value");
        }
        throw new EvalException(pos, "a " + Values.typeName(source) + " has no attribute \"" + name + "\"");
    }

    static Object index(Object source, Object key, Pos pos) {
        if (key instanceof Unknown u) {
            return Unknown.derived("index by " + u.render(), Values.refs(java.util.Arrays.asList(source, key)));
        }
        if (source instanceof Traversable t) {
            return t.index(key, pos);
        } else if (source instanceof Unknown u) {
            return u.index(key);
        } else if (source instanceof List<?> l) {
            BigDecimal n = key instanceof BigDecimal b ? b : key instanceof String s && s.matches("\\d+") ? new BigDecimal(s) : null;
            if (n == null || n.scale() > 0 && n.stripTrailingZeros().scale() > 0) {
                throw new EvalException(pos, "a list is indexed by a whole number, not " + Values.show(key));
            }
            int i = n.intValueExact();
            if (i < 0 || i >= l.size()) {
                throw new EvalException(pos, "index " + i + " out of range (" + l.size() + " elements)");
            }
            return l.get(i);
        } else if (source instanceof Map<?, ?> m) {
            String k = key instanceof String s ? s : Values.asString(key);
            if (!m.containsKey(k)) {
                throw new EvalException(pos, "key \"" + k + "\" not found (keys: " + m.keySet() + ")");
            }
            return m.get(k);
        } else if (source instanceof SetValue) {
            throw new EvalException(pos, "a set cannot be indexed (convert it with tolist)");
        } else if (source == null) {
            throw new EvalException(pos, "attempt to index a null value");
        }
        throw new EvalException(pos, "a " + Values.typeName(source) + " cannot be indexed");
    }

    private Object splat(Ast.Splat s) {
        Object source = eval(s.source());
        if (source instanceof Unknown u) {
            return Unknown.derived(u.text() + "[*]", u.refs());
        }
        if (source instanceof Traversable t) {
            source = t.instances(s.pos());
        }
        List<Object> elements;
        if (source == null) {
            elements = List.of();
        } else if (source instanceof List || source instanceof SetValue) {
            elements = Values.elements(source);
        } else if (source instanceof Map<?, ?> m && !m.isEmpty() && s.source() instanceof Ast.Variable) {
            elements = List.of(source);
        } else {
            elements = List.of(source);
        }
        List<Object> out = new ArrayList<>();
        for (Object e : elements) {
            out.add(bind("\u0000splat", e).eval(s.each()));
        }
        return out;
    }

    // --- operators ----------------------------------------------------------------------------------------------

    private Object conditional(Ast.Conditional c) {
        Object condition = eval(c.condition());
        if (condition instanceof Unknown u) {
            return Unknown.derived("(" + u.render() + " ? ... : ...)", u.refs());
        }
        if (!(condition instanceof Boolean b)) {
            throw new EvalException(c.pos(), "the condition is a " + Values.typeName(condition) + ", not a bool");
        }
        // Terraform reports only the chosen branch's errors; so does this.
        return eval(b ? c.whenTrue() : c.whenFalse());
    }

    private Object unary(Ast.Unary u) {
        Object v = eval(u.operand());
        if (v instanceof Unknown unknown) {
            return Unknown.derived((u.op() == Kind.BANG ? "!" : "-") + unknown.render(), unknown.refs());
        }
        if (u.op() == Kind.BANG) {
            if (!(v instanceof Boolean b)) {
                throw new EvalException(u.pos(), "! needs a bool, not a " + Values.typeName(v));
            }
            return !b;
        }
        return toNumber(v, u.pos()).negate();
    }

    private Object binary(Ast.Binary b) {
        Kind op = b.op();
        Object left = eval(b.left());
        if ((op == Kind.AND || op == Kind.OR) && left instanceof Boolean l) {
            // Not short-circuited in Terraform, but the result does not depend on the right side.
            Object right = eval(b.right());
            if (right instanceof Unknown u) {
                return op == Kind.AND ? (l ? u : Boolean.FALSE) : (l ? Boolean.TRUE : u);
            }
            if (!(right instanceof Boolean r)) {
                throw new EvalException(b.pos(), op + " needs bools, not a " + Values.typeName(right));
            }
            return op == Kind.AND ? l && r : l || r;
        }
        Object right = eval(b.right());
        if ((op == Kind.EQEQ || op == Kind.NOTEQ) && (left == null || right == null)
                && !(left instanceof Unknown) && !(right instanceof Unknown)) {
            // Whether a value is null is known even when parts of it are not (an object with unknown attributes).
            boolean equal = left == null && right == null;
            return op == Kind.EQEQ ? equal : !equal;
        }
        if (Values.containsUnknown(left) || Values.containsUnknown(right)) {
            return Unknown.derived("(" + describe(left) + " " + op + " " + describe(right) + ")",
                    Values.refs(java.util.Arrays.asList(left, right)));
        }
        switch (op) {
            case EQEQ:
                return Values.equal(left, right);
            case NOTEQ:
                return !Values.equal(left, right);
            case AND:
            case OR:
                throw new EvalException(b.pos(), op + " needs bools, not a " + Values.typeName(left));
            default:
                break;
        }
        BigDecimal x = toNumber(left, b.pos());
        BigDecimal y = toNumber(right, b.pos());
        switch (op) {
            case PLUS:
                return x.add(y);
            case MINUS:
                return x.subtract(y);
            case STAR:
                return x.multiply(y);
            case SLASH:
                if (y.signum() == 0) {
                    throw new EvalException(b.pos(), "division by zero");
                }
                return x.divide(y, MathContext.DECIMAL128);
            case PERCENT:
                return x.remainder(y);
            case LT:
                return x.compareTo(y) < 0;
            case GT:
                return x.compareTo(y) > 0;
            case LTE:
                return x.compareTo(y) <= 0;
            case GTE:
                return x.compareTo(y) >= 0;
            default:
                throw new EvalException(b.pos(), "unsupported operator " + op);
        }
    }

    private static String describe(Object v) {
        return v instanceof Unknown u ? u.render() : Values.show(v);
    }

    static BigDecimal toNumber(Object v, Pos pos) {
        if (v instanceof BigDecimal n) {
            return n;
        }
        if (v instanceof String s) {
            try {
                return new BigDecimal(s);
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new EvalException(pos, "a number is required, not " + Values.show(v));
    }

    // --- constructors -------------------------------------------------------------------------------------------

    private Object object(Ast.ObjectCons o) {
        Map<String, Object> out = new TreeMap<>();
        for (Ast.ObjectItem item : o.items()) {
            Object key = item.bareKey() ? ((Ast.Variable) item.key()).name() : eval(item.key());
            if (key instanceof Unknown u) {
                return Unknown.derived("object with unknown key " + u.render(), u.refs());
            }
            if (key == null) {
                throw new EvalException(item.key().pos(), "an object key cannot be null");
            }
            String k = Values.asString(key);
            if (out.containsKey(k)) {
                throw new EvalException(item.key().pos(), "duplicate object key \"" + k + "\"");
            }
            out.put(k, eval(item.value()));
        }
        return out;
    }

    private Object forExpr(Ast.For f) {
        Object collection = eval(f.collection());
        if (collection instanceof Traversable t) {
            collection = t.instances(f.pos());
        }
        if (collection instanceof Unknown u) {
            return Unknown.derived("for over " + u.render(), u.refs());
        }
        if (collection == null) {
            throw new EvalException(f.pos(), "a for expression cannot iterate over null");
        }
        List<Object[]> entries = new ArrayList<>();
        if (collection instanceof Map<?, ?> m) {
            m.forEach((k, v) -> entries.add(new Object[]{k, v}));
        } else if (collection instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                entries.add(new Object[]{BigDecimal.valueOf(i), l.get(i)});
            }
        } else if (collection instanceof SetValue s) {
            s.elements().forEach(e -> entries.add(new Object[]{e, e}));
        } else {
            throw new EvalException(f.pos(), "a for expression iterates over a collection, not a " + Values.typeName(collection));
        }
        List<Object> tuple = new ArrayList<>();
        Map<String, Object> object = new TreeMap<>();
        Map<String, List<Object>> groups = new TreeMap<>();
        for (Object[] entry : entries) {
            Evaluator scope = bind(f.valueVar(), entry[1]);
            if (f.keyVar() != null) {
                scope = scope.bind(f.keyVar(), entry[0]);
            }
            if (f.condition() != null) {
                Object keep = scope.eval(f.condition());
                if (keep instanceof Unknown u) {
                    return Unknown.derived("for with unknown condition " + u.render(), u.refs());
                }
                if (!(keep instanceof Boolean b)) {
                    throw new EvalException(f.condition().pos(), "the for condition is a " + Values.typeName(keep));
                }
                if (!b) {
                    continue;
                }
            }
            if (f.keyExpr() == null) {
                tuple.add(scope.eval(f.valueExpr()));
                continue;
            }
            Object key = scope.eval(f.keyExpr());
            if (key instanceof Unknown u) {
                return Unknown.derived("for with unknown key " + u.render(), u.refs());
            }
            String k = Values.asString(key);
            Object value = scope.eval(f.valueExpr());
            if (f.grouping()) {
                groups.computeIfAbsent(k, x -> new ArrayList<>()).add(value);
            } else {
                if (object.containsKey(k)) {
                    throw new EvalException(f.keyExpr().pos(), "duplicate object key \"" + k
                            + "\" in the for expression (add ... to group values by key)");
                }
                object.put(k, value);
            }
        }
        if (f.keyExpr() == null) {
            return tuple;
        }
        if (f.grouping()) {
            object.putAll(groups);
        }
        return object;
    }

    // --- templates ----------------------------------------------------------------------------------------------

    private Object template(List<Ast.Part> parts, Pos pos) {
        StringBuilder text = new StringBuilder();
        Set<String> refs = new LinkedHashSet<>();
        boolean unknown = render(parts, text, refs, pos);
        return unknown ? Unknown.template(text.toString(), refs) : text.toString();
    }

    private boolean render(List<Ast.Part> parts, StringBuilder text, Set<String> refs, Pos pos) {
        boolean unknown = false;
        for (Ast.Part part : parts) {
            if (part instanceof Ast.Lit lit) {
                text.append(lit.text());
            } else if (part instanceof Ast.Interp interp) {
                Object v = eval(interp.expr());
                if (v instanceof Traversable t) {
                    throw new EvalException(interp.expr().pos(), t.address() + " is not a string");
                }
                if (v instanceof Unknown u) {
                    text.append(u.render());
                    refs.addAll(u.refs());
                    unknown = true;
                } else if (v == null) {
                    throw new EvalException(interp.expr().pos(), "a null value in a template");
                } else if (Values.isCollection(v)) {
                    throw new EvalException(interp.expr().pos(), "a " + Values.typeName(v) + " in a template (only strings, numbers, bools)");
                } else {
                    text.append(Values.asString(v));
                }
            } else if (part instanceof Ast.IfPart ifPart) {
                Object c = eval(ifPart.condition());
                if (c instanceof Unknown u) {
                    text.append("${if ").append(u.render()).append("}");
                    refs.addAll(u.refs());
                    unknown = true;
                } else if (Boolean.TRUE.equals(c)) {
                    unknown |= render(ifPart.whenTrue(), text, refs, pos);
                } else if (Boolean.FALSE.equals(c)) {
                    unknown |= render(ifPart.whenFalse(), text, refs, pos);
                } else {
                    throw new EvalException(ifPart.condition().pos(), "%{if} needs a bool");
                }
            } else if (part instanceof Ast.ForPart forPart) {
                Object collection = eval(forPart.collection());
                if (collection instanceof Unknown u) {
                    text.append("${for ").append(u.render()).append("}");
                    refs.addAll(u.refs());
                    unknown = true;
                    continue;
                }
                List<Object[]> entries = new ArrayList<>();
                if (collection instanceof Map<?, ?> m) {
                    m.forEach((k, v) -> entries.add(new Object[]{k, v}));
                } else {
                    List<Object> l = Values.elements(collection);
                    for (int i = 0; i < l.size(); i++) {
                        entries.add(new Object[]{BigDecimal.valueOf(i), l.get(i)});
                    }
                }
                for (Object[] entry : entries) {
                    Evaluator scope = bind(forPart.valueVar(), entry[1]);
                    if (forPart.keyVar() != null) {
                        scope = scope.bind(forPart.keyVar(), entry[0]);
                    }
                    unknown |= scope.render(forPart.body(), text, refs, pos);
                }
            }
        }
        return unknown;
    }

    static boolean isScopeRoot(String name) {
        return SCOPE_ROOTS.contains(name);
    }
}
