package io.canopy.local.lambda;

import io.canopy.local.function.FunctionSpec;
import io.canopy.local.testfunction.TestFunctions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The real runtime interface client in a child JVM against our Runtime API, with a tiny test handler. */
class LocalFunctionTest {

    @TempDir
    Path taskRoot;

    private final List<String> output = new CopyOnWriteArrayList<>();
    private LocalFunction function;

    @BeforeEach
    void prepareTaskRoot() throws Exception {
        TestFunctions.taskRoot(taskRoot);
    }

    @AfterEach
    void stop() {
        if (function != null) {
            function.close();
        }
    }

    @Test
    void invoke_returnsHandlerResponseEachTime_andPrefixesItsOutput_whenCalledTwice() throws Exception {
        // GIVEN
        function = function("io.canopy.local.testfunction.EchoHandler", 30);

        // WHEN
        InvocationResult first = function.invoke(event("/echo"));
        InvocationResult second = function.invoke(event("/echo"));

        // THEN
        assertThat(first).isInstanceOf(InvocationResult.Success.class);
        assertThat(text(first)).contains("\\\"rawPath\\\":\\\"/echo\\\"").contains("\"statusCode\":200");
        assertThat(second).isInstanceOf(InvocationResult.Success.class);
        assertThat(output).filteredOn(line -> line.startsWith("[echo] handled ")).hasSize(2);
        assertThat(output).allMatch(line -> line.startsWith("[echo] "));
    }

    @Test
    void invoke_returnsTimeout_andNextInvocationSucceeds_whenHandlerOutlivesTimeout() throws Exception {
        // GIVEN
        function = function("io.canopy.local.testfunction.EchoHandler", 2);

        // WHEN
        long start = System.nanoTime();
        InvocationResult timedOut = function.invoke(event("/sleep"));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        InvocationResult next = function.invoke(event("/echo"));

        // THEN
        assertThat(timedOut).isInstanceOf(InvocationResult.Timeout.class);
        assertThat(elapsedMillis).isLessThan(10_000);
        assertThat(next).isInstanceOf(InvocationResult.Success.class);
    }

    @Test
    void invoke_returnsCrashedWithExitCode_andNextInvocationSucceeds_whenProcessExits() throws Exception {
        function = function("io.canopy.local.testfunction.EchoHandler", 30);

        // WHEN
        InvocationResult crashed = function.invoke(event("/crash"));
        InvocationResult next = function.invoke(event("/echo"));

        // THEN
        assertThat(crashed).isInstanceOfSatisfying(InvocationResult.Crashed.class,
                c -> assertThat(c.reason()).contains("exit code 3"));
        assertThat(next).isInstanceOf(InvocationResult.Success.class);
    }

    @Test
    void invoke_returnsFunctionError_andRuntimeSurvives_whenHandlerThrows() throws Exception {
        function = function("io.canopy.local.testfunction.EchoHandler", 30);

        // WHEN
        InvocationResult failed = function.invoke(event("/fail"));
        InvocationResult next = function.invoke(event("/echo"));

        // THEN
        assertThat(failed).isInstanceOfSatisfying(InvocationResult.FunctionError.class,
                e -> assertThat(new String(e.payload(), StandardCharsets.UTF_8)).contains("failing on purpose"));
        assertThat(next).isInstanceOf(InvocationResult.Success.class);
        assertThat(output).noneMatch(line -> line.contains("Exception in thread \"main\""));
    }

    @Test
    void invoke_returnsInitError_whenHandlerFailsToConstruct() throws Exception {
        // GIVEN
        function = function("io.canopy.local.testfunction.BrokenInitHandler", 30);

        // WHEN
        InvocationResult result = function.invoke(event("/echo"));

        // THEN
        assertThat(result).isInstanceOfSatisfying(InvocationResult.InitError.class,
                e -> assertThat(new String(e.payload(), StandardCharsets.UTF_8)).contains("broken configuration"));
    }

    private LocalFunction function(String handler, int timeoutSeconds) throws Exception {
        FunctionSpec spec = new FunctionSpec("echo", taskRoot.resolve("unused.jar"), handler, 256, timeoutSeconds);
        LaunchSettings launch = new LaunchSettings(Path.of(System.getProperty("java.home"), "bin", "java"),
                TestFunctions.ricClasspath(), TestFunctions.watchdogAgent(), Map.of("PATH", "/usr/bin:/bin"), output::add);
        return new LocalFunction(spec, taskRoot, launch);
    }

    private static byte[] event(String rawPath) {
        return ("{\"version\":\"2.0\",\"rawPath\":\"" + rawPath + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static String text(InvocationResult result) {
        return new String(((InvocationResult.Success) result).payload(), StandardCharsets.UTF_8);
    }
}
