package org.onus.ledger;

/** The ledger refused a request or found itself inconsistent; the message says which and why. */
public class LedgerException extends RuntimeException {
    public LedgerException(String message) {
        super(message);
    }

    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
