package io.canopy.deploy;

import io.canopy.deploy.terraform.Evaluated;
import io.canopy.deploy.terraform.ModuleInstance;
import io.canopy.deploy.terraform.Unknown;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each function's role names only that function's own resources: its log group, its tables (and their indexes), its
 * dead-letter queue, and the few shared things its group is granted on purpose (below). "*" only for X-Ray, which
 * has no resource-level permissions. The event function of a group has exactly its group's grants.
 */
class IamTest {

    static final List<String> DEPLOYMENTS = Deployments.NAMES;

    /** Resources a group may reach beyond its own tables and log group: a change here is a security decision. */
    private static Set<String> grantedExtras(String deployment, String group) {
        Set<String> extras = new TreeSet<>();
        boolean aws = Deployments.isAws(deployment);
        if (aws && Artifacts.of(group).postgres()) {
            extras.add("module.postgres.aws_db_instance.this.master_user_secret[0].secret_arn");
        }
        if (group.equals("identity")) {
            extras.add("module.canopy.aws_cloudwatch_event_bus.this.arn");
            if (aws) {
                extras.add("module.secrets.aws_secretsmanager_secret.signing_key[0].arn");
            }
        }
        if (group.equals("certificates")) {
            extras.add("module.secrets.aws_kms_key.certificates.arn");
        }
        return extras;
    }

    private record Grant(String sid, List<String> actions, Object resource) {
    }

    private static List<Grant> grants(ModuleInstance function) {
        List<Grant> grants = new ArrayList<>();
        for (Evaluated statement : function.dataSource("aws_iam_policy_document", "this").blocks("statement")) {
            assertThat(statement.get("effect")).as("statements only allow").isIn(null, "Allow");
            assertThat(statement.has("not_resources") || statement.has("not_actions")).isFalse();
            @SuppressWarnings("unchecked")
            List<String> actions = (List<String>) statement.get("actions");
            for (Object resource : (List<?>) statement.get("resources")) {
                grants.add(new Grant((String) statement.get("sid"), actions, resource));
            }
        }
        return grants;
    }

    private static void assertOwnResourcesOnly(String deployment, String group, ModuleInstance function, boolean eventFunction) {
        String self = function.address();
        Set<String> allowed = new TreeSet<>(grantedExtras(deployment, group));
        allowed.add(self + ".aws_cloudwatch_log_group.this.arn");
        if (eventFunction) {
            allowed.add(self + ".aws_sqs_queue.dead_letters[0].arn");
        }
        Set<String> tables = Artifacts.of(group).tableNames();
        tables.forEach(t -> allowed.add("module.canopy.module.table[\"" + t + "\"].aws_dynamodb_table.this.arn"));

        Set<String> reached = new TreeSet<>();
        for (Grant grant : grants(function)) {
            if ("*".equals(grant.resource())) {
                assertThat(grant.actions()).as("%s: \"*\" only for X-Ray (statement %s)", self, grant.sid())
                        .allMatch(a -> a.startsWith("xray:"));
                continue;
            }
            assertThat(grant.resource()).as("%s: statement %s names a literal resource %s instead of its own", self,
                    grant.sid(), grant.resource()).isInstanceOf(Unknown.class);
            Unknown resource = (Unknown) grant.resource();
            String text = resource.render();
            assertThat(text).as("%s: %s", self, text)
                    .matches("\\$\\{[^}]+}(:\\*|/index/\\*)?");
            assertThat(resource.refs()).as("%s: statement %s reaches %s", self, grant.sid(), text)
                    .hasSize(1).allMatch(allowed::contains);
            reached.addAll(resource.refs());
        }
        assertThat(reached).as("%s reaches every resource it needs (and nothing else)", self).isEqualTo(allowed);
    }

    @ParameterizedTest
    @FieldSource("DEPLOYMENTS")
    void eachHttpFunction_reachesOnlyItsOwnResources(String deployment) {
        // GIVEN the deployment
        ModuleInstance canopy = Deployments.canopy(deployment);

        // WHEN / THEN every group's function policy is held against what the group owns
        for (String group : Artifacts.all().keySet()) {
            assertOwnResourcesOnly(deployment, group, canopy.child("function", group), false);
        }
    }

    @ParameterizedTest
    @FieldSource("DEPLOYMENTS")
    void eachEventFunction_hasItsGroupsGrantsAndItsOwnDeadLetterQueue(String deployment) {
        // GIVEN
        ModuleInstance canopy = Deployments.canopy(deployment);

        // WHEN
        Map<Object, ModuleInstance> eventFunctions = canopy.children("event_function");

        // THEN
        assertThat(eventFunctions).isNotEmpty();
        eventFunctions.forEach((key, function) -> {
            String group = ((String) key).replaceFirst("-user-deleted$", "");
            assertOwnResourcesOnly(deployment, group, function, true);
        });
    }

    @ParameterizedTest
    @FieldSource("DEPLOYMENTS")
    void roles_haveOnlyTheirOwnPolicy_plusVpcAccessWhenInAVpc(String deployment) {
        // GIVEN
        ModuleInstance canopy = Deployments.canopy(deployment);

        for (String group : Artifacts.all().keySet()) {
            // WHEN
            ModuleInstance function = canopy.child("function", group);
            Evaluated policy = function.resource("aws_iam_role_policy", "this");
            Map<Object, Evaluated> attachments = function.resources("aws_iam_role_policy_attachment", "vpc");

            // THEN the inline policy is the least-privilege document, on the function's own role
            assertThat(((Unknown) policy.get("policy")).render())
                    .isEqualTo("${" + function.address() + ".data.aws_iam_policy_document.this.json}");
            assertThat(((Unknown) policy.get("role")).render()).isEqualTo("${" + function.address() + ".aws_iam_role.this.id}");
            boolean inVpc = Deployments.isAws(deployment) && Artifacts.of(group).postgres();
            assertThat(attachments).as("%s: VPC access policy", group).hasSize(inVpc ? 1 : 0);
            attachments.values().forEach(a -> assertThat(((Unknown) a.get("policy_arn")).render())
                    .endsWith(":iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"));
        }
        // AND the function module attaches no other policy
        assertThat(canopy.child("function", "clock").definition().resources().keySet())
                .filteredOn(k -> k.startsWith("aws_iam_"))
                .containsExactlyInAnyOrder("aws_iam_role.this", "aws_iam_role_policy.this", "aws_iam_role_policy_attachment.vpc");
    }
}
