package org.onus.investigation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.onus.investigation.clocks.IncidentFacts;
import org.onus.investigation.clocks.RegulatoryReports;
import org.onus.investigation.clocks.ReportStatus;
import org.onus.investigation.clocks.Schedule;
import org.onus.ledger.TenantLog;

/**
 * The reports an incident owes, as the regulatory clocks compute them from its facts and the
 * filings on record, in the form the reporting rule reads. A report due immediately (AI Act
 * Art. 26(5)) and not yet filed stays pending: "immediately" sets no instant to be late by.
 */
public final class ClockedReports implements OwedReports {

    private final RegulatoryReports reports;
    private final TenantLog log;

    public ClockedReports(RegulatoryReports reports, TenantLog log) {
        this.reports = reports;
        this.log = log;
    }

    @Override
    public Optional<List<OwedReport>> owed(IncidentState incident, Instant at) {
        Optional<IncidentFacts> facts = reports.facts(log, incident.id());
        if (facts.isEmpty()) {
            return Optional.empty();
        }
        Schedule schedule = reports.schedule(log, facts.get(), at);
        List<OwedReport> out = new ArrayList<>();
        for (ReportStatus r : schedule.reports()) {
            Status status = switch (r.status()) {
                case DUE -> Status.PENDING;
                case OVERDUE -> Status.OVERDUE;
                case FILED, FOLLOWED_UP -> r.late() ? Status.SUBMITTED_LATE : Status.SUBMITTED_ON_TIME;
            };
            List<Long> evidence = new ArrayList<>();
            if (r.initial() != null) {
                evidence.add(r.initial().index());
            }
            out.add(new OwedReport(r.report().kind().regime().law(), r.report().kind().title() + " (" + r.report().basis() + ")",
                    r.report().kind().reporter().name().toLowerCase(Locale.ROOT).replace('_', '-'), r.report().owedBy(),
                    r.report().dueBy(), status, r.initial() == null ? null : r.initial().filedAt(), evidence));
        }
        return Optional.of(out);
    }
}
