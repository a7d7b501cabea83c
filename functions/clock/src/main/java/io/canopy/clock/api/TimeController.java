package io.canopy.clock.api;

import io.canopy.shared.security.Caller;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The time, for callers whose token holds the {@code time} permission (401 without a token, 403 without it). */
@Controller("/time")
@SecurityRequirement(name = "bearerAuth")
public class TimeController {

    static final String PERMISSION = "time";

    private final Clock clock;

    public TimeController(Clock clock) {
        this.clock = clock;
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record CurrentTime(Instant currentTime) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record EpochTime(long epochTime) {
    }

    @Get("/current")
    @Operation(summary = "Current time, RFC 3339 UTC, to the second")
    @ApiResponse(responseCode = "200", description = "The current time")
    @ApiResponse(responseCode = "401", description = "No valid bearer token")
    @ApiResponse(responseCode = "403", description = "The token lacks the time permission")
    public CurrentTime current(Caller caller) {
        caller.requirePermission(PERMISSION);
        return new CurrentTime(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    }

    @Get("/epoch")
    @Operation(summary = "Current time as integer seconds since the epoch")
    @ApiResponse(responseCode = "200", description = "The current epoch second")
    @ApiResponse(responseCode = "401", description = "No valid bearer token")
    @ApiResponse(responseCode = "403", description = "The token lacks the time permission")
    public EpochTime epoch(Caller caller) {
        caller.requirePermission(PERMISSION);
        return new EpochTime(clock.instant().getEpochSecond());
    }
}
