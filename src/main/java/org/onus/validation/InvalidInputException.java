package org.onus.validation;

import java.util.List;

/** Input that breaks one or more rules; nothing was written. Mapped to RFC 9457 problem+json. */
public class InvalidInputException extends RuntimeException {

    private final List<Violation> violations;

    public InvalidInputException(List<Violation> violations) {
        super(summary(violations));
        this.violations = List.copyOf(violations);
    }

    public InvalidInputException(String pointer, String rule) {
        this(List.of(new Violation(pointer, rule)));
    }

    public List<Violation> violations() {
        return violations;
    }

    private static String summary(List<Violation> vs) {
        if (vs.isEmpty()) {
            return "invalid input";
        }
        Violation first = vs.get(0);
        String more = vs.size() > 1 ? " (and " + (vs.size() - 1) + " more)" : "";
        return (first.pointer().isEmpty() ? "the body" : first.pointer()) + ": " + first.rule() + more;
    }
}
