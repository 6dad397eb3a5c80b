package dev.imageedit;

/** The process exit codes, sysexits-style, matching the official RunComfy client. */
public enum ExitCode {
    OK(0),
    USAGE(64),
    DATA(65),
    UPSTREAM(69),
    /** sysexits' EX_CANTCREAT: the journal or the output folder cannot be written. */
    CANT_CREATE(73),
    RETRYABLE(75),
    AUTH(77),
    INTERRUPTED(130);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
