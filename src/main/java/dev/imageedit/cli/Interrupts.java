package dev.imageedit.cli;

import dev.imageedit.ExitCode;
import dev.imageedit.run.Runner;
import sun.misc.Signal;

/**
 * Ctrl-C while jobs run: the first stops waiting and cancels what is still queued (the runner
 * reports what could not be cancelled); a second exits at once. Only installed in a real
 * process: a shutdown hook could not tell the two presses apart.
 */
final class Interrupts {
    private Interrupts() {
    }

    static void install(Runner runner) {
        Signal.handle(new Signal("INT"), first -> {
            Signal.handle(new Signal("INT"), second -> Runtime.getRuntime().halt(ExitCode.INTERRUPTED.code()));
            System.err.println("\nedit: interrupted: cancelling queued requests (Ctrl-C again to quit at once)");
            runner.interrupt();
        });
    }
}
