package io.canopy.deploy.hcl;

import io.canopy.deploy.hcl.Token.Kind;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * HCL native syntax scanner (https://github.com/hashicorp/hcl/blob/main/hclsyntax/spec.md): identifiers (with
 * dashes), numbers, operators, comments ({@code #}, {@code //}, {@code /* *}{@code /}), quoted templates with
 * escapes, interpolations and directives, heredocs ({@code <<EOT}, flush {@code <<-EOT}), strip markers. Newlines are
 * tokens; the parser decides where they matter.
 */
public final class Lexer {

    private enum Mode { NORMAL, BRACE, INTERP, QUOTED, HEREDOC }

    /** One entry of the mode stack. For heredocs: marker, indentation to strip, whether at a line start. */
    private static final class Frame {
        final Mode mode;
        String marker;
        int indent;
        boolean atLineStart;

        Frame(Mode mode) {
            this.mode = mode;
        }
    }

    private final String src;
    private final String file;
    private final List<Token> tokens = new ArrayList<>();
    private final Deque<Frame> modes = new ArrayDeque<>();
    private int i;
    private int line = 1;
    private int lineStart;

    private Lexer(String file, String src) {
        this.file = file;
        this.src = src.replace("\r\n", "\n");
    }

    public static List<Token> lex(String file, String src) {
        Lexer lexer = new Lexer(file, src);
        lexer.run();
        return lexer.tokens;
    }

    private Pos pos() {
        return new Pos(file, line, i - lineStart + 1);
    }

    private HclException error(String message) {
        return new HclException(pos(), message);
    }

    private void emit(Kind kind, String text, Pos pos) {
        tokens.add(new Token(kind, text, pos, false));
    }

    private void emit(Kind kind, String text, Pos pos, boolean strip) {
        tokens.add(new Token(kind, text, pos, strip));
    }

    private char peek(int ahead) {
        int at = i + ahead;
        return at < src.length() ? src.charAt(at) : '\0';
    }

    private boolean startsWith(String s) {
        return src.startsWith(s, i);
    }

    private void newline() {
        line++;
        lineStart = i;
    }

    private void run() {
        modes.push(new Frame(Mode.NORMAL));
        if (startsWith("\uFEFF")) {
            i++;
        }
        while (true) {
            Frame top = modes.peek();
            if (top.mode == Mode.QUOTED) {
                quoted();
            } else if (top.mode == Mode.HEREDOC) {
                heredoc(top);
            } else if (!normal(top)) {
                break;
            }
        }
        emit(Kind.EOF, "", pos());
    }

    /** One token in normal mode; false at the end of input. */
    private boolean normal(Frame top) {
        skipSpaceAndComments();
        if (i >= src.length()) {
            if (modes.size() > 1) {
                throw error("unexpected end of file (unclosed " + (top.mode == Mode.BRACE ? "{" : "template") + ")");
            }
            return false;
        }
        Pos p = pos();
        char c = src.charAt(i);
        if (c == '\n') {
            i++;
            emit(Kind.NEWLINE, "\n", p);
            newline();
            return true;
        }
        if (Character.isLetter(c) || c == '_') {
            int start = i;
            while (i < src.length() && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '_' || src.charAt(i) == '-')) {
                i++;
            }
            emit(Kind.IDENT, src.substring(start, i), p);
            return true;
        }
        if (Character.isDigit(c)) {
            int start = i;
            while (Character.isDigit(peek(0))) {
                i++;
            }
            if (peek(0) == '.' && Character.isDigit(peek(1)) && !afterDot(start)) {
                i++;
                while (Character.isDigit(peek(0))) {
                    i++;
                }
            }
            if ((peek(0) == 'e' || peek(0) == 'E')
                    && (Character.isDigit(peek(1)) || ((peek(1) == '+' || peek(1) == '-') && Character.isDigit(peek(2))))) {
                i += 2;
                while (Character.isDigit(peek(0))) {
                    i++;
                }
            }
            emit(Kind.NUMBER, src.substring(start, i), p);
            return true;
        }
        switch (c) {
            case '"' -> {
                i++;
                emit(Kind.OQUOTE, "\"", p);
                modes.push(new Frame(Mode.QUOTED));
                return true;
            }
            case '{' -> {
                i++;
                emit(Kind.LBRACE, "{", p);
                modes.push(new Frame(Mode.BRACE));
                return true;
            }
            case '}' -> {
                closeBrace(p, false);
                return true;
            }
            case '~' -> {
                if (peek(1) == '}' && top.mode == Mode.INTERP) {
                    i++;
                    closeBrace(p, true);
                    return true;
                }
                throw error("unexpected ~");
            }
            default -> {
            }
        }
        if (startsWith("<<") && (Character.isLetter(peek(2)) || (peek(2) == '-' && Character.isLetter(peek(3))))) {
            heredocStart(p);
            return true;
        }
        String[] ops = {"...", "=>", "==", "!=", "<=", ">=", "&&", "||", "[", "]", "(", ")", "=", ",", ".", ":", "?",
                "<", ">", "!", "+", "-", "*", "/", "%"};
        Kind[] kinds = {Kind.ELLIPSIS, Kind.FATARROW, Kind.EQEQ, Kind.NOTEQ, Kind.LTE, Kind.GTE, Kind.AND, Kind.OR,
                Kind.LBRACK, Kind.RBRACK, Kind.LPAREN, Kind.RPAREN, Kind.EQUAL, Kind.COMMA, Kind.DOT, Kind.COLON,
                Kind.QUESTION, Kind.LT, Kind.GT, Kind.BANG, Kind.PLUS, Kind.MINUS, Kind.STAR, Kind.SLASH, Kind.PERCENT};
        for (int k = 0; k < ops.length; k++) {
            if (startsWith(ops[k])) {
                i += ops[k].length();
                emit(kinds[k], ops[k], p);
                return true;
            }
        }
        throw error("unexpected character '" + c + "'");
    }

    /** A number right after "ident." is a legacy index (a.0.b): never read "0.b"-style fractions there. */
    private boolean afterDot(int start) {
        return start > 0 && src.charAt(start - 1) == '.';
    }

    private void closeBrace(Pos p, boolean strip) {
        Frame top = modes.peek();
        i++;
        if (top.mode == Mode.INTERP) {
            modes.pop();
            emit(Kind.TEMPLATE_SEQ_END, "}", p, strip);
        } else if (top.mode == Mode.BRACE) {
            modes.pop();
            emit(Kind.RBRACE, "}", p);
        } else {
            throw new HclException(p, "unexpected }");
        }
    }

    private void skipSpaceAndComments() {
        while (i < src.length()) {
            char c = src.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r') {
                i++;
            } else if (c == '#' || (c == '/' && peek(1) == '/')) {
                while (i < src.length() && src.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && peek(1) == '*') {
                int end = src.indexOf("*/", i + 2);
                if (end < 0) {
                    throw error("unterminated /* comment");
                }
                for (int k = i; k < end; k++) {
                    if (src.charAt(k) == '\n') {
                        i = k + 1;
                        newline();
                    }
                }
                i = end + 2;
            } else {
                break;
            }
        }
    }

    private void quoted() {
        StringBuilder lit = new StringBuilder();
        Pos litPos = pos();
        while (true) {
            if (i >= src.length()) {
                throw error("unterminated string");
            }
            char c = src.charAt(i);
            if (c == '"') {
                flush(lit, litPos);
                emit(Kind.CQUOTE, "\"", pos());
                i++;
                modes.pop();
                return;
            }
            if (c == '\n') {
                throw error("newline in a quoted string (use a heredoc for multi-line text)");
            }
            if (c == '\\') {
                lit.append(escape());
                continue;
            }
            int sequence = sequenceStart(lit, litPos);
            if (sequence == SEQUENCE) {
                return;
            }
            if (sequence == NOTHING) {
                lit.append(c);
                i++;
            }
        }
    }

    private static final int NOTHING = 0;
    private static final int ESCAPE = 1;
    private static final int SEQUENCE = 2;

    /** At ${ or %{: emits the sequence start (SEQUENCE); at $${ or %%{: appends the literal (ESCAPE). */
    private int sequenceStart(StringBuilder lit, Pos litPos) {
        if (startsWith("$${") || startsWith("%%{")) {
            lit.append(src.charAt(i)).append('{');
            i += 3;
            return ESCAPE;
        }
        if (startsWith("${") || startsWith("%{")) {
            flush(lit, litPos);
            Pos p = pos();
            Kind kind = src.charAt(i) == '$' ? Kind.TEMPLATE_INTERP : Kind.TEMPLATE_CONTROL;
            i += 2;
            boolean strip = peek(0) == '~';
            if (strip) {
                i++;
            }
            emit(kind, kind == Kind.TEMPLATE_INTERP ? "${" : "%{", p, strip);
            modes.push(new Frame(Mode.INTERP));
            return SEQUENCE;
        }
        return NOTHING;
    }

    private void flush(StringBuilder lit, Pos litPos) {
        if (!lit.isEmpty()) {
            emit(Kind.QLIT, lit.toString(), litPos);
            lit.setLength(0);
        }
    }

    private String escape() {
        char e = peek(1);
        i += 2;
        return switch (e) {
            case 'n' -> "\n";
            case 'r' -> "\r";
            case 't' -> "\t";
            case '"' -> "\"";
            case '\\' -> "\\";
            case 'u' -> unicode(4);
            case 'U' -> unicode(8);
            default -> throw error("invalid escape \\" + e);
        };
    }

    private String unicode(int digits) {
        if (i + digits > src.length()) {
            throw error("truncated unicode escape");
        }
        int code = Integer.parseInt(src.substring(i, i + digits), 16);
        i += digits;
        return new String(Character.toChars(code));
    }

    private void heredocStart(Pos p) {
        i += 2;
        boolean flushIndent = peek(0) == '-';
        if (flushIndent) {
            i++;
        }
        int start = i;
        while (i < src.length() && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '_' || src.charAt(i) == '-')) {
            i++;
        }
        String marker = src.substring(start, i);
        if (peek(0) != '\n') {
            throw error("a heredoc marker must end its line");
        }
        i++;
        newline();
        emit(Kind.OHEREDOC, marker, p, flushIndent);
        Frame frame = new Frame(Mode.HEREDOC);
        frame.marker = marker;
        frame.atLineStart = true;
        frame.indent = flushIndent ? commonIndent(marker) : 0;
        modes.push(frame);
    }

    /** The smallest indentation of the heredoc's non-blank lines (what <<- removes). */
    private int commonIndent(String marker) {
        int min = Integer.MAX_VALUE;
        int at = i;
        while (at < src.length()) {
            int end = src.indexOf('\n', at);
            String l = src.substring(at, end < 0 ? src.length() : end);
            if (l.strip().equals(marker)) {
                break;
            }
            if (!l.isBlank()) {
                int n = 0;
                while (n < l.length() && (l.charAt(n) == ' ' || l.charAt(n) == '\t')) {
                    n++;
                }
                min = Math.min(min, n);
            }
            if (end < 0) {
                break;
            }
            at = end + 1;
        }
        return min == Integer.MAX_VALUE ? 0 : min;
    }

    private void heredoc(Frame frame) {
        StringBuilder lit = new StringBuilder();
        Pos litPos = pos();
        while (true) {
            if (i >= src.length()) {
                throw error("unterminated heredoc, expected " + frame.marker);
            }
            if (frame.atLineStart) {
                int end = src.indexOf('\n', i);
                String l = src.substring(i, end < 0 ? src.length() : end);
                if (l.strip().equals(frame.marker)) {
                    flush(lit, litPos);
                    emit(Kind.CHEREDOC, frame.marker, pos());
                    i += l.length();
                    modes.pop();
                    return;
                }
                int skip = 0;
                while (skip < frame.indent && skip < l.length() && (l.charAt(skip) == ' ' || l.charAt(skip) == '\t')) {
                    skip++;
                }
                i += skip;
                frame.atLineStart = false;
            }
            char c = src.charAt(i);
            if (c == '\n') {
                lit.append('\n');
                i++;
                newline();
                frame.atLineStart = true;
                continue;
            }
            int sequence = sequenceStart(lit, litPos);
            if (sequence == SEQUENCE) {
                return;
            }
            if (sequence == NOTHING) {
                lit.append(c);
                i++;
            }
        }
    }
}
