package io.canopy.deploy;

import io.canopy.deploy.hcl.Ast;
import io.canopy.deploy.hcl.Ast.Attribute;
import io.canopy.deploy.hcl.Ast.Block;
import io.canopy.deploy.hcl.Ast.Body;
import io.canopy.deploy.hcl.Parser;
import io.canopy.deploy.terraform.TfModule;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Static checks of every file under terraform/: it parses (HCL native syntax), modules have the standard files,
 * every variable is typed and described, every output described, provider blocks only in the environment roots,
 * module calls pass exactly declared variables (and every required one), references name declared things, and
 * LocalStack is wired in environments/localstack only.
 */
class TerraformFilesTest {

    private static final Set<String> MODULE_META = Set.of("source", "version", "count", "for_each", "providers", "depends_on");

    static List<Path> tfFiles() throws IOException {
        try (Stream<Path> files = Files.walk(Repo.TERRAFORM)) {
            return files.filter(f -> f.toString().endsWith(".tf"))
                    .filter(f -> !f.toString().contains("/.terraform/"))
                    .sorted().toList();
        }
    }

    static List<Path> moduleDirs() throws IOException {
        List<Path> dirs = new ArrayList<>();
        for (Path parent : List.of(Repo.MODULES, Repo.ENVIRONMENTS)) {
            try (Stream<Path> list = Files.list(parent)) {
                list.filter(Files::isDirectory).sorted().forEach(dirs::add);
            }
        }
        return dirs;
    }

    @Test
    void everyTfFile_parses() throws IOException {
        // GIVEN every .tf file
        List<Path> files = tfFiles();

        // WHEN / THEN each parses as HCL native syntax (a syntax error throws with file:line:column)
        assertThat(files).hasSizeGreaterThan(20);
        for (Path file : files) {
            Body body = Parser.parse(file);
            assertThat(body.blocks()).as(file.toString()).isNotEmpty();
        }
    }

    @Test
    void everyModule_hasMainVariablesOutputsVersionsAndReadme() throws IOException {
        try (Stream<Path> modules = Files.list(Repo.MODULES)) {
            for (Path module : modules.filter(Files::isDirectory).toList()) {
                for (String file : List.of("main.tf", "variables.tf", "outputs.tf", "versions.tf", "README.md")) {
                    assertThat(module.resolve(file)).as(module.getFileName() + "/" + file).isRegularFile();
                }
            }
        }
        assertThat(Repo.MODULES.resolve("function")).isDirectory();
        for (String module : List.of("function", "http-api", "dynamodb-table", "postgres", "network")) {
            assertThat(Repo.MODULES.resolve(module)).isDirectory();
        }
    }

    @Test
    void everyVariable_isTypedAndDescribed_andEveryOutputDescribed() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path dir : moduleDirs()) {
            TfModule module = TfModule.load(dir);
            module.variables().forEach((name, block) -> {
                if (block.body().attribute("type") == null) {
                    problems.add(dir.getFileName() + ": variable " + name + " has no type");
                }
                if (!describedWell(block)) {
                    problems.add(dir.getFileName() + ": variable " + name + " has no description");
                }
            });
            module.outputs().forEach((name, block) -> {
                if (!describedWell(block)) {
                    problems.add(dir.getFileName() + ": output " + name + " has no description");
                }
            });
        }
        assertThat(problems).isEmpty();
    }

    private static boolean describedWell(Block block) {
        Attribute description = block.body().attribute("description");
        return description != null && description.expr() instanceof Ast.Literal l && l.value() instanceof String s
                && s.strip().length() >= 10;
    }

    @Test
    void providerBlocks_areOnlyInTheEnvironmentRoots_onePerRoot() throws IOException {
        for (Path dir : moduleDirs()) {
            TfModule module = TfModule.load(dir);
            boolean root = dir.getParent().equals(Repo.ENVIRONMENTS);
            assertThat(module.providers()).as(dir.getFileName() + " provider blocks").hasSize(root ? 1 : 0);
            assertThat(module.terraformBlocks()).as(dir.getFileName() + ": one terraform block (versions.tf)").hasSize(1);
            Block terraform = module.terraformBlocks().get(0);
            assertThat(terraform.body().blocks("required_providers")).as(dir.getFileName() + " required_providers").hasSize(1);
            assertThat(terraform.body().attribute("required_version")).as(dir.getFileName() + " required_version").isNotNull();
        }
    }

    @Test
    void moduleCalls_passDeclaredVariables_andEveryRequiredOne() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path dir : moduleDirs()) {
            TfModule module = TfModule.load(dir);
            module.moduleCalls().forEach((name, call) -> {
                String source = (String) ((Ast.Literal) call.body().attribute("source").expr()).value();
                Path childDir = dir.resolve(source).normalize();
                if (!childDir.startsWith(Repo.MODULES)) {
                    problems.add(dir.getFileName() + ": module " + name + " comes from outside terraform/modules: " + source);
                    return;
                }
                TfModule child = TfModule.load(childDir);
                call.body().attributes().keySet().stream().filter(a -> !MODULE_META.contains(a))
                        .filter(a -> !child.variables().containsKey(a))
                        .forEach(a -> problems.add(dir.getFileName() + ": module " + name + " passes undeclared " + a));
                child.variables().forEach((variable, block) -> {
                    if (block.body().attribute("default") == null && call.body().attribute(variable) == null) {
                        problems.add(dir.getFileName() + ": module " + name + " misses required " + variable);
                    }
                });
            });
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void references_nameDeclaredThings_andEveryVariableAndLocalIsUsed() throws IOException {
        Set<String> problems = new TreeSet<>();
        for (Path dir : moduleDirs()) {
            TfModule module = TfModule.load(dir);
            Set<String> usedVars = new TreeSet<>();
            Set<String> usedLocals = new TreeSet<>();
            for (Map.Entry<Path, Body> file : module.files().entrySet()) {
                Ast.walk(file.getValue(), expr -> {
                    List<String> t = Ast.traversal(expr);
                    if (t == null || t.size() < 2) {
                        return;
                    }
                    String root = t.get(0);
                    String name = t.get(1);
                    String at = file.getKey().getFileName() + " " + expr.pos().line() + ": ";
                    switch (root) {
                        case "var" -> {
                            usedVars.add(name);
                            if (!module.variables().containsKey(name)) {
                                problems.add(dir.getFileName() + "/" + at + "undeclared var." + name);
                            }
                        }
                        case "local" -> {
                            usedLocals.add(name);
                            if (!module.locals().containsKey(name)) {
                                problems.add(dir.getFileName() + "/" + at + "undeclared local." + name);
                            }
                        }
                        case "module" -> {
                            if (!module.moduleCalls().containsKey(name)) {
                                problems.add(dir.getFileName() + "/" + at + "undeclared module." + name);
                            }
                        }
                        case "data" -> {
                            if (t.size() >= 3 && !module.dataSources().containsKey(name + "." + t.get(2))) {
                                problems.add(dir.getFileName() + "/" + at + "undeclared data." + name + "." + t.get(2));
                            }
                        }
                        default -> {
                            if ((root.startsWith("aws_") || root.equals("terraform_data"))
                                    && !module.resources().containsKey(root + "." + name)) {
                                problems.add(dir.getFileName() + "/" + at + "undeclared resource " + root + "." + name);
                            }
                        }
                    }
                });
            }
            module.variables().keySet().stream().filter(v -> !usedVars.contains(v))
                    .forEach(v -> problems.add(dir.getFileName() + ": variable " + v + " is never used"));
            module.locals().keySet().stream().filter(l -> !usedLocals.contains(l))
                    .forEach(l -> problems.add(dir.getFileName() + ": local " + l + " is never used"));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void localStackWiring_isOnlyInItsEnvironment() throws IOException {
        for (Path file : tfFiles()) {
            if (file.startsWith(Repo.ENVIRONMENTS.resolve("localstack"))) {
                continue;
            }
            String text = Files.readString(file);
            assertThat(text).as(file.toString()).doesNotContain("4566").doesNotContain("localhost");
            assertThat(TfModule.load(file.getParent()).providers().stream()
                    .flatMap(p -> p.body().blocks("endpoints").stream())).as(file + " endpoints").isEmpty();
        }
    }

    @Test
    void everyFunctionModule_isDeployed() throws IOException {
        // GIVEN the function modules of the repository
        List<String> groups = DeployBundle.functionGroups(Repo.ROOT);

        // THEN each is in the bundle Terraform reads, and so deployed by both roots
        assertThat(groups).contains("identity", "clock");
        for (String deployment : Deployments.NAMES) {
            assertThat(Deployments.canopy(deployment).children("function").keySet())
                    .as(deployment).containsExactlyInAnyOrderElementsOf(groups);
        }
    }
}
