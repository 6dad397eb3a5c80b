package dev.imageedit.cli;

import dev.imageedit.EditException;
import dev.imageedit.run.Sandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
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
@Command(name = "sandbox", mixinStandardHelpOptions = true, addMethodSubcommands = false, versionProvider = Version.class,
        footerHeading = "%nExamples:%n",
        footer = {"  edit sandbox --port 8765", "  edit sandbox --fault rate-limit --fault truncated --job-seconds 5"},
        description = {"Run a local simulator of the RunComfy Model API on 127.0.0.1 until Ctrl-C.",
            "Point any client at it: RUNCOMFY_MODEL_API_BASE=<printed URL> RUNCOMFY_TOKEN=anything edit ..."})
final class SandboxCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", converter = Converters.Port.class,
            description = "Port to listen on, 1-65535 (default: any free port).")
    int port;

    @Option(names = "--job-seconds", paramLabel = "S", converter = Converters.Seconds.class,
            description = "How long each job takes, above 0 (default: 1.5).")
    double jobSeconds = Sandbox.DEFAULT_JOB_TIME.toMillis() / 1000.0;

    @Option(names = "--fault", paramLabel = "FAULT", completionCandidates = CompletionCommand.FaultNames.class,
            description = "A failure to act out (repeatable): ${COMPLETION-CANDIDATES}.")
    List<String> faults = new ArrayList<>();

    @Option(names = "--output-bytes", paramLabel = "N", converter = Converters.Bytes.class,
            description = "Serve each output as a PNG-headed file of N bytes (for download tests and benchmarks).")
    long outputBytes;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Set<Sandbox.Fault> chosen = Sandbox.Fault.parseAll(faults, "--fault");
        try (Sandbox sandbox = listen(chosen)) {
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

    private Sandbox listen(Set<Sandbox.Fault> chosen) throws IOException {
        try {
            return new Sandbox(port, chosen, Duration.ofMillis((long) Math.ceil(jobSeconds * 1000)), outputBytes, Clock.systemUTC());
        } catch (BindException e) {
            throw EditException.usage("--port " + port + " is in use (" + e.getMessage() + "): choose another port, "
                    + "or leave --port out for any free one");
        }
    }
}
