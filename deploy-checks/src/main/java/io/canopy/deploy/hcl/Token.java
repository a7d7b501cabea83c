package io.canopy.deploy.hcl;

/**
 * A token of HCL's native syntax. Templates are split into their parts by the lexer: {@code OQUOTE}, literal
 * pieces ({@code QLIT}, escapes already decoded), {@code TEMPLATE_INTERP} / {@code TEMPLATE_CONTROL} ... ordinary
 * tokens ... {@code TEMPLATE_SEQ_END}, and {@code CQUOTE} (or {@code OHEREDOC} ... {@code CHEREDOC}).
 *
 * @param strip for template sequence tokens: a strip marker {@code ~} on this side ({@code ${~} or {@code ~}})
 */
public record Token(Kind kind, String text, Pos pos, boolean strip) {

    public enum Kind {
        IDENT, NUMBER,
        OQUOTE, CQUOTE, OHEREDOC, CHEREDOC, QLIT, TEMPLATE_INTERP, TEMPLATE_CONTROL, TEMPLATE_SEQ_END,
        NEWLINE, EOF,
        LBRACE, RBRACE, LBRACK, RBRACK, LPAREN, RPAREN,
        EQUAL, COMMA, DOT, ELLIPSIS, COLON, QUESTION, FATARROW,
        EQEQ, NOTEQ, LT, GT, LTE, GTE, AND, OR, BANG, PLUS, MINUS, STAR, SLASH, PERCENT
    }

    public boolean is(Kind k) {
        return kind == k;
    }

    public boolean isIdent(String name) {
        return kind == Kind.IDENT && text.equals(name);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case IDENT, NUMBER -> kind + "(" + text + ")";
            case QLIT -> "QLIT(\"" + text + "\")";
            default -> kind.toString();
        };
    }
}
