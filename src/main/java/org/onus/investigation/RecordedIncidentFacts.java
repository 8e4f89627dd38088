package org.onus.investigation;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.onus.investigation.clocks.IncidentFacts;
import org.onus.investigation.clocks.IncidentFactsSource;
import org.onus.ledger.TenantLog;
import org.onus.recording.Recorder;
import org.onus.recording.TenantServices;
import org.onus.registry.AiSystem;
import org.onus.registry.Party;
import org.onus.registry.RecordKind;

/**
 * The regulatory clocks' facts of a recorded incident: its awareness time, its harm as it
 * stands (the filing with later information applied), the AI system of its first linked decision
 * as registered at that decision, and the site's and manufacturer's jurisdictions.
 *
 * <p>A serious deterioration counts as unanticipated (the MDR's 10-day clock) when the incident
 * says {@code unanticipatedDeterioration}, else as anticipated (15 days). The site's days are
 * counted in its {@code timeZone} as registered; a site without one is counted in the time zone of
 * its country's capital (UTC for a jurisdiction not listed here).
 * An incident without a linked decision, or whose site has no jurisdiction on record, is unknown
 * to the clocks: they cannot say which regimes apply.
 */
public final class RecordedIncidentFacts implements IncidentFactsSource {

    private static final Set<String> CET = Set.of("DE", "FR", "NL", "BE", "LU", "AT", "IT", "ES", "SE", "DK", "PL", "CZ", "SK", "SI",
            "HR", "HU", "MT", "NO", "IS", "LI", "CH");
    private static final Set<String> EET = Set.of("FI", "EE", "LV", "LT", "GR", "BG", "RO", "CY");
    private static final Map<String, String> OTHER = Map.of("PT", "Europe/Lisbon", "IE", "Europe/Dublin", "GB", "Europe/London",
            "US", "America/New_York", "EU", "Europe/Brussels");

    private final java.util.function.Function<TenantLog, TenantServices> services;

    public RecordedIncidentFacts(TenantServices.Directory services) {
        this.services = services::of;
    }

    /** @param services each tenant's services, e.g. {@code onus::services} */
    public RecordedIncidentFacts(java.util.function.Function<TenantLog, TenantServices> services) {
        this.services = services;
    }

    @Override
    public Optional<IncidentFacts> facts(TenantLog log, String incidentId) {
        TenantServices s = services.apply(log);
        Optional<IncidentState> found = new Incidents(s, java.time.Clock.systemUTC()).state(incidentId);
        if (found.isEmpty() || found.get().decisions().isEmpty()) {
            return Optional.empty();
        }
        IncidentState st = found.get();
        Optional<Recorder.DecisionRef> ref = s.recorder().decisionRef(st.decisions().get(0));
        if (ref.isEmpty() || ref.get().system() == null) {
            return Optional.empty();
        }
        Instant at = st.occurredAt();
        Optional<AiSystem> system = s.registry().current(RecordKind.AI_SYSTEM, ref.get().system(), at, AiSystem.class);
        Optional<Party> site = s.registry().current(RecordKind.PARTY, st.incident().site(), at, Party.class);
        if (system.isEmpty() || site.isEmpty() || site.get().jurisdiction() == null) {
            return Optional.empty();
        }
        String maker = s.registry().current(RecordKind.PARTY, system.get().manufacturer(), at, Party.class).map(Party::jurisdiction).orElse(null);
        Incident.Facts f = st.facts();
        boolean death = f.death() || (st.severity() != null && st.severity().death());
        IncidentFacts.Harm harm = new IncidentFacts.Harm(death, f.seriousInjury(), f.seriousInjury() && f.unanticipatedDeterioration(),
                f.publicHealthThreat(),
                f.fundamentalRightsInfringement(), false, false);
        ZoneId zone = site.get().timeZone() != null ? ZoneId.of(site.get().timeZone()) : zone(site.get().jurisdiction());
        return Optional.of(new IncidentFacts(st.id(), st.awareAt(), zone, harm, f.remedialAction(), system.get(),
                st.incident().site(), site.get().jurisdiction(), maker, null));
    }

    static ZoneId zone(String jurisdiction) {
        if (CET.contains(jurisdiction)) {
            return ZoneId.of("Europe/Berlin");
        }
        if (EET.contains(jurisdiction)) {
            return ZoneId.of("Europe/Helsinki");
        }
        return OTHER.containsKey(jurisdiction) ? ZoneId.of(OTHER.get(jurisdiction)) : ZoneOffset.UTC;
    }
}
