package io.canopy.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.deploy.terraform.Evaluated;
import io.canopy.deploy.terraform.ModuleInstance;
import io.canopy.deploy.terraform.Unknown;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every group whose artifact declares META-INF/canopy/events.json gets a second function from the same artifact,
 * with that handler, the group's environment, and an EventBridge rule on the bus identity publishes to, with
 * retries and a dead-letter queue. Identity may put events on exactly that bus.
 */
class EventSubscriptionsTest {

    static final List<String> DEPLOYMENTS = Deployments.NAMES;
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @FieldSource("DEPLOYMENTS")
    void eachDeclaredSubscription_hasItsEventFunction_andNoOtherExists(String deployment) {
        // GIVEN
        Set<String> expected = new TreeSet<>();
        Artifacts.all().values().forEach(a -> a.events().forEach(e -> {
            assertThat(e.get("detail_type").asText()).isEqualTo("UserDeleted");
            expected.add(a.group() + "-user-deleted");
        }));

        // WHEN
        Set<Object> planned = Deployments.canopy(deployment).children("event_function").keySet();

        // THEN
        assertThat(planned).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest
    @FieldSource("DEPLOYMENTS")
    void eventFunctions_runTheGroupsArtifactWithTheDeclaredHandler_onTheIdentityBus(String deployment) throws Exception {
        ModuleInstance canopy = Deployments.canopy(deployment);
        Object bus = EnvironmentTest.environment(canopy.child("function", "identity")).get("CANOPY_EVENT_BUS");
        assertThat(bus).isEqualTo(canopy.resource("aws_cloudwatch_event_bus", "this").get("name"));

        for (Artifacts.Artifact artifact : Artifacts.all().values()) {
            for (JsonNode event : artifact.events()) {
                // GIVEN the subscription in the artifact
                String key = artifact.group() + "-user-deleted";

                // WHEN
                ModuleInstance function = canopy.child("event_function", key);
                Evaluated lambda = function.resource("aws_lambda_function", "this");
                Evaluated rule = function.resources("aws_cloudwatch_event_rule", "this").get(0);
                Evaluated target = function.resources("aws_cloudwatch_event_target", "this").get(0);
                Evaluated invokeConfig = function.resources("aws_lambda_function_event_invoke_config", "this").get(0);
                Evaluated permission = function.resources("aws_lambda_permission", "events").get(0);

                // THEN the same artifact, the declared handler, the group's environment
                assertThat(lambda.get("handler")).isEqualTo(event.get("handler").asText());
                assertThat(lambda.get("filename")).isEqualTo(
                        canopy.child("function", artifact.group()).resource("aws_lambda_function", "this").get("filename"));
                assertThat(lambda.block("environment").get("variables"))
                        .isEqualTo(EnvironmentTest.environment(canopy.child("function", artifact.group())));
                // AND a rule on identity's bus matching exactly the declared event
                assertThat(rule.get("event_bus_name")).isEqualTo(bus);
                Map<String, Object> pattern = JSON.readValue((String) rule.get("event_pattern"), Map.class);
                assertThat(pattern).isEqualTo(Map.of("source", List.of(event.get("source").asText()),
                        "detail-type", List.of(event.get("detail_type").asText())));
                // AND delivery to the live alias, with retries, then the function's dead-letter queue
                String self = function.address();
                assertThat(((Unknown) target.get("arn")).render()).isEqualTo("${" + self + ".aws_lambda_alias.live.arn}");
                assertThat(((Unknown) target.block("dead_letter_config").get("arn")).render())
                        .isEqualTo("${" + self + ".aws_sqs_queue.dead_letters[0].arn}");
                assertThat(target.block("retry_policy").get("maximum_retry_attempts")).isNotNull();
                assertThat(((Unknown) invokeConfig.block("destination_config").block("on_failure").get("destination")).render())
                        .isEqualTo("${" + self + ".aws_sqs_queue.dead_letters[0].arn}");
                assertThat(permission.get("principal")).isEqualTo("events.amazonaws.com");
                assertThat(permission.get("qualifier")).isEqualTo("live");
            }
        }
    }
}
