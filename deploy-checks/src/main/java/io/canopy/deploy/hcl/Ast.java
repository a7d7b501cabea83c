package io.canopy.deploy.hcl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The syntax tree of an HCL file: bodies of attributes and blocks; expressions. */
public final class Ast {

    private Ast() {
    }

    public record Attribute(String name, Expr expr, Pos pos) {
    }

    public record Block(String type, List<String> labels, Body body, Pos pos) {

        public String label(int index) {
            return index < labels.size() ? labels.get(index) : null;
        }
    }

    /** Attributes in source order (names are unique) and blocks in source order. */
    public record Body(Map<String, Attribute> attributes, List<Block> blocks) {

        public Attribute attribute(String name) {
            return attributes.get(name);
        }

        public List<Block> blocks(String type) {
            return blocks.stream().filter(b -> b.type().equals(type)).toList();
        }
    }

    public sealed interface Expr permits Literal, Template, TemplateWrap, Variable, GetAttr, Index, Splat, SplatItem,
            Call, Conditional, Binary, Unary, TupleCons, ObjectCons, For, Paren {
        Pos pos();
    }

    /** null, a Boolean, a BigDecimal or a String. */
    public record Literal(Object value, Pos pos) implements Expr {
    }

    public record Template(List<Part> parts, Pos pos) implements Expr {
    }

    /** A template that is exactly one interpolation ("${x}"): its value is x's, unconverted. */
    public record TemplateWrap(Expr expr, Pos pos) implements Expr {
    }

    public record Variable(String name, Pos pos) implements Expr {
    }

    public record GetAttr(Expr source, String name, Pos pos) implements Expr {
    }

    public record Index(Expr source, Expr key, Pos pos) implements Expr {
    }

    /** source[*] followed by a traversal applied to each element ({@link SplatItem} stands for the element). */
    public record Splat(Expr source, Expr each, Pos pos) implements Expr {
    }

    public record SplatItem(Pos pos) implements Expr {
    }

    public record Call(String name, List<Expr> args, boolean expandFinal, Pos pos) implements Expr {
    }

    public record Conditional(Expr condition, Expr whenTrue, Expr whenFalse, Pos pos) implements Expr {
    }

    public record Binary(Token.Kind op, Expr left, Expr right, Pos pos) implements Expr {
    }

    public record Unary(Token.Kind op, Expr operand, Pos pos) implements Expr {
    }

    public record TupleCons(List<Expr> items, Pos pos) implements Expr {
    }

    /** @param bareKey the key was a naked identifier (a literal string, never a reference) */
    public record ObjectItem(Expr key, boolean bareKey, Expr value) {
    }

    public record ObjectCons(List<ObjectItem> items, Pos pos) implements Expr {
    }

    /** [for k, v in c : value if cond] or {for k, v in c : key => value... if cond} (keyExpr non-null). */
    public record For(String keyVar, String valueVar, Expr collection, Expr keyExpr, Expr valueExpr, Expr condition,
                      boolean grouping, Pos pos) implements Expr {
    }

    public record Paren(Expr expr, Pos pos) implements Expr {
    }

    public sealed interface Part permits Lit, Interp, IfPart, ForPart {
    }

    public record Lit(String text) implements Part {
    }

    public record Interp(Expr expr) implements Part {
    }

    public record IfPart(Expr condition, List<Part> whenTrue, List<Part> whenFalse) implements Part {
    }

    public record ForPart(String keyVar, String valueVar, Expr collection, List<Part> body) implements Part {
    }

    /** Every expression in the tree under {@code expr} (itself included), depth first. */
    public static void walk(Expr expr, Consumer<Expr> visitor) {
        if (expr == null) {
            return;
        }
        visitor.accept(expr);
        if (expr instanceof Template t) {
            walkParts(t.parts(), visitor);
        } else if (expr instanceof TemplateWrap w) {
            walk(w.expr(), visitor);
        } else if (expr instanceof GetAttr g) {
            walk(g.source(), visitor);
        } else if (expr instanceof Index x) {
            walk(x.source(), visitor);
            walk(x.key(), visitor);
        } else if (expr instanceof Splat sp) {
            walk(sp.source(), visitor);
            walk(sp.each(), visitor);
        } else if (expr instanceof Call c) {
            c.args().forEach(a -> walk(a, visitor));
        } else if (expr instanceof Conditional c) {
            walk(c.condition(), visitor);
            walk(c.whenTrue(), visitor);
            walk(c.whenFalse(), visitor);
        } else if (expr instanceof Binary b) {
            walk(b.left(), visitor);
            walk(b.right(), visitor);
        } else if (expr instanceof Unary u) {
            walk(u.operand(), visitor);
        } else if (expr instanceof TupleCons t) {
            t.items().forEach(e -> walk(e, visitor));
        } else if (expr instanceof ObjectCons o) {
            o.items().forEach(item -> {
                walk(item.key(), visitor);
                walk(item.value(), visitor);
            });
        } else if (expr instanceof For f) {
            walk(f.collection(), visitor);
            walk(f.keyExpr(), visitor);
            walk(f.valueExpr(), visitor);
            walk(f.condition(), visitor);
        } else if (expr instanceof Paren p) {
            walk(p.expr(), visitor);
        }
    }

    private static void walkParts(List<Part> parts, Consumer<Expr> visitor) {
        for (Part part : parts) {
            if (part instanceof Interp i) {
                walk(i.expr(), visitor);
            } else if (part instanceof IfPart p) {
                walk(p.condition(), visitor);
                walkParts(p.whenTrue(), visitor);
                walkParts(p.whenFalse(), visitor);
            } else if (part instanceof ForPart f) {
                walk(f.collection(), visitor);
                walkParts(f.body(), visitor);
            }
        }
    }

    /** Every expression of a body (attributes and nested blocks). */
    public static void walk(Body body, Consumer<Expr> visitor) {
        body.attributes().values().forEach(a -> walk(a.expr(), visitor));
        body.blocks().forEach(b -> walk(b.body(), visitor));
    }

    /**
     * A static traversal: a root variable name followed by attribute names and literal indexes, e.g.
     * {@code aws_lambda_function.this.arn} → ["aws_lambda_function", "this", "arn"]. Null if {@code expr} is not one.
     */
    public static List<String> traversal(Expr expr) {
        List<String> steps = new ArrayList<>();
        Expr e = expr;
        while (true) {
            if (e instanceof Variable v) {
                steps.add(0, v.name());
                return steps;
            } else if (e instanceof GetAttr g) {
                steps.add(0, g.name());
                e = g.source();
            } else if (e instanceof Index x) {
                steps.add(0, "[]");
                e = x.source();
            } else {
                return null;
            }
        }
    }
}
