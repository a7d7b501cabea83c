package io.canopy.shared.lambda;

import io.canopy.shared.health.HealthController;
import io.canopy.shared.health.JdbcStoreCheck;
import io.canopy.shared.security.Anonymous;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A function's routes as SnapStartPrimingTest needs them: a health group, protected and anonymous routes. */
final class PrimingTestControllers {

    /** How many times any controller below other than health ran. */
    static final AtomicInteger CALLS = new AtomicInteger();

    private PrimingTestControllers() {
    }

    @Requires(property = "spec.name", value = "SnapStartPrimingTest")
    @Controller("/health/primed")
    static class PrimedHealthController extends HealthController {

        PrimedHealthController(@Nullable JdbcStoreCheck jdbc) {
            super(jdbc == null ? List.of() : List.of(jdbc));
        }
    }

    @Serdeable
    record Note(String text) {
    }

    @Requires(property = "spec.name", value = "SnapStartPrimingTest")
    @Controller("/notes")
    static class NotesController {

        @Get
        List<Note> list() {
            CALLS.incrementAndGet();
            return List.of();
        }

        @Post
        Note create(@Body Note note) {
            CALLS.incrementAndGet();
            return note;
        }

        @Get("/{id}")
        Note one(@PathVariable String id) {
            CALLS.incrementAndGet();
            return new Note(id);
        }
    }

    @Requires(property = "spec.name", value = "SnapStartPrimingTest")
    @Controller("/open")
    @Anonymous
    static class OpenController {

        /** Anonymous: priming must never pick it (it would run). */
        @Post
        Note echo(@Body Note note) {
            CALLS.incrementAndGet();
            return note;
        }
    }
}
