package org.onus.store;

import java.util.List;

/**
 * An append carried a secret under a name the store already keeps with another value: another
 * node made a key for the same patient and committed it first. Nothing was written; the caller
 * must take the stored secret, redo what it made under its own, and append again.
 */
public class SecretConflictException extends StoreException {
    private final List<String> names;

    public SecretConflictException(List<String> names) {
        super("the store already keeps another value under " + names + "; nothing was written: "
                + "read the stored secret and redo what was made under this one");
        this.names = List.copyOf(names);
    }

    /** The names whose stored values differ from the ones the append carried. */
    public List<String> names() {
        return names;
    }
}
