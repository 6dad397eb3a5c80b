package dev.imageedit.cli;

import dev.imageedit.run.Sandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code edit sandbox}: the local API simulator on its own, for people building agents against it. */
@Command(name = "sandbox", mixinStandardHelpOptions = true, versionProvider = Version.class,
        footerHeading = "%nExamples:%n",
        footer = {"  edit sandbox --port 8765", "  edit sandbox --fault rate-limit --fault truncated --job-seconds 5"},
        description = {"Run a local simulator of the RunComfy Model API on 127.0.0.1 until Ctrl-C.",
            "Point any client at it: RUNCOMFY_MODEL_API_BASE=<printed URL> RUNCOMFY_TOKEN=anything edit ..."})
final class SandboxCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", description = "Port to listen on (default: any free port).")
    int port;

    @Option(names = "--job-seconds", paramLabel = "S", description = "How long each job takes (default: 1.5).")
    double jobSeconds = Sandbox.DEFAULT_JOB_TIME.toMillis() / 1000.0;

    @Option(names = "--fault", paramLabel = "FAULT", description = "A failure to act out (repeatable); see 'edit --help' for the list.")
    List<String> faults = new ArrayList<>();

    @Option(names = "--output-bytes", paramLabel = "N", description = "Serve each output as a PNG-headed file of N bytes (for download tests and benchmarks).")
    long outputBytes;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Set<Sandbox.Fault> chosen = Sandbox.Fault.parseAll(faults, "--fault");
        try (Sandbox sandbox = new Sandbox(port, chosen, Duration.ofMillis((long) (jobSeconds * 1000)), outputBytes, Clock.systemUTC())) {
            sandbox.warmUp();
            PrintWriter out = spec.commandLine().getOut();
            out.println(sandbox.base());
            out.flush();
            spec.commandLine().getErr().println("sandbox listening; try: RUNCOMFY_MODEL_API_BASE=" + sandbox.base()
                    + " RUNCOMFY_TOKEN=sandbox edit \"Give the dog a hat\" --image https://example.com/dog.jpg");
            new CountDownLatch(1).await(); // until the process is stopped
        }
        return 0;
    }
}
