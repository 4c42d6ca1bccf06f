package dev.rotation.platform;

/**
 * An error the registry answers with, as Confluent does: an HTTP status and a JSON body
 * {@code {"error_code":40401,"message":"Subject 'x' not found."}}.
 */
final class RegistryError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final int errorCode;

    RegistryError(int httpStatus, int errorCode, String message) {
        this(httpStatus, errorCode, message, null);
    }

    RegistryError(int httpStatus, int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    int httpStatus() {
        return httpStatus;
    }

    int errorCode() {
        return errorCode;
    }

    static RegistryError subjectNotFound(String subject) {
        return new RegistryError(404, 40401, "Subject '" + subject + "' not found.");
    }

    static RegistryError versionNotFound(int version) {
        return new RegistryError(404, 40402, "Version " + version + " not found.");
    }

    static RegistryError schemaNotFound() {
        return new RegistryError(404, 40403, "Schema not found");
    }

    static RegistryError schemaIdNotFound(String id) {
        return new RegistryError(404, 40403, "Schema " + id + " not found");
    }

    static RegistryError invalidSchema(String detail) {
        return new RegistryError(422, 42201, "Invalid schema: " + detail);
    }

    static RegistryError invalidVersion(String version) {
        return new RegistryError(422, 42202, "The specified version '" + version + "' is not a valid version id. "
                + "Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    static RegistryError invalidCompatibilityLevel() {
        return new RegistryError(422, 42203, "Invalid compatibility level. Valid values are none, backward, forward, "
                + "full, backward_transitive, forward_transitive, and full_transitive");
    }

    static RegistryError incompatible(String subject, java.util.List<String> problems) {
        return new RegistryError(409, 409, "Schema being registered is incompatible with an earlier schema for subject \""
                + subject + "\", details: " + problems);
    }

    static RegistryError storeError(String what, Throwable cause) {
        return new RegistryError(500, 50001, "Error in the backend data store while " + what + ": " + cause, cause);
    }
}
