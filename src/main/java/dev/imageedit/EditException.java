package dev.imageedit;

/**
 * The one failure type the command line maps to an exit code. Its message is written for the
 * person or agent that called the tool: what was wrong, what is allowed, what to do.
 */
public class EditException extends RuntimeException {
    private final ExitCode exitCode;

    public EditException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public EditException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    public static EditException usage(String message) {
        return new EditException(ExitCode.USAGE, message);
    }

    public static EditException data(String message) {
        return new EditException(ExitCode.DATA, message);
    }
}
