package org.onus.recording;

/** A batch holds more events than one request may carry; nothing was written. Mapped to 413. */
public class BatchTooLargeException extends RuntimeException {
    public BatchTooLargeException(int size, int max) {
        super("the batch holds " + size + " events; at most " + max + " are taken per request, so split it");
    }
}
