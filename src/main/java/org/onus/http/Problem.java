package org.onus.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem: what went wrong, said so that a client can act on it. {@code type} is a
 * stable URI per kind of problem ({@code https://onus.dev/problems/<slug>}), {@code detail}
 * names the field and the rule broken, and {@code errors} lists every field-level problem when
 * there is more than one thing to fix.
 */
record Problem(String slug, String title, int status, String detail, List<FieldError> errors, Map<String, String> headers) {

    static final String TYPE_BASE = "https://onus.dev/problems/";
    static final String MEDIA_TYPE = "application/problem+json";

    /**
     * One broken rule about one field.
     *
     * @param in where the field is: {@code body}, {@code query}, {@code path} or {@code header}
     */
    record FieldError(String field, String in, String detail) {
    }

    Problem {
        errors = List.copyOf(errors);
        headers = Map.copyOf(headers);
    }

    static Problem of(int status, String slug, String title, String detail) {
        return new Problem(slug, title, status, detail, List.of(), Map.of());
    }

    /** A problem about fields: the detail names the first field and its rule, {@code errors} lists all. */
    static Problem ofFields(int status, String slug, String title, List<FieldError> errors) {
        FieldError first = errors.get(0);
        String detail = first.field() + ": " + first.detail()
                + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more problem" + (errors.size() > 2 ? "s" : "") + ", see errors)" : "");
        return new Problem(slug, title, status, detail, errors, Map.of());
    }

    Problem withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Problem(slug, title, status, detail, errors, h);
    }

    String type() {
        return TYPE_BASE + slug;
    }

    ProblemException exception() {
        return new ProblemException(this);
    }

    /** Thrown by handlers to answer with a problem; the exception mapper writes it out. */
    static final class ProblemException extends RuntimeException {
        private final Problem problem;

        ProblemException(Problem problem) {
            super(problem.detail(), null, false, false);
            this.problem = problem;
        }

        Problem problem() {
            return problem;
        }
    }
}
