package io.canopy.local.lambda;

import io.canopy.local.function.FunctionSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * One function with at most one execution environment, like a Lambda function with reserved concurrency 1: the
 * first invocation starts a JVM running the runtime interface client over the unpacked artifact (a cold start),
 * later ones reuse it, and invocations wait their turn.
 *
 * <p>The environment is thrown away after a timeout, an init failure or a crash, so the next invocation cold
 * starts again. An error the runtime reports on {@code /error} keeps it, because Lambda keeps it too.
 */
public final class LocalFunction implements AutoCloseable {

    public static final String REGION = "us-east-1";
    public static final String ACCOUNT_ID = "000000000000";
    private static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final Logger log = LoggerFactory.getLogger(LocalFunction.class);

    private final FunctionSpec spec;
    private final Path taskRoot;
    private final LaunchSettings launch;
    private final ReentrantLock turn = new ReentrantLock(true);
    private Environment environment; // guarded by turn

    public LocalFunction(FunctionSpec spec, Path taskRoot, LaunchSettings launch) {
        this.spec = spec;
        this.taskRoot = taskRoot;
        this.launch = launch;
    }

    public FunctionSpec spec() {
        return spec;
    }

    public String lambdaName() {
        return "canopy-local-" + spec.name();
    }

    /**
     * Invokes the function synchronously. Waits at most the function timeout for the environment to be free,
     * the timeout again for a cold start's init, and the timeout for the handler.
     */
    public InvocationResult invoke(byte[] event) throws InterruptedException {
        Duration timeout = Duration.ofSeconds(spec.timeoutSeconds());
        if (!turn.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return new InvocationResult.Timeout();
        }
        try {
            boolean cold = environment == null || !environment.process().isAlive();
            if (cold) {
                discardEnvironment();
                environment = startEnvironment();
            }
            Environment env = environment;
            Invocation invocation = env.api().submit(event, timeout);
            InvocationResult result = await(invocation, timeout);
            report(invocation, result, cold ? env : null);
            if (!(result instanceof InvocationResult.Success || result instanceof InvocationResult.FunctionError)) {
                discardEnvironment();
            }
            return result;
        } finally {
            turn.unlock();
        }
    }

    /** Stops the execution environment, if one is running; the next invocation cold starts. */
    public void stop() {
        turn.lock();
        try {
            discardEnvironment();
        } finally {
            turn.unlock();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private InvocationResult await(Invocation invocation, Duration timeout) throws InterruptedException {
        try {
            // Covers init on a cold start; a warm runtime is already parked in /next.
            invocation.delivered().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return invocation.result().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            invocation.complete(new InvocationResult.Timeout());
            return invocation.result().join();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Invocation futures never fail", e);
        }
    }

    private void report(Invocation invocation, InvocationResult result, Environment coldEnvironment) {
        StringBuilder line = new StringBuilder("REPORT RequestId: ").append(invocation.requestId())
                .append(" Function: ").append(spec.name())
                .append(String.format(" Duration: %.2f ms", invocation.durationMillis()))
                .append(" Memory Size: ").append(spec.memoryMb()).append(" MB");
        if (coldEnvironment != null && coldEnvironment.api().firstPoll().isDone()
                && !coldEnvironment.api().firstPoll().isCompletedExceptionally()) {
            double init = (coldEnvironment.api().firstPoll().join() - coldEnvironment.startNanos()) / 1_000_000.0;
            line.append(String.format(" Init Duration: %.2f ms", init));
        }
        line.append(status(result));
        if (coldEnvironment != null || !(result instanceof InvocationResult.Success)) {
            log.info("{}", line);
        } else {
            log.debug("{}", line);
        }
    }

    private static String status(InvocationResult result) {
        if (result instanceof InvocationResult.FunctionError error) {
            return " Status: error Error Type: " + error.errorType();
        } else if (result instanceof InvocationResult.InitError error) {
            return " Status: error Error Type: " + error.errorType();
        } else if (result instanceof InvocationResult.Timeout) {
            return " Status: timeout";
        } else if (result instanceof InvocationResult.Crashed crashed) {
            return " Status: error Error Type: Runtime.ExitError (" + crashed.reason() + ")";
        }
        return "";
    }

    private Environment startEnvironment() {
        RuntimeApiServer api = null;
        try {
            api = RuntimeApiServer.start("arn:aws:lambda:" + REGION + ":" + ACCOUNT_ID + ":function:" + lambdaName());
            ProcessBuilder builder = new ProcessBuilder(command())
                    .directory(taskRoot.toFile())
                    .redirectErrorStream(true);
            // A clean environment like Lambda's: nothing of the developer's shell leaks into the function.
            builder.environment().clear();
            builder.environment().putAll(environment(api));
            long startNanos = System.nanoTime();
            Process process = builder.start();
            log.debug("Cold start of {}: pid {}", spec.name(), process.pid());
            forwardOutput(process);
            RuntimeApiServer runtimeApi = api;
            process.onExit().thenRun(() ->
                    runtimeApi.failPending(new InvocationResult.Crashed("exit code " + process.exitValue())));
            return new Environment(process, api, startNanos);
        } catch (IOException e) {
            if (api != null) {
                api.close();
            }
            throw new UncheckedIOException("Cannot start function " + spec.name(), e);
        }
    }

    private List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(launch.javaExecutable().toString());
        // The flags of Lambda's managed Java runtime: fast C1-only JIT, serial GC, CDS, 85% of memory as heap.
        command.add("-XX:+TieredCompilation");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-Xshare:auto");
        command.add("-Xmx" + spec.maxHeapMb() + "m");
        command.add("-javaagent:" + launch.watchdogAgent());
        command.add("-cp");
        command.add(launch.ricClasspath().stream().map(Path::toString)
                .collect(Collectors.joining(java.io.File.pathSeparator)));
        command.add(RIC_MAIN);
        command.add(spec.handler());
        return command;
    }

    private Map<String, String> environment(RuntimeApiServer api) {
        Map<String, String> env = new HashMap<>(launch.environment());
        String name = lambdaName();
        env.put("AWS_LAMBDA_RUNTIME_API", api.address());
        env.put("AWS_LAMBDA_FUNCTION_NAME", name);
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memoryMb()));
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + name);
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", LocalDate.now() + "/[$LATEST]"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()));
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java" + Runtime.version().feature());
        env.put("AWS_REGION", REGION);
        env.put("AWS_DEFAULT_REGION", REGION);
        // Dummy credentials: a misconfigured endpoint fails instead of reaching AWS. DynamoDB Local accepts only
        // letters and digits in a key id.
        env.put("AWS_ACCESS_KEY_ID", "canopylocal");
        env.put("AWS_SECRET_ACCESS_KEY", "canopylocal");
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("_HANDLER", spec.handler());
        env.put("TZ", "UTC");
        return env;
    }

    private void forwardOutput(Process process) {
        Thread forwarder = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    launch.output().accept("[" + spec.name() + "] " + line);
                }
            } catch (IOException e) {
                // The process is gone; its last lines went with it.
            }
        }, "output-" + spec.name() + "-" + process.pid());
        forwarder.setDaemon(true);
        forwarder.start();
    }

    private void discardEnvironment() {
        Environment env = environment;
        environment = null;
        if (env == null) {
            return;
        }
        Process process = env.process();
        // Lambda does not let a discarded sandbox clean up either. The process goes before its Runtime API, so
        // it is not left to report a failed /next on its way out.
        process.destroyForcibly();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                log.warn("Function process {} of {} did not exit within 5 s", process.pid(), spec.name());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        env.api().close();
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // Already closed with the process.
        }
    }

    private record Environment(Process process, RuntimeApiServer api, long startNanos) {
    }
}
