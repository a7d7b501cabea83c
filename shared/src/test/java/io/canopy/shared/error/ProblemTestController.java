package io.canopy.shared.error;

import io.canopy.shared.security.Anonymous;
import io.canopy.shared.security.Caller;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;

@Requires(property = "spec.name", value = "ProblemHandlingTest")
@Controller("/things")
class ProblemTestController {

    @Serdeable(naming = SnakeCaseStrategy.class)
    record Item(@NotBlank String product, @NotNull @Min(1) Integer quantity) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record Thing(@NotBlank @Size(max = 10) String displayName, @NotNull @Min(1) @Max(5) Integer count,
                 @Nullable LocalDate birthDate, @Nullable List<@Valid Item> items) {
    }

    @Post
    @Anonymous
    @Status(HttpStatus.CREATED)
    Thing create(@Body @Valid Thing thing) {
        return thing;
    }

    @Get("/count")
    @Anonymous
    int count(@QueryValue @Min(1) int limit) {
        return limit;
    }

    @Get("/mine")
    String mine(Caller caller) {
        return caller.id().toString();
    }

    @Get("/timed")
    String timed(Caller caller) {
        caller.requirePermission("time");
        return "ok";
    }

    @Get("/admin")
    String admin(Caller caller) {
        caller.requireAdmin();
        return "ok";
    }

    @Get("/boom")
    @Anonymous
    String boom() {
        throw new IllegalStateException("password=hunter2 SELECT * FROM identity.users");
    }

    /** What a pool says when PostgreSQL is down, wrapped as a data layer would. */
    @Get("/database-down")
    @Anonymous
    String databaseDown() {
        throw new IllegalStateException("Cannot get connection: jdbc:postgresql://db/canopy?password=hunter2",
                new java.sql.SQLTransientConnectionException("HikariPool-1 - Connection is not available"));
    }

    /** What the AWS SDK says when DynamoDB does not answer. */
    @Get("/dynamodb-down")
    @Anonymous
    String dynamoDbDown() {
        throw software.amazon.awssdk.core.exception.SdkClientException.create("Unable to execute HTTP request",
                new java.net.ConnectException("Connection refused"));
    }

    /** DynamoDB answered 500. */
    @Get("/dynamodb-error")
    @Anonymous
    String dynamoDbError() {
        throw software.amazon.awssdk.services.dynamodb.model.DynamoDbException.builder().statusCode(500)
                .message("internal").build();
    }
}
