package dev.rotation.platform;

import java.util.List;

/**
 * An error the registry answers with, as Confluent does: an HTTP status and a JSON body {@code
 * {"error_code":40401,"message":"Subject 'x' not found."}}. Codes and messages follow Confluent's
 * {@code Errors}; generic HTTP errors (404 unknown path, 405, 406, 415) carry the status itself as
 * error code, as Confluent's REST layer does.
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

    static RegistryError notFound() {
        return new RegistryError(404, 404, "HTTP 404 Not Found");
    }

    static RegistryError methodNotAllowed() {
        return new RegistryError(405, 405, "HTTP 405 Method Not Allowed");
    }

    static RegistryError notAcceptable() {
        return new RegistryError(
                406,
                406,
                "HTTP 406 Not Acceptable: accept application/vnd.schemaregistry.v1+json, "
                        + "application/vnd.schemaregistry+json or application/json");
    }

    static RegistryError unsupportedMediaType() {
        return new RegistryError(
                415,
                415,
                "HTTP 415 Unsupported Media Type: send the body as application/json "
                        + "(e.g. curl -H 'Content-Type: application/json')");
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

    static RegistryError schemaIdNotFound(int id) {
        return new RegistryError(404, 40403, "Schema " + id + " not found");
    }

    static RegistryError subjectSoftDeleted(String subject) {
        return new RegistryError(
                404,
                40404,
                "Subject '"
                        + subject
                        + "' was soft deleted.Set permanent=true to delete permanently");
    }

    static RegistryError subjectNotSoftDeleted(String subject) {
        return new RegistryError(
                404,
                40405,
                "Subject '" + subject + "' was not deleted first before being permanently deleted");
    }

    static RegistryError versionSoftDeleted(String subject, String version) {
        return new RegistryError(
                404,
                40406,
                "Subject '"
                        + subject
                        + "' Version "
                        + version
                        + " was soft deleted.Set permanent=true to delete permanently");
    }

    static RegistryError versionNotSoftDeleted(String subject, int version) {
        return new RegistryError(
                404,
                40407,
                "Subject '"
                        + subject
                        + "' Version "
                        + version
                        + " was not deleted first before being permanently deleted");
    }

    static RegistryError subjectLevelNotConfigured(String subject) {
        return new RegistryError(
                404,
                40408,
                "Subject '" + subject + "' does not have subject-level compatibility configured");
    }

    static RegistryError subjectModeNotConfigured(String subject) {
        return new RegistryError(
                404,
                40409,
                "Subject '" + subject + "' does not have subject-level mode configured");
    }

    static RegistryError invalidSchema(String detail) {
        return new RegistryError(422, 42201, "Invalid schema: " + detail);
    }

    static RegistryError invalidVersion(String version) {
        return new RegistryError(
                422,
                42202,
                "The specified version '"
                        + version
                        + "' is not a valid version id. "
                        + "Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    static RegistryError invalidCompatibilityLevel() {
        return new RegistryError(
                422,
                42203,
                "Invalid compatibility level. Valid values are none, backward, forward, "
                        + "full, backward_transitive, forward_transitive, and full_transitive");
    }

    static RegistryError operationNotPermitted(String message) {
        return new RegistryError(422, 42205, message);
    }

    static RegistryError incompatible(String subject, List<String> problems) {
        return new RegistryError(
                409,
                409,
                "Schema being registered is incompatible with an earlier schema for subject \""
                        + subject
                        + "\", details: "
                        + problems);
    }

    static RegistryError storeError(String what, Throwable cause) {
        return new RegistryError(
                500, 50001, "Error in the backend data store while " + what + ": " + cause, cause);
    }
}
