package io.canopy.shared.dynamodb;

import io.canopy.shared.aws.AwsClients;
import io.canopy.shared.aws.AwsEnvironment;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The one DynamoDB client of a function, built once at init (see {@link AwsClients}). */
@Factory
@Requires(classes = DynamoDbClient.class)
public class DynamoDbClientFactory {

    @Singleton
    @Bean(preDestroy = "close")
    DynamoDbClient dynamoDbClient(@Value("${canopy.dynamodb.endpoint:}") String endpoint) {
        return AwsClients.configure(DynamoDbClient.builder(), AwsEnvironment.region(), endpoint).build();
    }
}
