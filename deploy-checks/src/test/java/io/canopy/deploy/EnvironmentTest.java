package io.canopy.deploy;

import io.canopy.deploy.terraform.Evaluated;
import io.canopy.deploy.terraform.ModuleInstance;
import io.canopy.deploy.terraform.Unknown;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each function's environment in Terraform matches the configuration its artifact reads: every variable set is one
 * its application.properties, canopy-defaults.properties or logging backend reads (or one every function gets), and every
 * variable it needs in a deployment is set. A placeholder nobody has classified fails here: decide whether a
 * deployment must set it.
 */
class EnvironmentTest {

    static final List<String> DEPLOYMENTS = Deployments.NAMES;

    /** Set for every function by the canopy module, read or not (CANOPY_ENVIRONMENT is informational). */
    static final Set<String> COMMON = Set.of("CANOPY_ENVIRONMENT", "CANOPY_ISSUER", "CANOPY_BASE_URL", "CANOPY_AUDIENCE",
            "CANOPY_JWKS_URL");
    /** Read by the JVM itself. */
    static final Set<String> JVM = Set.of("JAVA_TOOL_OPTIONS");
    /** Lambda sets these; a deployment must not. */
    static final Set<String> LAMBDA_PROVIDED = Set.of("AWS_REGION");
    /** For the local runtime and LocalStack only; never in AWS (no passwords or key files in the environment there). */
    static final Set<String> LOCAL_ONLY = Set.of("JDBC_USER", "JDBC_PASSWORD", "DYNAMODB_ENDPOINT", "CANOPY_SIGNING_KEY_FILE",
            "CANOPY_SECRETS_MANAGER_ENDPOINT",
            "CANOPY_EVENTS_ENDPOINT", "CANOPY_KMS_ENDPOINT", "CANOPY_MASTER_KEY_FILE", "CANOPY_PREVIOUS_MASTER_KEY_FILES");
    /** Tunables with sound defaults: a deployment may set them (extra_environment), needn't. */
    static final Set<String> OPTIONAL = Set.of("CANOPY_BCRYPT_COST", "CANOPY_ACCESS_TOKEN_TTL", "CANOPY_REFRESH_TOKEN_TTL",
            "CANOPY_DOWNSTREAM_TIMEOUT", "CANOPY_PAYMENTS_DECLINE_EMAIL_PATTERN", "CANOPY_LOG_LEVEL");
    /** Needed by some groups only (decided below from what the artifact declares). */
    static final Set<String> CONDITIONAL = Set.of("CANOPY_TABLE_PREFIX", "CANOPY_DB_SECRET_ID", "JDBC_URL",
            "CANOPY_SIGNING_KEY_SECRET_ID", "CANOPY_KMS_KEY_ID");

    static Map<?, ?> environment(ModuleInstance function) {
        Evaluated lambda = function.resource("aws_lambda_function", "this");
        return (Map<?, ?>) lambda.block("environment").get("variables");
    }

    /** What a group's function must have in this deployment. */
    static Set<String> required(String deployment, Artifacts.Artifact artifact) {
        boolean aws = Deployments.isAws(deployment);
        Set<String> reads = artifact.applicationPlaceholders();
        Set<String> required = new TreeSet<>(COMMON);
        for (String name : reads) {
            if (!LAMBDA_PROVIDED.contains(name) && !LOCAL_ONLY.contains(name) && !OPTIONAL.contains(name)
                    && !CONDITIONAL.contains(name)) {
                required.add(name);
            }
        }
        if (!artifact.tableNames().isEmpty()) {
            required.add("CANOPY_TABLE_PREFIX");
        }
        if (reads.contains("JDBC_URL")) {
            required.add("JDBC_URL");
            required.addAll(aws ? Set.of("CANOPY_DB_SECRET_ID") : Set.of("JDBC_USER", "JDBC_PASSWORD"));
        }
        if (reads.contains("CANOPY_SIGNING_KEY_SECRET_ID")) {
            required.add(aws ? "CANOPY_SIGNING_KEY_SECRET_ID" : "CANOPY_SIGNING_KEY_FILE");
        }
        if (reads.contains("CANOPY_KMS_KEY_ID")) {
            required.add("CANOPY_KMS_KEY_ID");
        }
        return required;
    }

    @ParameterizedTest
    @FieldSource("DEPLOYMENTS")
    void everyVariableSet_isOneTheFunctionReads(String deployment) {
        // GIVEN
        ModuleInstance canopy = Deployments.canopy(deployment);
        List<String> problems = new ArrayList<>();

        for (Artifacts.Artifact artifact : Artifacts.all().values()) {
            // WHEN
            Set<String> set = new TreeSet<>();
            environment(canopy.child("function", artifact.group())).keySet().forEach(k -> set.add((String) k));

            // THEN
            for (String name : set) {
                if (!COMMON.contains(name) && !JVM.contains(name) && !artifact.allPlaceholders().contains(name)) {
                    problems.add(artifact.group() + ": " + name + " is set but nothing in the artifact reads it");
                }
                if (LAMBDA_PROVIDED.contains(name)) {
                    problems.add(artifact.group() + ": " + name + " is Lambda's to set");
                }
                if (Deployments.isAws(deployment) && LOCAL_ONLY.contains(name)) {
                    problems.add(artifact.group() + ": " + name + " must not be set in AWS");
                }
            }
            if (artifact.tableNames().isEmpty() && set.contains("CANOPY_TABLE_PREFIX")) {
                problems.add(artifact.group() + ": CANOPY_TABLE_PREFIX without tables");
            }
            if (!artifact.applicationPlaceholders().contains("JDBC_URL")
                    && (set.contains("CANOPY_DB_SECRET_ID") || set.contains("JDBC_URL"))) {
                problems.add(artifact.group() + ": database settings without a database");
            }
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("DEPLOYMENTS")
    void everyVariableTheFunctionNeeds_isSet(String deployment) {
        // GIVEN
        ModuleInstance canopy = Deployments.canopy(deployment);
        List<String> problems = new ArrayList<>();

        for (Artifacts.Artifact artifact : Artifacts.all().values()) {
            // WHEN
            Map<?, ?> environment = environment(canopy.child("function", artifact.group()));

            // THEN
            for (String name : required(deployment, artifact)) {
                if (!environment.containsKey(name) || environment.get(name) == null) {
                    problems.add(artifact.group() + ": " + name + " is not set");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("DEPLOYMENTS")
    void issuerBaseUrlAndJwksUrl_areTheApisPublicUrl(String deployment) {
        // GIVEN
        ModuleInstance canopy = Deployments.canopy(deployment);
        String publicUrl = "${module.canopy.module.api.aws_apigatewayv2_api.this.api_endpoint}";

        for (String group : Artifacts.all().keySet()) {
            // WHEN
            Map<?, ?> environment = environment(canopy.child("function", group));

            // THEN
            assertThat(((Unknown) environment.get("CANOPY_ISSUER")).render()).isEqualTo(publicUrl);
            assertThat(((Unknown) environment.get("CANOPY_BASE_URL")).render()).isEqualTo(publicUrl);
            assertThat(((Unknown) environment.get("CANOPY_JWKS_URL")).render()).isEqualTo(publicUrl + "/.well-known/jwks.json");
            assertThat(environment.get("CANOPY_AUDIENCE")).isEqualTo("canopy");
            assertThat(environment.get("CANOPY_ENVIRONMENT")).isEqualTo(deployment);
        }
    }

    @ParameterizedTest
    @FieldSource("DEPLOYMENTS")
    void functions_runTheArtifactOnJava21_behindPublishedVersions(String deployment) {
        // GIVEN
        ModuleInstance canopy = Deployments.canopy(deployment);
        boolean aws = Deployments.isAws(deployment);

        for (String group : Artifacts.all().keySet()) {
            // WHEN
            ModuleInstance function = canopy.child("function", group);
            Evaluated lambda = function.resource("aws_lambda_function", "this");
            Evaluated alias = function.resource("aws_lambda_alias", "live");

            // THEN
            assertThat(lambda.get("runtime")).isEqualTo("java21");
            assertThat(lambda.get("handler")).isEqualTo("io.canopy.shared.lambda.HttpApiFunction");
            assertThat(lambda.get("filename")).isEqualTo(Deployments.bundle().resolve(group).resolve(DeployBundle.ARTIFACT).toString());
            assertThat(lambda.get("publish")).isEqualTo(true);
            assertThat(lambda.get("memory_size")).hasToString("1024");
            assertThat(lambda.block("snap_start").get("apply_on")).isEqualTo(aws ? "PublishedVersions" : "None");
            assertThat(lambda.block("tracing_config").get("mode")).isEqualTo(aws ? "Active" : "PassThrough");
            assertThat(lambda.blocks("vpc_config")).hasSize(aws && Artifacts.of(group).postgres() ? 1 : 0);
            assertThat(lambda.get("layers")).asList().isEmpty();
            assertThat(alias.get("name")).isEqualTo("live");
            assertThat(((Unknown) alias.get("function_version")).render())
                    .isEqualTo("${" + function.address() + ".aws_lambda_function.this.version}");
            assertThat(function.resource("aws_cloudwatch_log_group", "this").get("retention_in_days")).hasToString("30");
        }
    }

    @Test
    void functionOverrides_changeOneGroupOnly_andItsEventFunction() {
        // GIVEN the AWS root with SnapStart off and more memory for identity alone
        Map<String, Object> variables = new java.util.LinkedHashMap<>();
        variables.put("bundle_dir", Deployments.bundle().toString());
        variables.put("function_overrides", Map.of("identity", Map.of("snap_start", false, "memory_size", 2048),
                "carbon", Map.of("snap_start", false)));
        ModuleInstance canopy = ModuleInstance.root(Repo.ENVIRONMENTS.resolve("aws"), variables).child("canopy");

        // WHEN
        Evaluated identity = canopy.child("function", "identity").resource("aws_lambda_function", "this");
        Evaluated clock = canopy.child("function", "clock").resource("aws_lambda_function", "this");
        Evaluated carbonEvents = canopy.child("event_function", "carbon-user-deleted").resource("aws_lambda_function", "this");

        // THEN
        assertThat(identity.block("snap_start").get("apply_on")).isEqualTo("None");
        assertThat(identity.get("memory_size")).hasToString("2048");
        assertThat(clock.block("snap_start").get("apply_on")).isEqualTo("PublishedVersions");
        assertThat(clock.get("memory_size")).hasToString("1024");
        assertThat(carbonEvents.block("snap_start").get("apply_on")).isEqualTo("None");
    }

    @Test
    void everyPlaceholderOfEveryArtifact_isClassified() {
        // GIVEN every environment variable any artifact's configuration reads
        Set<String> all = new TreeSet<>();
        Artifacts.all().values().forEach(a -> all.addAll(a.allPlaceholders()));

        // THEN each is known to be common, conditional, local-only, Lambda's or optional; or a function's own
        // application.properties reads it, which makes it required wherever read (everyVariableTheFunctionNeeds_isSet)
        Set<String> unclassified = new TreeSet<>();
        for (String name : all) {
            boolean known = COMMON.contains(name) || LAMBDA_PROVIDED.contains(name) || LOCAL_ONLY.contains(name)
                    || OPTIONAL.contains(name) || CONDITIONAL.contains(name);
            boolean readByAFunction = Artifacts.all().values().stream().anyMatch(a -> a.applicationPlaceholders().contains(name));
            if (!known && !readByAFunction) {
                unclassified.add(name);
            }
        }
        assertThat(unclassified).as("variables read only through canopy-defaults.properties or the logging backend that no rule covers")
                .isEmpty();
    }
}
