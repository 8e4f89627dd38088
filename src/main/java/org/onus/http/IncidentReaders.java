package org.onus.http;

import java.time.Instant;
import org.onus.auth.Principal;
import org.onus.auth.Role;
import org.onus.investigation.IncidentServices;
import org.onus.investigation.clocks.RegulatoryReports;
import org.onus.investigation.clocks.Schedule;
import org.onus.ledger.TenantLog;
import org.onus.reporting.InvestigationReport;
import org.onus.reporting.ReportAssembler;

/**
 * Who may read what of an incident, in one place for the API and the web console, so that the
 * two cannot drift apart on the rule that matters most here: a vendor token reads only its
 * manufacturer's products' decisions, pseudonymized, never opens sealed content, and sees the
 * regulatory deadlines only of an incident whose regulated product is its own.
 */
public final class IncidentReaders {

    private IncidentReaders() {
    }

    /** The reader {@code who} is to the incident services: admins and investigators open sealed content. */
    public static IncidentServices.Reader reader(Principal who, IncidentServices s) {
        if (who.role() == Role.VENDOR) {
            return new IncidentServices.Reader(who.tokenId(), who.role().wireName(), false, s.tenant().registry().systemsOf(who.party()));
        }
        return new IncidentServices.Reader(who.tokenId(), who.role().wireName(), who.role() == Role.ADMIN || who.role() == Role.INVESTIGATOR);
    }

    /**
     * The investigation report of incident {@code id} as {@code who} may read it (the read is
     * logged by the services), with the deadlines owed as of {@code now} where {@code who} may see them.
     */
    public static InvestigationReport report(String id, Principal who, IncidentServices s, RegulatoryReports reports,
                                             TenantLog log, Instant now) {
        IncidentServices.Reported reported = s.report(id, reader(who, s));
        Schedule schedule = reports.facts(log, id)
                .filter(f -> who.role() != Role.VENDOR || f.system().manufacturer().equals(who.party()))
                .map(f -> reports.schedule(log, f, now)).orElse(null);
        return new ReportAssembler(s.tenant().registry(), log, s.investigator().rules())
                .assemble(reported, schedule, now, preparedFor(who));
    }

    private static String preparedFor(Principal who) {
        String role = who.role().wireName();
        return Character.toUpperCase(role.charAt(0)) + role.substring(1) + " holding token " + who.tokenId();
    }
}
