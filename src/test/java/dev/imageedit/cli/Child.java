package dev.imageedit.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The real command line in a child JVM on this test run's class path, stopped by a real signal
 * once a condition holds: how the tests prove what Ctrl-C, SIGTERM and a crash (SIGKILL) do.
 */
final class Child {
    private Child() {
    }

    /** How the child ended: its exit code and everything it printed. */
    record Ended(int code, String out, String err) {
    }

    /**
     * Runs {@code edit ARGS} with exactly {@code env}; once {@code when} holds (checked every 10 ms,
     * for at most {@code seconds}) sends {@code signal} ("INT", "TERM", "KILL"), then waits for the exit.
     */
    static Ended signalled(Map<String, String> env, BooleanSupplier when, String signal, long seconds, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xmx128m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        // Files, not pipes: a child blocked on a full pipe would never reach the point to stop it at.
        Path out = Files.createTempFile("edit-child", ".out");
        Path err = Files.createTempFile("edit-child", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Process child = builder.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (!when.getAsBoolean()) {
                if (System.nanoTime() > deadline || !child.isAlive()) {
                    throw new AssertionError("the child never reached the point to stop it at: " + Files.readString(err));
                }
                Thread.sleep(10);
            }
            new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).inheritIO().start().waitFor();
            if (!child.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the child did not exit after SIG" + signal);
            }
            return new Ended(child.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            child.destroyForcibly();
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
