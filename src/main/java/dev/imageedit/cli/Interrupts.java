package dev.imageedit.cli;

import dev.imageedit.ExitCode;
import dev.imageedit.run.Runner;
import sun.misc.Signal;

/**
 * Ctrl-C (or a SIGTERM, as a service manager or a container stop sends) while jobs run: the first
 * stops waiting and cancels what is still queued (the runner reports what could not be cancelled,
 * with the ids to resume); a second exits at once. Only installed in a real process: a shutdown
 * hook could not tell the two apart, nor cancel before the process ends.
 */
final class Interrupts {
    private Interrupts() {
    }

    static void install(Runner runner) {
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), first -> {
                for (String again : new String[] {"INT", "TERM"}) {
                    Signal.handle(new Signal(again), second -> Runtime.getRuntime().halt(ExitCode.INTERRUPTED.code()));
                }
                System.err.println("\nedit: interrupted (SIG" + first.getName() + "): cancelling queued requests (Ctrl-C again to quit at once)");
                runner.interrupt();
            });
        }
    }
}
