package dev.rotation.model.registry;

/**
 * An error answered by a Confluent-compatible Schema Registry, or the failure to reach one. Carries
 * the HTTP status, the registry's own error code (e.g. 40401 subject not found, 40403 schema not
 * found, 409 incompatible) and the subject it concerned.
 */
public class SchemaRegistryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Error code used when the registry could not be reached at all. */
    public static final int UNREACHABLE = -1;

    private final int httpStatus;
    private final int errorCode;
    private final String subject;

    public SchemaRegistryException(
            int httpStatus, int errorCode, String subject, String message, Throwable cause) {
        super(describe(httpStatus, errorCode, subject, message), cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.subject = subject;
    }

    private static String describe(int httpStatus, int errorCode, String subject, String message) {
        StringBuilder sb = new StringBuilder("Schema Registry ");
        if (httpStatus == UNREACHABLE) {
            sb.append("unreachable");
        } else {
            sb.append("error ").append(errorCode).append(" (HTTP ").append(httpStatus).append(')');
        }
        if (subject != null) {
            sb.append(" for subject '").append(subject).append('\'');
        }
        return sb.append(": ").append(message).toString();
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int errorCode() {
        return errorCode;
    }

    public String subject() {
        return subject;
    }

    /** True when retrying later may succeed: the registry was unreachable or answered 5xx. */
    public boolean isRetriable() {
        return httpStatus == UNREACHABLE || httpStatus >= 500 || httpStatus == 429;
    }

    /** True when the registry refused a schema as incompatible with the subject's history. */
    public boolean isIncompatible() {
        return httpStatus == 409 || errorCode == 409;
    }
}
