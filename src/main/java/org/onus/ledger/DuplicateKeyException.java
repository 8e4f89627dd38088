package org.onus.ledger;

/**
 * A unique key (an idempotency key or a record id) is already held by another entry whose body
 * differs from this one's. Nothing of the group was written.
 */
public class DuplicateKeyException extends LedgerException {
    private final String key;
    private final long existingIndex;

    public DuplicateKeyException(String key, long existingIndex) {
        super("key " + key + " was already used, with a different body, by ledger entry " + existingIndex
                + "; send the same body to get that entry's index again, or use a new key");
        this.key = key;
        this.existingIndex = existingIndex;
    }

    public String key() {
        return key;
    }

    public long existingIndex() {
        return existingIndex;
    }
}
