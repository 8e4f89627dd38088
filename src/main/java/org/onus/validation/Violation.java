package org.onus.validation;

/**
 * One broken rule of an input: where (an RFC 6901 JSON pointer into the request body, or the
 * name of a query parameter) and what rule, in words an integration engineer can act on.
 */
public record Violation(String pointer, String rule) {
}
