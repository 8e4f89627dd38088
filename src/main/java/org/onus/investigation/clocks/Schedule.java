package org.onus.investigation.clocks;

import java.time.Instant;
import java.util.List;

/**
 * The regulatory reports of one incident as of an instant: each owed report with its status,
 * why the other regimes owe nothing, and any filing recorded for a report these facts do not
 * (or no longer) call for.
 */
public record Schedule(IncidentFacts facts, Instant asOf, List<ReportStatus> reports, List<String> notOwed,
                       List<Filing> otherFilings) {

    public Schedule {
        reports = List.copyOf(reports);
        notOwed = List.copyOf(notOwed);
        otherFilings = List.copyOf(otherFilings);
    }
}
