package io.canopy.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.canopy.deploy.terraform.Evaluated;
import io.canopy.deploy.terraform.ModuleInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DynamoDB tables Terraform creates are exactly those of the functions' META-INF/canopy/dynamodb-tables.json
 * (the CreateTable inputs DynamoDB Local and the tests use): same keys, attribute definitions, indexes and TTL,
 * named with the prefix the owning function reads (CANOPY_TABLE_PREFIX), on demand, encrypted, with PITR.
 */
class TablesTest {

    static final List<String> DEPLOYMENTS = Deployments.NAMES;

    private static Map<String, String> keys(JsonNode keySchema) {
        Map<String, String> keys = new TreeMap<>();
        keySchema.forEach(k -> keys.put(k.get("KeyType").asText(), k.get("AttributeName").asText()));
        return keys;
    }

    private static Map<String, Object> index(JsonNode spec, boolean global) {
        Map<String, Object> index = new LinkedHashMap<>();
        Map<String, String> keys = keys(spec.get("KeySchema"));
        index.put("name", spec.get("IndexName").asText());
        if (global) {
            index.put("hash_key", keys.get("HASH"));
        }
        index.put("range_key", keys.get("RANGE"));
        index.put("projection_type", spec.get("Projection").get("ProjectionType").asText());
        JsonNode nonKey = spec.get("Projection").get("NonKeyAttributes");
        Set<String> attrs = new TreeSet<>();
        if (nonKey != null) {
            nonKey.forEach(n -> attrs.add(n.asText()));
        }
        index.put("non_key_attributes", attrs);
        return index;
    }

    private static Map<String, Object> planned(Evaluated block, boolean global) {
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("name", block.get("name"));
        if (global) {
            index.put("hash_key", block.get("hash_key"));
        }
        index.put("range_key", block.get("range_key"));
        index.put("projection_type", block.get("projection_type"));
        Set<String> attrs = new TreeSet<>();
        if (block.get("non_key_attributes") instanceof List<?> l) {
            l.forEach(a -> attrs.add((String) a));
        }
        index.put("non_key_attributes", attrs);
        return index;
    }

    @ParameterizedTest
    @FieldSource("DEPLOYMENTS")
    void tables_areExactlyThoseTheFunctionsDeclare(String deployment) {
        // GIVEN
        Set<String> declared = new TreeSet<>();
        Artifacts.all().values().forEach(a -> declared.addAll(a.tableNames()));

        // WHEN
        Set<Object> planned = Deployments.canopy(deployment).children("table").keySet();

        // THEN
        assertThat(planned).containsExactlyInAnyOrderElementsOf(declared);
        assertThat(declared).as("the DynamoDB groups declare tables").isNotEmpty();
    }

    @ParameterizedTest
    @FieldSource("DEPLOYMENTS")
    void eachTable_hasTheDeclaredKeysIndexesAndTtl_underTheOwnersPrefix(String deployment) {
        ModuleInstance canopy = Deployments.canopy(deployment);
        for (Artifacts.Artifact artifact : Artifacts.all().values()) {
            Object prefix = EnvironmentTest.environment(canopy.child("function", artifact.group())).get("CANOPY_TABLE_PREFIX");
            for (JsonNode spec : artifact.tables()) {
                // GIVEN the CreateTable input in the artifact
                String logical = spec.get("TableName").asText();
                Map<String, String> keys = keys(spec.get("KeySchema"));

                // WHEN Terraform plans the table
                Evaluated table = canopy.child("table", logical).resource("aws_dynamodb_table", "this");

                // THEN
                assertThat(table.get("name")).as(logical).isEqualTo(prefix + logical);
                assertThat(spec.path("BillingMode").asText("PAY_PER_REQUEST")).as(logical).isEqualTo("PAY_PER_REQUEST");
                assertThat(spec.has("ProvisionedThroughput")).as(logical + ": on-demand only").isFalse();
                assertThat(table.get("billing_mode")).isEqualTo("PAY_PER_REQUEST");
                assertThat(table.get("hash_key")).as(logical).isEqualTo(keys.get("HASH"));
                assertThat(table.get("range_key")).as(logical).isEqualTo(keys.get("RANGE"));

                Map<String, String> attributes = new TreeMap<>();
                spec.get("AttributeDefinitions").forEach(a -> attributes.put(a.get("AttributeName").asText(), a.get("AttributeType").asText()));
                Map<String, Object> plannedAttributes = new TreeMap<>();
                table.blocks("attribute").forEach(a -> plannedAttributes.put((String) a.get("name"), a.get("type")));
                assertThat(plannedAttributes).as(logical + " attributes").isEqualTo(attributes);

                List<Map<String, Object>> lsis = new java.util.ArrayList<>();
                spec.path("LocalSecondaryIndexes").forEach(i -> lsis.add(index(i, false)));
                assertThat(table.blocks("local_secondary_index").stream().map(b -> planned(b, false)).toList())
                        .as(logical + " local secondary indexes").containsExactlyInAnyOrderElementsOf(lsis);
                List<Map<String, Object>> gsis = new java.util.ArrayList<>();
                spec.path("GlobalSecondaryIndexes").forEach(i -> gsis.add(index(i, true)));
                assertThat(table.blocks("global_secondary_index").stream().map(b -> planned(b, true)).toList())
                        .as(logical + " global secondary indexes").containsExactlyInAnyOrderElementsOf(gsis);

                JsonNode ttl = spec.get("TimeToLiveSpecification");
                if (ttl != null && ttl.path("Enabled").asBoolean()) {
                    Evaluated plannedTtl = table.block("ttl");
                    assertThat(plannedTtl.get("attribute_name")).as(logical + " TTL").isEqualTo(ttl.get("AttributeName").asText());
                    assertThat(plannedTtl.get("enabled")).isEqualTo(true);
                } else {
                    assertThat(table.blocks("ttl")).as(logical + " has no TTL").isEmpty();
                }
                assertThat(table.block("point_in_time_recovery").get("enabled")).isEqualTo(true);
                assertThat(table.block("server_side_encryption").get("enabled")).isEqualTo(true);
            }
        }
    }
}
