package org.onus.investigation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The regulatory reports an incident owes, each with its deadline and status: what the
 * reporting rule consumes. The regulatory clocks compute them (MDR Art. 87, AI Act Art. 73 and
 * 26(5), 21 CFR 803); this interface is the seam between them and the rules.
 *
 * <p>An implementation must be deterministic for a given incident state and evaluation time,
 * and answer empty (not an empty list) when it cannot say which reports are owed, so that the
 * rule answers "undetermined" rather than "nothing was owed".
 */
public interface OwedReports {

    /** The reports owed for the incident as it stands, as of {@code at}; empty when unknown. */
    Optional<List<OwedReport>> owed(IncidentState incident, Instant at);

    /** One report owed: under which regime, by whom, by when, and whether and when it was submitted. */
    record OwedReport(String regime, String report, String owedByRole, String owedBy, Instant dueAt, Status status,
                      Instant submittedAt, List<Long> evidence) {
        public OwedReport {
            evidence = evidence == null ? List.of() : List.copyOf(evidence);
        }
    }

    enum Status {
        /** Not yet due and not yet submitted. */
        PENDING,
        SUBMITTED_ON_TIME,
        SUBMITTED_LATE,
        /** Due and not submitted. */
        OVERDUE
    }

    /** What is wired until the regulatory clocks are: nothing is known about owed reports. */
    OwedReports UNKNOWN = (incident, at) -> Optional.empty();
}
