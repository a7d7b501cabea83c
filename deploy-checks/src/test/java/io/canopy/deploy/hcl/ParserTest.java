package io.canopy.deploy.hcl;

import io.canopy.deploy.hcl.Ast.Body;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParserTest {

    @Test
    void parse_readsBlocksLabelsAttributesAndOneLineBlocks() {
        // GIVEN
        String source = """
                # comment
                resource "aws_x" "this" {
                  name = "a" // trailing comment
                  /* block
                     comment */
                  nested {
                    enabled = true
                  }
                  empty {}
                  one { value = 1 }
                }
                """;

        // WHEN
        Body body = Parser.parse("t.tf", source);

        // THEN
        Ast.Block resource = body.blocks().get(0);
        assertThat(resource.type()).isEqualTo("resource");
        assertThat(resource.labels()).containsExactly("aws_x", "this");
        assertThat(((Ast.Literal) resource.body().attribute("name").expr()).value()).isEqualTo("a");
        assertThat(resource.body().blocks()).extracting(Ast.Block::type).containsExactly("nested", "empty", "one");
        assertThat(resource.body().blocks("one").get(0).body().attribute("value")).isNotNull();
    }

    @Test
    void expression_honoursOperatorPrecedence_andConditionals() {
        // WHEN
        Ast.Expr expr = Parser.expression("a || b && c == 1 + 2 * 3 ? x : y");

        // THEN: ((a || (b && (c == (1 + (2 * 3))))) ? x : y)
        assertThat(expr).isInstanceOf(Ast.Conditional.class);
        Ast.Binary or = (Ast.Binary) ((Ast.Conditional) expr).condition();
        assertThat(or.op()).isEqualTo(Token.Kind.OR);
        Ast.Binary and = (Ast.Binary) or.right();
        Ast.Binary eq = (Ast.Binary) and.right();
        Ast.Binary plus = (Ast.Binary) eq.right();
        assertThat(plus.op()).isEqualTo(Token.Kind.PLUS);
        assertThat(((Ast.Binary) plus.right()).op()).isEqualTo(Token.Kind.STAR);
    }

    @Test
    void expression_readsForExpressionsSplatsIndexesAndExpansion() {
        assertThat(Parser.expression("[for k, v in var.m : upper(v) if k != \"x\"]")).isInstanceOf(Ast.For.class);
        Ast.For object = (Ast.For) Parser.expression("{ for x in local.l : x.k => x... }");
        assertThat(object.grouping()).isTrue();
        assertThat(object.keyExpr()).isNotNull();
        assertThat(Parser.expression("aws_subnet.private[*].id")).isInstanceOf(Ast.Splat.class);
        assertThat(Ast.traversal(Parser.expression("aws_x.y[0].attr"))).containsExactly("aws_x", "y", "[]", "attr");
        assertThat(Ast.traversal(Parser.expression("a.0.b"))).containsExactly("a", "[]", "b");
        assertThat(((Ast.Call) Parser.expression("merge(local.list...)")).expandFinal()).isTrue();
    }

    @Test
    void templates_decodeEscapesInterpolationsDirectivesAndHeredocs() {
        // GIVEN / WHEN
        Ast.Expr escaped = Parser.expression("\"a\\n\\\"b\\\" $${literal} %%{x}\"");
        Ast.Expr template = Parser.expression("\"x-${var.a}-%{ if true }y%{ else }z%{ endif }\"");
        Body heredoc = Parser.parse("t.tf", "a = <<-EOT\n    one\n      two ${b}\n    EOT\nc = 1\n");

        // THEN
        assertThat(((Ast.Literal) escaped).value()).isEqualTo("a\n\"b\" ${literal} %{x}");
        assertThat(((Ast.Template) template).parts()).hasSize(4);
        Ast.Template doc = (Ast.Template) heredoc.attribute("a").expr();
        assertThat(((Ast.Lit) doc.parts().get(0)).text()).isEqualTo("one\n  two ");
        assertThat(heredoc.attribute("c")).isNotNull();
    }

    @Test
    void objects_separateItemsByCommasOrNewlines_andNumbersAreDecimal() {
        Ast.ObjectCons object = (Ast.ObjectCons) Parser.expression("{\n a = 1\n \"b\" = 2.5, c : 1e3\n}");
        assertThat(object.items()).hasSize(3);
        assertThat(((Ast.Literal) object.items().get(1).value()).value()).isEqualTo(new BigDecimal("2.5"));
        assertThat(object.items().get(0).bareKey()).isTrue();
    }

    @Test
    void syntaxErrors_nameFileLineAndColumn() {
        assertThatThrownBy(() -> Parser.parse("bad.tf", "a = [1, 2\n")).isInstanceOf(HclException.class)
                .hasMessageStartingWith("bad.tf:");
        assertThatThrownBy(() -> Parser.parse("bad.tf", "a = 1\na = 2\n")).hasMessageContaining("defined twice");
        assertThatThrownBy(() -> Parser.parse("bad.tf", "resource \"x\" {\n")).hasMessageContaining("bad.tf:");
        assertThatThrownBy(() -> Parser.parse("bad.tf", "a = \"unterminated\n")).hasMessageContaining("newline in a quoted string");
        assertThatThrownBy(() -> Parser.parse("bad.tf", "a = 1 b = 2\n")).hasMessageContaining("expected a newline");
        assertThatThrownBy(() -> Parser.parse("bad.tf", "block \"${x}\" {}\n")).hasMessageContaining("plain string");
    }

    @Test
    void identifiers_mayContainDashes() {
        List<Token> tokens = Lexer.lex("t", "a-b - c");
        assertThat(tokens).extracting(Token::kind)
                .containsExactly(Token.Kind.IDENT, Token.Kind.MINUS, Token.Kind.IDENT, Token.Kind.EOF);
    }
}
