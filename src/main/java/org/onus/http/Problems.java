package org.onus.http;

import java.util.List;

/** The problems the API answers with, one factory per kind, so that every slug is listed here. */
final class Problems {

    private Problems() {
    }

    static Problem malformedJson(String detail) {
        return Problem.of(400, "malformed-json", "The body is not well-formed JSON", detail);
    }

    static Problem invalidParameters(List<Problem.FieldError> errors) {
        return Problem.ofFields(400, "invalid-parameter", "A request parameter is invalid", errors);
    }

    static Problem invalidParameter(String name, String in, String detail) {
        return invalidParameters(List.of(new Problem.FieldError(name, in, detail)));
    }

    static Problem invalidBody(List<Problem.FieldError> errors) {
        return Problem.ofFields(422, "invalid-body", "The JSON body breaks a rule", errors);
    }

    static Problem invalidBody(String field, String detail) {
        return invalidBody(List.of(new Problem.FieldError(field, "body", detail)));
    }

    static Problem recordNotFound(String kind, String id) {
        return Problem.of(404, "record-not-found", "No such record", "there is no " + kind + " record with id " + id + " in this tenant");
    }

    static Problem recordNotInForce(String kind, String id, java.time.Instant asOf) {
        return Problem.of(404, "record-not-in-force", "The record was not in force then",
                kind + "/" + id + " exists but no revision of it was in force at " + asOf + "; see /v1/" + kind + "/" + id + "/history");
    }

    static Problem incidentNotFound(String id) {
        return Problem.of(404, "incident-not-found", "No such incident", "there is no incident with id " + id + " in this tenant");
    }

    static Problem batchTooLarge(int size, int max) {
        return Problem.of(413, "batch-too-large", "The batch is too large",
                "the batch holds " + size + " events; at most " + max + " are taken per request, so split it (nothing was written)");
    }

    static Problem duplicateKey(String detail) {
        return Problem.of(409, "duplicate-key", "The key was already used for another body", detail);
    }

    static Problem entryNotFound(String detail) {
        return Problem.of(404, "entry-not-found", "No such entry", detail);
    }

    static Problem routeNotFound(String method, String path) {
        return Problem.of(404, "not-found", "No such resource",
                "there is no resource at " + path + "; the API lives under /v1 (see the README for the list)");
    }

    static Problem methodNotAllowed(String method, String path, String allowed) {
        Problem p = Problem.of(405, "method-not-allowed", "Method not allowed",
                method + " is not allowed on " + path + (allowed.isEmpty() ? "" : "; allowed: " + allowed));
        return allowed.isEmpty() ? p : p.withHeader("Allow", allowed);
    }

    static Problem tooLarge(long limit) {
        return Problem.of(413, "payload-too-large", "The body is too large",
                "the body exceeds the limit of " + limit + " bytes for this endpoint; split the data into smaller entries");
    }

    static Problem unsupportedMediaType(String contentType) {
        return Problem.of(415, "unsupported-media-type", "Unsupported media type",
                "Content-Type is " + contentType + " but this endpoint takes application/json");
    }

    static Problem notAcceptable(String accept, String offered) {
        return Problem.of(406, "not-acceptable", "No acceptable representation",
                "Accept is '" + accept + "' but this endpoint answers " + offered);
    }

    static Problem missingToken() {
        return Problem.of(401, "unauthorized", "Authentication required",
                        "this endpoint needs a bearer token: send the header 'Authorization: Bearer <token>'")
                .withHeader("WWW-Authenticate", "Bearer realm=\"onus\"");
    }

    /** One answer for unknown, revoked and malformed tokens, so none of them can be told apart. */
    static Problem invalidToken() {
        return Problem.of(401, "unauthorized", "Authentication required",
                        "the bearer token is not valid: it is unknown, revoked or malformed")
                .withHeader("WWW-Authenticate", "Bearer realm=\"onus\", error=\"invalid_token\"");
    }

    static Problem forbidden(String detail) {
        return Problem.of(403, "forbidden", "Not permitted", detail);
    }

    static Problem unavailable(String detail) {
        return Problem.of(503, "unavailable", "Temporarily unavailable", detail);
    }

    static Problem internal(String detail) {
        return Problem.of(500, "internal-error", "Internal error", detail);
    }

    static Problem httpStatus(int status, String message) {
        return Problem.of(status, "http-" + status, message == null || message.isBlank() ? "HTTP " + status : message,
                message == null || message.isBlank() ? "the request failed with HTTP status " + status : message);
    }
}
