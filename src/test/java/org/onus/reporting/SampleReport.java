package org.onus.reporting;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.onus.investigation.clocks.IncidentFacts;
import org.onus.investigation.clocks.RegulatoryClocks;
import org.onus.investigation.clocks.ReportStatus;
import org.onus.investigation.clocks.WorkCalendars;
import org.onus.reporting.InvestigationReport.Contributor;
import org.onus.reporting.InvestigationReport.Cover;
import org.onus.reporting.InvestigationReport.Deadline;
import org.onus.reporting.InvestigationReport.Determination;
import org.onus.reporting.InvestigationReport.Finding;
import org.onus.reporting.InvestigationReport.Link;
import org.onus.reporting.InvestigationReport.Outcome;
import org.onus.reporting.InvestigationReport.Summary;
import org.onus.reporting.InvestigationReport.TimelineStep;
import org.onus.reporting.InvestigationReport.Verification;
import org.onus.registry.AiSystem;

/**
 * A realistic investigation, as the investigation feature would hand it over: a sepsis score
 * below threshold for a septic patient, accepted after two seconds, a drift alert nobody acted
 * on, and a death at a New York hospital whose reports to FDA are due. Its deadlines come from
 * the real regulatory clocks.
 */
final class SampleReport {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final Instant GENERATED = Instant.parse("2026-11-27T15:00:00Z");
    static final AiSystem SEPSIS_WATCH = new AiSystem("sepsis-watch", "Sepsis Watch", "acme-health", true, "high", "II",
            List.of("K231234"), Map.of());

    static InvestigationReport build() {
        IncidentFacts facts = new IncidentFacts("INC-2026-0142", Instant.parse("2026-11-18T15:00:00Z"), NEW_YORK,
                IncidentFacts.Harm.NONE.withDeath(), false, SEPSIS_WATCH, "mercy-general", "US", "US", null);
        List<Deadline> deadlines = new RegulatoryClocks(WorkCalendars.builtIn()).assess(facts).owed().stream()
                .map(r -> Deadline.of(ReportStatus.of(r, List.of(), GENERATED))).toList();
        return new InvestigationReport(
                new Cover("Sepsis Watch score accepted for a septic patient who died", "Mercy General Hospital, New York",
                        "INC-2026-0142", "Patient Safety & AI Governance Committee", "R. O'Brien, risk manager", GENERATED, NEW_YORK),
                new Summary("A 78-year-old patient in the emergency department received a Sepsis Watch score of 0.21, below the "
                        + "operating threshold of 0.60. The attending physician accepted the score two seconds after it was shown, and "
                        + "antibiotics were not started. The patient was diagnosed with septic shock eleven hours later and died on "
                        + "the intensive care unit. Note from triage: \"lactate < 2 & BP stable\".",
                        "Death", "NCC MERP category I", "pt_7Hq2Kx9e", Instant.parse("2026-11-17T02:40:00Z"),
                        Instant.parse("2026-11-18T15:00:00Z"), "Mercy General Hospital", "Emergency department",
                        "Sepsis Watch (Acme Health)", "2.3.1", "Implicated: the manufacturer (design), the clinician (use) and "
                        + "the deployer (monitoring)."),
                List.of(
                        new Contributor("acme-health", "manufacturer", Link.DESIGN, "Observed sensitivity at this site is below the "
                                + "validated claim: the product failed to perform as designed."),
                        new Contributor("dr-chen", "clinician", Link.USE, "Accepted the score after 2 seconds where the authorization "
                                + "requires a 30-second review."),
                        new Contributor("mercy-general", "deployer", Link.MONITORING, "A drift alert on this deployment went "
                                + "unacknowledged for nine days before the event.")),
                List.of(
                        new Finding(Link.DESIGN, "PerformanceBelowClaimRule", "acme-health", Outcome.IMPLICATED, List.of(),
                                "Observed sensitivity 0.71 (95% Wilson interval 0.64-0.77, n = 180) is below the claimed 0.85 "
                                        + "(0.80-0.89): failed to perform as designed.", "21 CFR 803.50(a); MDR Art. 2(65)",
                                List.of(1842L, 20211L, 20377L)),
                        new Finding(Link.DESIGN, "KnownLimitationRule", "acme-health", Outcome.NOT_IMPLICATED, List.of(),
                                "The failure mode is not among the card's documented limitations (neutropenia only).",
                                "Model card, known limitations", List.of(1842L)),
                        new Finding(Link.DATA, "SubgroupValidationRule", "acme-health", Outcome.UNDETERMINED,
                                List.of("validated performance for patients aged 75 and over", "the subgroup definition of the card"),
                                "The card claims performance overall but not for the patient's age group.", "ONC HTI-1 source attributes",
                                List.of(1842L)),
                        new Finding(Link.DEPLOYMENT, "OutsideIntendedUseRule", "mercy-general", Outcome.NOT_IMPLICATED, List.of(),
                                "The patient was within the intended population and the authorization's scope.",
                                "Authorization AUTH-ED-07, scope", List.of(1901L, 20377L)),
                        new Finding(Link.USE, "ReviewSkippedRule", "dr-chen", Outcome.IMPLICATED, List.of(),
                                "Accepted 2 s after display; the authorization requires a minimum review of 30 s (automation bias).",
                                "Authorization AUTH-ED-07, oversight", List.of(20377L, 20378L)),
                        new Finding(Link.MONITORING, "AlertNotActedOnRule", "mercy-general", Outcome.IMPLICATED, List.of(),
                                "Sensitivity-drift alert of 2026-11-08 not acknowledged within the 48 h response time.",
                                "Authorization AUTH-ED-07, monitoring thresholds", List.of(19954L)),
                        new Finding(Link.REPORTING, "ReportLateOrMissingRule", "mercy-general", Outcome.UNDETERMINED,
                                List.of("the filing of the user facility report to FDA"), "The report to FDA is due; none is recorded yet.",
                                "21 CFR 803.30(a)(1)", List.of())),
                List.of(
                        new TimelineStep(Instant.parse("2026-11-08T13:05:00Z"), "alert", "monitoring", "Sensitivity below threshold "
                                + "(0.74 < 0.80) sent to the ED AI lead", "2.3.1 (card rev. 4)", "AUTH-ED-07", 19954L),
                        new TimelineStep(Instant.parse("2026-11-17T02:31:12Z"), "decision", "Sepsis Watch 2.3.1",
                                "Score 0.21 (threshold 0.60): low risk", "2.3.1 (card rev. 4)", "AUTH-ED-07", 20377L),
                        new TimelineStep(Instant.parse("2026-11-17T02:31:14Z"), "shown", "dr-chen", "Displayed in the ED tracking board",
                                "2.3.1 (card rev. 4)", "AUTH-ED-07", 20377L),
                        new TimelineStep(Instant.parse("2026-11-17T02:31:16Z"), "action", "dr-chen", "Accepted; no antibiotics ordered",
                                "2.3.1 (card rev. 4)", "AUTH-ED-07", 20378L),
                        new TimelineStep(Instant.parse("2026-11-17T13:50:00Z"), "outcome", "lab / ICU", "Septic shock confirmed "
                                + "(blood culture positive): a false negative", "2.3.1 (card rev. 4)", "AUTH-ED-07", 20981L)),
                deadlines,
                List.of(new Determination("Was accepting the low score the standard of care?", "No: qSOFA 2 and rising lactate "
                        + "called for a sepsis work-up regardless of the score.", "Dr. A. Novak, investigator",
                        Instant.parse("2026-11-24T16:20:00Z"), 21102L)),
                new Verification("bundle-INC-2026-0142.json", "onus.local/mercy", 21140L, "q3Zr0u8mYw1d8Q0b5m6t+Lk2H1xj0m0yWZq2h5Yp9sA=",
                        "onus.local/mercy+8a1f3c2e+ATrP1x1cQ3m1Jk8dXy2vB6nX0f3Qz9sLw4e7a1b2c3d4"));
    }

    private SampleReport() {
    }
}
