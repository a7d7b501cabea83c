package io.canopy.deploy.hcl;

import io.canopy.deploy.hcl.Ast.Attribute;
import io.canopy.deploy.hcl.Ast.Block;
import io.canopy.deploy.hcl.Ast.Body;
import io.canopy.deploy.hcl.Ast.Expr;
import io.canopy.deploy.hcl.Ast.Part;
import io.canopy.deploy.hcl.Token.Kind;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recursive-descent parser of HCL's native syntax into {@link Ast}: bodies (attributes, blocks, one-line blocks),
 * the full expression grammar (operators with HCL's precedence, conditionals, function calls with {@code ...},
 * tuples, objects, for expressions, index/attribute/splat traversals, legacy {@code .0} indexes) and templates with
 * interpolations, {@code %{if}}/{@code %{for}} directives and strip markers. Newlines end attributes; inside
 * parentheses, brackets and interpolations they are ignored; inside braces they separate items.
 */
public final class Parser {

    private final List<Token> tokens;
    private int at;
    /** Whether newlines are significant in the current context (top of the stack). */
    private final Deque<Boolean> newlines = new ArrayDeque<>();

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
        newlines.push(true);
    }

    public static Body parse(String file, String source) {
        Parser parser = new Parser(Lexer.lex(file, source));
        Body body = parser.body(false);
        parser.expect(Kind.EOF, "end of file");
        return body;
    }

    public static Body parse(Path file) throws IOException {
        return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /** One expression alone (for tests and type constraints). */
    public static Expr expression(String source) {
        Parser parser = new Parser(Lexer.lex("<expr>", source));
        parser.newlines.push(false);
        Expr expr = parser.expression();
        parser.expect(Kind.EOF, "end of expression");
        return expr;
    }

    // --- tokens -------------------------------------------------------------------------------------------------

    private Token peek() {
        if (!newlines.peek()) {
            while (tokens.get(at).is(Kind.NEWLINE)) {
                at++;
            }
        }
        return tokens.get(at);
    }

    private Token next() {
        Token t = peek();
        if (!t.is(Kind.EOF)) {
            at++;
        }
        return t;
    }

    private Token rawPeek() {
        return tokens.get(at);
    }

    private boolean accept(Kind kind) {
        if (peek().is(kind)) {
            next();
            return true;
        }
        return false;
    }

    private Token expect(Kind kind, String what) {
        Token t = peek();
        if (!t.is(kind)) {
            throw new HclException(t.pos(), "expected " + what + ", found " + describe(t));
        }
        return next();
    }

    private static String describe(Token t) {
        return switch (t.kind()) {
            case NEWLINE -> "a newline";
            case EOF -> "the end of the file";
            case IDENT -> "'" + t.text() + "'";
            default -> "'" + t.text() + "'";
        };
    }

    private void skipNewlines() {
        while (rawPeek().is(Kind.NEWLINE)) {
            at++;
        }
    }

    private <T> T with(boolean significant, java.util.function.Supplier<T> parse) {
        newlines.push(significant);
        try {
            return parse.get();
        } finally {
            newlines.pop();
        }
    }

    // --- bodies -------------------------------------------------------------------------------------------------

    private Body body(boolean inBraces) {
        Map<String, Attribute> attributes = new LinkedHashMap<>();
        List<Block> blocks = new ArrayList<>();
        while (true) {
            skipNewlines();
            Token t = rawPeek();
            if (t.is(Kind.RBRACE) && inBraces || t.is(Kind.EOF)) {
                if (t.is(Kind.EOF) && inBraces) {
                    throw new HclException(t.pos(), "expected } to close the block");
                }
                break;
            }
            if (!t.is(Kind.IDENT)) {
                throw new HclException(t.pos(), "expected an attribute or block name, found " + describe(t));
            }
            at++;
            if (rawPeek().is(Kind.EQUAL)) {
                at++;
                Expr value = with(true, this::expression);
                if (attributes.containsKey(t.text())) {
                    throw new HclException(t.pos(), "attribute " + t.text() + " is defined twice (first at "
                            + attributes.get(t.text()).pos() + ")");
                }
                attributes.put(t.text(), new Attribute(t.text(), value, t.pos()));
                endOfItem(inBraces);
            } else {
                blocks.add(block(t));
                endOfItem(inBraces);
            }
        }
        return new Body(attributes, blocks);
    }

    private void endOfItem(boolean inBraces) {
        Token end = rawPeek();
        if (end.is(Kind.NEWLINE) || end.is(Kind.EOF) || (inBraces && end.is(Kind.RBRACE))) {
            return;
        }
        throw new HclException(end.pos(), "expected a newline after the attribute or block, found " + describe(end));
    }

    private Block block(Token type) {
        List<String> labels = new ArrayList<>();
        while (true) {
            Token t = rawPeek();
            if (t.is(Kind.IDENT)) {
                at++;
                labels.add(t.text());
            } else if (t.is(Kind.OQUOTE)) {
                at++;
                StringBuilder label = new StringBuilder();
                while (rawPeek().is(Kind.QLIT)) {
                    label.append(tokens.get(at++).text());
                }
                if (!rawPeek().is(Kind.CQUOTE)) {
                    throw new HclException(rawPeek().pos(), "a block label must be a plain string, without templates");
                }
                at++;
                labels.add(label.toString());
            } else {
                break;
            }
        }
        Token open = rawPeek();
        if (!open.is(Kind.LBRACE)) {
            throw new HclException(open.pos(), "expected = or a block (labels and {) after " + type.text()
                    + ", found " + describe(open));
        }
        at++;
        Body body;
        if (rawPeek().is(Kind.NEWLINE)) {
            body = body(true);
        } else if (rawPeek().is(Kind.RBRACE)) {
            body = new Body(Map.of(), List.of());
        } else {
            // One-line block: at most one attribute.
            Token name = rawPeek();
            if (!name.is(Kind.IDENT) || !tokens.get(at + 1).is(Kind.EQUAL)) {
                throw new HclException(name.pos(), "a one-line block holds one attribute, nothing else");
            }
            at += 2;
            Expr value = with(true, this::expression);
            body = new Body(Map.of(name.text(), new Attribute(name.text(), value, name.pos())), List.of());
        }
        Token close = rawPeek();
        if (!close.is(Kind.RBRACE)) {
            throw new HclException(close.pos(), "expected } to close block " + type.text() + ", found " + describe(close));
        }
        at++;
        return new Block(type.text(), List.copyOf(labels), body, type.pos());
    }

    // --- expressions --------------------------------------------------------------------------------------------

    private Expr expression() {
        Expr condition = binary(0);
        if (peek().is(Kind.QUESTION)) {
            Token q = next();
            Expr whenTrue = expression();
            expect(Kind.COLON, "':' of the conditional");
            Expr whenFalse = expression();
            return new Ast.Conditional(condition, whenTrue, whenFalse, q.pos());
        }
        return condition;
    }

    private static final Kind[][] LEVELS = {
            {Kind.OR},
            {Kind.AND},
            {Kind.EQEQ, Kind.NOTEQ},
            {Kind.LT, Kind.GT, Kind.LTE, Kind.GTE},
            {Kind.PLUS, Kind.MINUS},
            {Kind.STAR, Kind.SLASH, Kind.PERCENT},
    };

    private Expr binary(int level) {
        if (level == LEVELS.length) {
            return unary();
        }
        Expr left = binary(level + 1);
        while (true) {
            Token op = peek();
            if (!isOneOf(op.kind(), LEVELS[level])) {
                return left;
            }
            next();
            Expr right = binary(level + 1);
            left = new Ast.Binary(op.kind(), left, right, op.pos());
        }
    }

    private static boolean isOneOf(Kind kind, Kind[] kinds) {
        for (Kind k : kinds) {
            if (k == kind) {
                return true;
            }
        }
        return false;
    }

    private Expr unary() {
        Token t = peek();
        if (t.is(Kind.BANG) || t.is(Kind.MINUS)) {
            next();
            return new Ast.Unary(t.kind(), unary(), t.pos());
        }
        return postfix(term());
    }

    private Expr term() {
        Token t = next();
        switch (t.kind()) {
            case NUMBER:
                return new Ast.Literal(new BigDecimal(t.text()), t.pos());
            case IDENT:
                switch (t.text()) {
                    case "true":
                        return new Ast.Literal(Boolean.TRUE, t.pos());
                    case "false":
                        return new Ast.Literal(Boolean.FALSE, t.pos());
                    case "null":
                        return new Ast.Literal(null, t.pos());
                    default:
                        break;
                }
                if (rawPeek().is(Kind.LPAREN)) {
                    return call(t);
                }
                if (rawPeek().is(Kind.COLON) && tokens.get(at + 1).is(Kind.COLON)) {
                    return namespacedCall(t);
                }
                return new Ast.Variable(t.text(), t.pos());
            case OQUOTE:
                return template(t, Kind.CQUOTE);
            case OHEREDOC:
                if (!rawPeek().is(Kind.CHEREDOC) && !rawPeek().is(Kind.QLIT) && !rawPeek().is(Kind.TEMPLATE_INTERP)
                        && !rawPeek().is(Kind.TEMPLATE_CONTROL)) {
                    throw new HclException(rawPeek().pos(), "malformed heredoc");
                }
                return template(t, Kind.CHEREDOC);
            case LPAREN: {
                Expr inner = with(false, this::expression);
                with(false, () -> expect(Kind.RPAREN, "')'"));
                return new Ast.Paren(inner, t.pos());
            }
            case LBRACK:
                return with(false, () -> tuple(t));
            case LBRACE:
                return object(t);
            default:
                throw new HclException(t.pos(), "expected an expression, found " + describe(t));
        }
    }

    private Expr call(Token name) {
        at++; // (
        return with(false, () -> {
            List<Expr> args = new ArrayList<>();
            boolean expand = false;
            if (!accept(Kind.RPAREN)) {
                while (true) {
                    args.add(expression());
                    if (accept(Kind.ELLIPSIS)) {
                        expand = true;
                        expect(Kind.RPAREN, "')' after the expanded final argument");
                        break;
                    }
                    if (accept(Kind.RPAREN)) {
                        break;
                    }
                    expect(Kind.COMMA, "',' or ')' in the arguments of " + name.text());
                    if (accept(Kind.RPAREN)) {
                        break;
                    }
                }
            }
            return new Ast.Call(name.text(), List.copyOf(args), expand, name.pos());
        });
    }

    /** provider::name::function(...) (Terraform 1.8 provider functions). */
    private Expr namespacedCall(Token first) {
        StringBuilder name = new StringBuilder(first.text());
        while (rawPeek().is(Kind.COLON) && tokens.get(at + 1).is(Kind.COLON)) {
            at += 2;
            Token part = rawPeek();
            if (!part.is(Kind.IDENT)) {
                throw new HclException(part.pos(), "expected a function name after ::");
            }
            at++;
            name.append("::").append(part.text());
        }
        if (!rawPeek().is(Kind.LPAREN)) {
            throw new HclException(rawPeek().pos(), "expected ( after " + name);
        }
        return call(new Token(Kind.IDENT, name.toString(), first.pos(), false));
    }

    private Expr tuple(Token open) {
        if (peek().isIdent("for") && !isAttributeAfterFor()) {
            return forExpr(open, false);
        }
        List<Expr> items = new ArrayList<>();
        while (!accept(Kind.RBRACK)) {
            items.add(expression());
            if (accept(Kind.RBRACK)) {
                break;
            }
            expect(Kind.COMMA, "',' or ']' in the tuple");
        }
        return new Ast.TupleCons(List.copyOf(items), open.pos());
    }

    /** "for" followed by an identifier starts a for expression; "[for]" or "{for = 1}" would not. */
    private boolean isAttributeAfterFor() {
        int save = at;
        peek();
        Token after = tokens.get(peekIndexAfterNewlines(at + 1));
        at = save;
        return !after.is(Kind.IDENT);
    }

    private int peekIndexAfterNewlines(int from) {
        int k = from;
        while (tokens.get(k).is(Kind.NEWLINE)) {
            k++;
        }
        return k;
    }

    private Expr object(Token open) {
        newlines.push(false);
        boolean isFor = peek().isIdent("for") && !isAttributeAfterFor();
        newlines.pop();
        if (isFor) {
            return with(false, () -> {
                peek();
                return forExpr(open, true);
            });
        }
        return with(true, () -> {
            List<Ast.ObjectItem> items = new ArrayList<>();
            while (true) {
                skipNewlines();
                if (rawPeek().is(Kind.RBRACE)) {
                    at++;
                    break;
                }
                Token keyStart = rawPeek();
                Expr key = with(false, this::objectKey);
                boolean bare = key instanceof Ast.Variable;
                Token sep = rawPeek();
                if (!sep.is(Kind.EQUAL) && !sep.is(Kind.COLON)) {
                    throw new HclException(sep.pos(), "expected = or : after the object key, found " + describe(sep));
                }
                at++;
                Expr value = expression();
                items.add(new Ast.ObjectItem(key, bare, value));
                Token end = rawPeek();
                if (end.is(Kind.COMMA)) {
                    at++;
                } else if (end.is(Kind.NEWLINE)) {
                    skipNewlines();
                } else if (!end.is(Kind.RBRACE)) {
                    throw new HclException(end.pos(), "expected ',', a newline or '}' after the object item "
                            + keyStart.text() + ", found " + describe(end));
                }
            }
            return new Ast.ObjectCons(List.copyOf(items), open.pos());
        });
    }

    /** A key: a naked identifier (a literal name), or any expression; no traversal of a naked identifier. */
    private Expr objectKey() {
        Token t = peek();
        if (t.is(Kind.IDENT) && (tokens.get(at + 1).is(Kind.EQUAL) || tokens.get(at + 1).is(Kind.COLON))
                && !tokens.get(at + 2).is(Kind.COLON)) {
            next();
            return new Ast.Variable(t.text(), t.pos());
        }
        return unaryNoConditional();
    }

    private Expr unaryNoConditional() {
        return binary(0);
    }

    private Expr forExpr(Token open, boolean object) {
        Token forToken = next(); // for
        Token first = expect(Kind.IDENT, "an iteration variable after for");
        String keyVar = null;
        String valueVar = first.text();
        if (accept(Kind.COMMA)) {
            keyVar = first.text();
            valueVar = expect(Kind.IDENT, "the value variable after ','").text();
        }
        Token in = next();
        if (!in.isIdent("in")) {
            throw new HclException(in.pos(), "expected 'in' in the for expression, found " + describe(in));
        }
        Expr collection = expression();
        expect(Kind.COLON, "':' after the collection of the for expression");
        Expr keyExpr = null;
        Expr valueExpr;
        boolean grouping = false;
        if (object) {
            keyExpr = expression();
            expect(Kind.FATARROW, "'=>' in the object for expression");
            valueExpr = expression();
            grouping = accept(Kind.ELLIPSIS);
        } else {
            valueExpr = expression();
        }
        Expr condition = null;
        if (peek().isIdent("if")) {
            next();
            condition = expression();
        }
        expect(object ? Kind.RBRACE : Kind.RBRACK, object ? "'}' closing the for expression" : "']' closing the for expression");
        return new Ast.For(keyVar, valueVar, collection, keyExpr, valueExpr, condition, grouping, forToken.pos());
    }

    private Expr postfix(Expr expr) {
        while (true) {
            Token t = peek();
            if (t.is(Kind.DOT)) {
                Token after = tokens.get(at + 1);
                if (after.is(Kind.STAR)) {
                    at += 2;
                    return splat(expr, t, false);
                }
                next();
                Token name = next();
                if (name.is(Kind.IDENT)) {
                    expr = new Ast.GetAttr(expr, name.text(), name.pos());
                } else if (name.is(Kind.NUMBER) && name.text().matches("\\d+")) {
                    expr = new Ast.Index(expr, new Ast.Literal(new BigDecimal(name.text()), name.pos()), name.pos());
                } else {
                    throw new HclException(name.pos(), "expected an attribute name after '.', found " + describe(name));
                }
            } else if (t.is(Kind.LBRACK)) {
                next();
                if (peek().is(Kind.STAR) && tokens.get(peekIndexAfterNewlines(at + 1)).is(Kind.RBRACK)) {
                    next();
                    expect(Kind.RBRACK, "']'");
                    return splat(expr, t, true);
                }
                Expr key = with(false, this::expression);
                with(false, () -> expect(Kind.RBRACK, "']' closing the index"));
                expr = new Ast.Index(expr, key, t.pos());
            } else {
                return expr;
            }
        }
    }

    /** After [*] (full) or .* (attribute-only): the traversal that follows applies to each element. */
    private Expr splat(Expr source, Token t, boolean full) {
        Expr each = new Ast.SplatItem(t.pos());
        while (true) {
            Token n = peek();
            if (n.is(Kind.DOT) && tokens.get(at + 1).is(Kind.IDENT)) {
                next();
                Token name = next();
                each = new Ast.GetAttr(each, name.text(), name.pos());
            } else if (full && n.is(Kind.LBRACK)) {
                next();
                Expr key = with(false, this::expression);
                with(false, () -> expect(Kind.RBRACK, "']'"));
                each = new Ast.Index(each, key, n.pos());
            } else {
                break;
            }
        }
        return new Ast.Splat(source, each, t.pos());
    }

    // --- templates ----------------------------------------------------------------------------------------------

    private Expr template(Token open, Kind close) {
        List<Part> parts = with(false, () -> parts(close, List.of()));
        Token end = tokens.get(at);
        if (!end.is(close)) {
            throw new HclException(end.pos(), "expected the end of the template, found " + describe(end));
        }
        at++;
        if (parts.isEmpty()) {
            return new Ast.Literal("", open.pos());
        }
        if (parts.size() == 1 && parts.get(0) instanceof Ast.Lit lit) {
            return new Ast.Literal(lit.text(), open.pos());
        }
        if (parts.size() == 1 && parts.get(0) instanceof Ast.Interp interp && close == Kind.CQUOTE) {
            return new Ast.TemplateWrap(interp.expr(), open.pos());
        }
        return new Ast.Template(List.copyOf(parts), open.pos());
    }

    /** Template parts up to the closing token or one of the given directive keywords (else, endif, endfor). */
    private List<Part> parts(Kind close, List<String> stopKeywords) {
        List<Part> parts = new ArrayList<>();
        boolean stripNext = false;
        while (true) {
            Token t = tokens.get(at);
            if (t.is(close) || t.is(Kind.EOF)) {
                return parts;
            }
            if (t.is(Kind.QLIT)) {
                at++;
                String text = stripNext ? stripLeading(t.text()) : t.text();
                stripNext = false;
                parts.add(new Ast.Lit(text));
            } else if (t.is(Kind.TEMPLATE_INTERP)) {
                at++;
                if (t.strip()) {
                    stripTrailing(parts);
                }
                Expr expr = expression();
                Token end = expectSeqEnd();
                stripNext = end.strip();
                parts.add(new Ast.Interp(expr));
            } else if (t.is(Kind.TEMPLATE_CONTROL)) {
                Token keyword = tokens.get(at + 1);
                if (keyword.is(Kind.IDENT) && stopKeywords.contains(keyword.text())) {
                    return parts;
                }
                at += 2;
                if (t.strip()) {
                    stripTrailing(parts);
                }
                if (keyword.isIdent("if")) {
                    Expr condition = expression();
                    stripNext = expectSeqEnd().strip();
                    List<Part> whenTrue = parts(close, List.of("else", "endif"));
                    List<Part> whenFalse = List.of();
                    if (directive("else")) {
                        whenFalse = parts(close, List.of("endif"));
                    }
                    if (!directive("endif")) {
                        throw new HclException(t.pos(), "%{if} without %{endif}");
                    }
                    parts.add(new Ast.IfPart(condition, whenTrue, whenFalse));
                } else if (keyword.isIdent("for")) {
                    Token first = expect(Kind.IDENT, "an iteration variable");
                    String keyVar = null;
                    String valueVar = first.text();
                    if (accept(Kind.COMMA)) {
                        keyVar = first.text();
                        valueVar = expect(Kind.IDENT, "the value variable").text();
                    }
                    if (!next().isIdent("in")) {
                        throw new HclException(first.pos(), "expected 'in' in %{for}");
                    }
                    Expr collection = expression();
                    stripNext = expectSeqEnd().strip();
                    List<Part> body = parts(close, List.of("endfor"));
                    if (!directive("endfor")) {
                        throw new HclException(t.pos(), "%{for} without %{endfor}");
                    }
                    parts.add(new Ast.ForPart(keyVar, valueVar, collection, body));
                } else {
                    throw new HclException(keyword.pos(), "unknown template directive " + keyword.text());
                }
            } else {
                throw new HclException(t.pos(), "unexpected " + describe(t) + " in a template");
            }
        }
    }

    /** Consumes %{keyword} if it is next. */
    private boolean directive(String keyword) {
        Token t = tokens.get(at);
        if (t.is(Kind.TEMPLATE_CONTROL) && tokens.get(at + 1).isIdent(keyword)) {
            at += 2;
            expectSeqEnd();
            return true;
        }
        return false;
    }

    private Token expectSeqEnd() {
        Token t = peek();
        if (!t.is(Kind.TEMPLATE_SEQ_END)) {
            throw new HclException(t.pos(), "expected } closing the template sequence, found " + describe(t));
        }
        return next();
    }

    private static String stripLeading(String s) {
        int k = 0;
        while (k < s.length() && Character.isWhitespace(s.charAt(k))) {
            k++;
        }
        return s.substring(k);
    }

    private static void stripTrailing(List<Part> parts) {
        if (!parts.isEmpty() && parts.get(parts.size() - 1) instanceof Ast.Lit lit) {
            parts.set(parts.size() - 1, new Ast.Lit(lit.text().stripTrailing()));
        }
    }
}
