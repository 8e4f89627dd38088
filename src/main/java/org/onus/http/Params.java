package org.onus.http;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * Non-negative integer parameters, with every problem collected so that one answer names all
 * the parameters to fix.
 */
final class Params {

    private final Context ctx;
    private final List<Problem.FieldError> errors = new ArrayList<>();

    Params(Context ctx) {
        this.ctx = ctx;
    }

    /** A required query parameter; -1 (and an error recorded) if it is missing or malformed. */
    long query(String name) {
        List<String> values = ctx.queryParams(name);
        if (values.isEmpty()) {
            return fail(name, "query", "is required: a non-negative integer");
        }
        if (values.size() > 1) {
            return fail(name, "query", "is given " + values.size() + " times; give it once");
        }
        return parse(name, "query", values.get(0));
    }

    long path(String name) {
        return parse(name, "path", ctx.pathParam(name));
    }

    private long parse(String name, String in, String raw) {
        if (raw == null || raw.isEmpty()) {
            return fail(name, in, "is required: a non-negative integer");
        }
        if (raw.startsWith("-") && raw.length() > 1 && raw.substring(1).chars().allMatch(Character::isDigit)) {
            return fail(name, in, "must be a non-negative integer, got " + quote(raw));
        }
        if (!raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return fail(name, in, "must be a non-negative integer, got " + quote(raw));
        }
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            return fail(name, in, "is too large: " + quote(raw));
        }
    }

    /** Records a rule broken by an otherwise well-formed parameter. */
    void rule(String name, String in, String detail) {
        errors.add(new Problem.FieldError(name, in, detail));
    }

    private long fail(String name, String in, String detail) {
        rule(name, in, detail);
        return -1;
    }

    boolean ok() {
        return errors.isEmpty();
    }

    /** Throws a 400 naming every bad parameter, if any. */
    void check() {
        if (!errors.isEmpty()) {
            throw Problems.invalidParameters(errors).exception();
        }
    }

    private static String quote(String raw) {
        String shown = raw.length() > 40 ? raw.substring(0, 40) + "..." : raw;
        return "'" + shown + "'";
    }
}
