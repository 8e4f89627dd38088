package org.onus.investigation;

import java.time.Instant;
import java.util.List;

/**
 * A deployment's observed performance on one metric, counted from its decisions and their
 * outcomes in a window before the incident: {@code events} of {@code trials} (for sensitivity,
 * the true positives among the confirmed positives; for error-rate, the erroneous outputs among
 * those checked). {@code evidence} holds the ledger indexes of the outcomes counted (at most
 * {@link #MAX_EVIDENCE}; {@code evidenceTruncated} says when there were more).
 */
public record ObservedRate(String metric, long events, long trials, Instant from, Instant to, List<Long> evidence,
                           boolean evidenceTruncated) {

    public static final int MAX_EVIDENCE = 2_000;

    public ObservedRate {
        evidence = List.copyOf(evidence);
    }

    public double rate() {
        return trials == 0 ? Double.NaN : (double) events / trials;
    }
}
