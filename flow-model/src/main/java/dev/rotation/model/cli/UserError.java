package dev.rotation.model.cli;

/**
 * A failure the user can fix: its message is the one line a command prints (what is wrong and what
 * to do), with no stack trace unless {@code --debug} is given. {@link CommandErrors} turns it into
 * that line and the exit code it carries.
 */
public final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /**
     * @param message one line: what is wrong and what to do
     * @param exitCode the process exit code, non-zero (see {@link CommandErrors} for the shared
     *     codes)
     * @param cause the underlying failure, kept for {@code --debug}; may be null
     */
    public UserError(String message, int exitCode, Throwable cause) {
        super(message, cause);
        if (exitCode == 0) {
            throw new IllegalArgumentException("a UserError needs a non-zero exit code");
        }
        this.exitCode = exitCode;
    }

    public UserError(String message, int exitCode) {
        this(message, exitCode, null);
    }

    public int exitCode() {
        return exitCode;
    }
}
