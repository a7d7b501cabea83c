package io.canopy.local.lambda;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What every function process shares.
 *
 * @param javaExecutable the {@code java} to run functions with
 * @param ricClasspath   the runtime interface client and its dependencies; the artifact never contains them
 * @param watchdogAgent  the {@link io.canopy.local.watchdog.ParentWatchdog} agent jar
 * @param environment    variables every function gets besides the Lambda-reserved ones (Canopy settings, PATH)
 * @param output         receives each line the function prints, already prefixed with {@code [<name>]}
 */
public record LaunchSettings(Path javaExecutable, List<Path> ricClasspath, Path watchdogAgent,
                             Map<String, String> environment, Consumer<String> output) {

    public LaunchSettings {
        ricClasspath = List.copyOf(ricClasspath);
        environment = Map.copyOf(environment);
    }
}
