package org.onus.investigation.clocks;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.onus.registry.AiSystem;

/** Incident facts for tests, built up one change at a time from a plain starting point. */
final class Facts {

    static final AiSystem DEVICE_HIGH_RISK = system(true, "high");
    static final AiSystem DEVICE_NOT_CLASSED = system(true, null);
    static final AiSystem HIGH_RISK_NOT_DEVICE = system(false, "high");
    static final AiSystem LIMITED_RISK = system(false, "limited");

    static AiSystem system(boolean device, String aiActClass) {
        return new AiSystem("sepsis-watch", "Sepsis Watch", "acme", device, aiActClass, device ? "IIb" : null,
                device ? List.of("K231234") : List.of(), Map.of());
    }

    static IncidentFacts at(String awareAt, String zone, String jurisdiction, AiSystem system, IncidentFacts.Harm harm) {
        return new IncidentFacts("inc-1", Instant.parse(awareAt), ZoneId.of(zone), harm, false, system, "st-mary",
                jurisdiction, null, null);
    }

    static IncidentFacts remedial(IncidentFacts f) {
        return new IncidentFacts(f.incidentId(), f.awareAt(), f.zone(), f.harm(), true, f.system(), f.site(),
                f.siteJurisdiction(), f.manufacturerJurisdiction(), f.manufacturerAwareAt());
    }

    static IncidentFacts manufacturer(IncidentFacts f, String jurisdiction, String awareAt) {
        return new IncidentFacts(f.incidentId(), f.awareAt(), f.zone(), f.harm(), f.remedialActionNeeded(), f.system(), f.site(),
                f.siteJurisdiction(), jurisdiction, awareAt == null ? null : Instant.parse(awareAt));
    }

    static IncidentFacts.Harm death() {
        return IncidentFacts.Harm.NONE.withDeath();
    }

    static IncidentFacts.Harm injury(boolean unanticipated) {
        return IncidentFacts.Harm.NONE.withSeriousInjury(unanticipated);
    }

    private Facts() {
    }
}
