package org.onus.investigation.clocks;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import org.onus.registry.AiSystem;

/**
 * What the regulatory clocks need to know about one incident, and nothing else: when the
 * reporting site became aware of it and in which time zone it keeps its days, what harm it did,
 * and the regulatory status of the AI system and where the parties sit.
 *
 * @param incidentId the incident's id
 * @param awareAt when the deploying site became aware of the incident (the clocks start here)
 * @param zone the site's time zone: a "day" of a clock is a day there
 * @param harm what the incident did, in the words the regulations use
 * @param remedialActionNeeded the event calls for remedial action to prevent an unreasonable risk
 *     of substantial harm to the public health (21 CFR 803.53(a))
 * @param system the AI system involved: medical device or not, its AI Act risk class, its clearances
 * @param site the deploying site's party id (the deployer, in the US a device user facility)
 * @param siteJurisdiction the site's {@code Party.jurisdiction}: an ISO 3166-1 alpha-2 code or "EU"
 * @param manufacturerJurisdiction the manufacturer's jurisdiction, or null if unknown; a maker
 *     outside the Union reports through its authorised representative
 * @param manufacturerAwareAt when the manufacturer became aware, or null if not known; its clocks
 *     then start at the site's awareness, the earliest it can have known
 */
public record IncidentFacts(String incidentId, Instant awareAt, ZoneId zone, Harm harm, boolean remedialActionNeeded,
                            AiSystem system, String site, String siteJurisdiction, String manufacturerJurisdiction,
                            Instant manufacturerAwareAt) {

    public IncidentFacts {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(awareAt, "awareAt");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(harm, "harm");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(siteJurisdiction, "siteJurisdiction");
    }

    /**
     * The harm, each flag in a regulation's own terms.
     *
     * @param death a person died (MDR Art. 87(5); AI Act Art. 73(4); 21 CFR 803.30(a)(1))
     * @param seriousInjury serious deterioration in a person's state of health (MDR Art. 2(65)),
     *     serious harm to health (AI Act Art. 3(49)(a)), serious injury (21 CFR 803.3)
     * @param unanticipated the serious deterioration was unanticipated (MDR Art. 87(5): 10 days)
     * @param seriousPublicHealthThreat a serious public health threat (MDR Art. 2(66); Art. 87(4): 2 days)
     * @param fundamentalRightsInfringement an infringement of obligations under Union law intended
     *     to protect fundamental rights (AI Act Art. 3(49)(c))
     * @param widespreadInfringement a widespread infringement (AI Act Art. 3(61); Art. 73(3): 2 days)
     * @param criticalInfrastructureDisruption a serious and irreversible disruption of critical
     *     infrastructure (AI Act Art. 3(49)(b); Art. 73(3): 2 days)
     */
    public record Harm(boolean death, boolean seriousInjury, boolean unanticipated, boolean seriousPublicHealthThreat,
                       boolean fundamentalRightsInfringement, boolean widespreadInfringement,
                       boolean criticalInfrastructureDisruption) {

        public static final Harm NONE = new Harm(false, false, false, false, false, false, false);

        /** Death or serious harm to health: what device vigilance and 21 CFR 803 report. */
        public boolean toHealth() {
            return death || seriousInjury || seriousPublicHealthThreat;
        }

        /** A serious incident in the AI Act's sense (Art. 3(49); property and environment are out of Onus's scope). */
        public boolean aiActSeriousIncident() {
            return toHealth() || fundamentalRightsInfringement || widespreadInfringement || criticalInfrastructureDisruption;
        }

        public Harm withDeath() {
            return new Harm(true, seriousInjury, unanticipated, seriousPublicHealthThreat, fundamentalRightsInfringement,
                    widespreadInfringement, criticalInfrastructureDisruption);
        }

        public Harm withSeriousInjury(boolean isUnanticipated) {
            return new Harm(death, true, isUnanticipated, seriousPublicHealthThreat, fundamentalRightsInfringement,
                    widespreadInfringement, criticalInfrastructureDisruption);
        }

        public Harm withSeriousPublicHealthThreat() {
            return new Harm(death, seriousInjury, unanticipated, true, fundamentalRightsInfringement,
                    widespreadInfringement, criticalInfrastructureDisruption);
        }

        public Harm withFundamentalRightsInfringement(boolean widespread) {
            return new Harm(death, seriousInjury, unanticipated, seriousPublicHealthThreat, true,
                    widespread, criticalInfrastructureDisruption);
        }

        public Harm withCriticalInfrastructureDisruption() {
            return new Harm(death, seriousInjury, unanticipated, seriousPublicHealthThreat, fundamentalRightsInfringement,
                    widespreadInfringement, true);
        }
    }

    /** When the manufacturer's clocks start: its own awareness if known, else the site's. */
    public Instant manufacturerClockStart() {
        return manufacturerAwareAt != null ? manufacturerAwareAt : awareAt;
    }
}
