package org.onus.investigation.clocks;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * An owed report's standing as of an instant: due (time left), overdue (by how much), filed
 * (on time or late), or filed and followed up.
 *
 * @param timeLeft until the deadline, negative once it has passed; null once filed or when the
 *     report is due immediately (no number of days to count)
 * @param late the initial report was filed at or after the deadline
 */
public record ReportStatus(OwedReport report, Status status, Filing initial, List<Filing> followUps, Duration timeLeft,
                           boolean late) {

    public enum Status { DUE, OVERDUE, FILED, FOLLOWED_UP }

    public ReportStatus {
        followUps = List.copyOf(followUps);
    }

    /** The standing of {@code report} as of {@code asOf}, counting only filings filed by then. */
    public static ReportStatus of(OwedReport report, List<Filing> filings, Instant asOf) {
        List<Filing> mine = filings.stream()
                .filter(f -> f.kind() == report.kind() && !f.filedAt().isAfter(asOf))
                .sorted(Comparator.comparing(Filing::filedAt).thenComparingLong(Filing::index))
                .toList();
        Filing initial = mine.stream().filter(f -> f.stage() == Filing.Stage.INITIAL).findFirst().orElse(null);
        if (initial == null) {
            if (report.immediately()) {
                return new ReportStatus(report, Status.DUE, null, List.of(), null, false);
            }
            Duration left = Duration.between(asOf, report.dueBy());
            return new ReportStatus(report, left.isNegative() || left.isZero() ? Status.OVERDUE : Status.DUE, null, List.of(), left, false);
        }
        List<Filing> followUps = mine.stream().filter(f -> f.stage() == Filing.Stage.FOLLOW_UP).toList();
        boolean late = report.dueBy() != null && !initial.filedAt().isBefore(report.dueBy());
        return new ReportStatus(report, followUps.isEmpty() ? Status.FILED : Status.FOLLOWED_UP, initial, followUps, null, late);
    }
}
