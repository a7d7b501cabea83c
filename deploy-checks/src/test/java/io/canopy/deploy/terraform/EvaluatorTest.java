package io.canopy.deploy.terraform;

import io.canopy.deploy.hcl.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvaluatorTest {

    @TempDir
    Path dir;

    private int modules;

    /** A module in a directory of its own (parsed modules are cached by directory). */
    private ModuleInstance module(String main, Map<String, Object> variables) throws IOException {
        Path moduleDir = Files.createDirectories(dir.resolve("m" + modules++));
        Files.writeString(moduleDir.resolve("main.tf"), main);
        return ModuleInstance.root(moduleDir, variables);
    }

    private static Object eval(String expression) {
        return Evaluator.constant(Parser.expression(expression));
    }

    @Test
    void expressions_evaluateLikeTerraform() {
        assertThat(eval("[for k, v in {b = 2, a = 1} : \"${k}=${v}\"]")).isEqualTo(List.of("a=1", "b=2"));
        assertThat(eval("{for s in [\"x\", \"yy\"] : s => length(s)}")).isEqualTo(Map.of("x", BigDecimal.ONE, "yy", new BigDecimal(2)));
        assertThat(eval("merge([{a = 1}, {b = 2}]...)")).isEqualTo(Map.of("a", BigDecimal.ONE, "b", new BigDecimal(2)));
        assertThat(eval("one([for x in [1, 2, 3] : x if x > 2])")).isEqualTo(new BigDecimal(3));
        assertThat(eval("try({}.missing, \"fallback\")")).isEqualTo("fallback");
        assertThat(eval("lower(replace(\"UserDeleted\", \"/([a-z0-9])([A-Z])/\", \"$1-$2\"))")).isEqualTo("user-deleted");
        assertThat(eval("cidrsubnet(\"10.40.0.0/16\", 4, 9)")).isEqualTo("10.40.144.0/20");
        assertThat(eval("jsonencode({b = [1, \"x\"], a = true})")).isEqualTo("{\"a\":true,\"b\":[1,\"x\"]}");
        assertThat(eval("yamldecode(\"a: yes\\nb: 1\\n\")")).isEqualTo(Map.of("a", "yes", "b", BigDecimal.ONE));
        assertThat(eval("true ? \"chosen\" : {}.not_evaluated")).isEqualTo("chosen");
    }

    @Test
    void mistakesTerraformRejects_areRejected() {
        assertThatThrownBy(() -> eval("{for s in [\"a\", \"a\"] : s => 1}")).hasMessageContaining("duplicate object key");
        assertThatThrownBy(() -> eval("toset([\"a\"])[0]")).hasMessageContaining("set cannot be indexed");
        assertThatThrownBy(() -> eval("{a = 1}.b")).hasMessageContaining("unsupported attribute");
        assertThatThrownBy(() -> eval("nosuchfunction(1)")).hasMessageContaining("not implemented");
    }

    @Test
    void resourceAttributes_areUnknownWithTheirAddress_unlessConfigured() throws IOException {
        // GIVEN
        ModuleInstance root = module("""
                resource "aws_thing" "one" {
                  name = "fixed"
                }
                resource "aws_thing" "many" {
                  for_each = toset(["a", "b"])
                  name     = "n-${each.key}"
                }
                output "arn" {
                  value = "${aws_thing.one.arn}/index/*"
                }
                output "names" {
                  value = [for k, r in aws_thing.many : r.name]
                }
                output "name" {
                  value = aws_thing.one.name
                }
                """, Map.of());

        // WHEN
        Object arn = root.output("arn");

        // THEN
        assertThat(arn).isInstanceOf(Unknown.class);
        assertThat(((Unknown) arn).render()).isEqualTo("${aws_thing.one.arn}/index/*");
        assertThat(((Unknown) arn).refs()).containsExactly("aws_thing.one.arn");
        assertThat(root.output("names")).isEqualTo(List.of("n-a", "n-b"));
        assertThat(root.output("name")).isEqualTo("fixed");
    }

    @Test
    void variables_areConvertedToTheirType_withOptionalDefaults_andRejectUnknownAttributes() throws IOException {
        // GIVEN
        String main = """
                variable "settings" {
                  type = object({
                    name = string
                    size = optional(number, 3)
                  })
                }
                output "size" {
                  value = var.settings.size
                }
                """;

        // WHEN / THEN
        assertThat(module(main, Map.of("settings", Map.of("name", "x"))).output("size")).isEqualTo(new BigDecimal(3));
        assertThatThrownBy(() -> module(main, Map.of("settings", Map.of("name", "x", "sise", 1))).output("size"))
                .hasMessageContaining("\"sise\" is not in the object type");
        assertThatThrownBy(() -> module(main, Map.of("settings", Map.of())).output("size"))
                .hasMessageContaining("\"name\" is required");
        assertThatThrownBy(() -> module(main, Map.of())).hasMessageContaining("is required and not given");
    }

    @Test
    void forEach_needsAMapOrSetKnownAtPlanTime() throws IOException {
        ModuleInstance list = module("""
                resource "aws_thing" "x" {
                  for_each = ["a"]
                }
                """, Map.of());
        assertThatThrownBy(() -> list.resources("aws_thing", "x")).hasMessageContaining("use toset()");

        ModuleInstance unknown = module("""
                resource "aws_thing" "a" {}
                resource "aws_thing" "x" {
                  for_each = { (aws_thing.a.id) = 1 }
                }
                """, Map.of());
        assertThatThrownBy(() -> unknown.resources("aws_thing", "x")).hasMessageContaining("known only after apply");
    }
}
