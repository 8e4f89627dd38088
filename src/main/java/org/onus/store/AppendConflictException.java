package org.onus.store;

/**
 * An append named a first index other than the log's current size: another sequencer wrote
 * first, or this one's view of the log is stale. Nothing was written.
 */
public class AppendConflictException extends StoreException {
    private final long expected;
    private final long actual;

    public AppendConflictException(long expected, long actual) {
        super("append expected the log to hold " + expected + " entries but it holds " + actual
                + "; reload the log state before appending again");
        this.expected = expected;
        this.actual = actual;
    }

    public long expected() {
        return expected;
    }

    public long actual() {
        return actual;
    }
}
