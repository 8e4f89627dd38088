package org.onus.investigation.clocks;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which reports an incident triggers, owed by whom, to whom, by when: computed from the facts,
 * never remembered.
 *
 * <h2>The regimes</h2>
 * <ul>
 *   <li><b>EU medical-device vigilance</b> (MDR Art. 87), for a system registered as a medical
 *       device at a site in the Union or the EEA: the manufacturer reports a serious incident to the
 *       competent authority within 15 days of awareness (Art. 87(3)), 10 for a death or an
 *       unanticipated serious deterioration of health (87(5)), 2 for a serious public health threat
 *       (87(4)).</li>
 *   <li><b>The AI Act</b> (Art. 73), for a system registered as high-risk at a site in the Union:
 *       the provider reports a serious incident to the market surveillance authority within 15 days
 *       (73(2)), 10 for a death (73(4)), 2 for a widespread infringement or a serious and
 *       irreversible disruption of critical infrastructure (73(3)). A device's health harms go
 *       through device vigilance instead; for device AI only infringements of fundamental rights
 *       are notified under the AI Act (73(10)). Whoever deploys a high-risk system informs
 *       immediately first its provider, then the market surveillance authority (Art. 26(5)). The high-risk regime applies from the dates of
 *       {@link AiActDates}: as Art. 113 reads since Regulation (EU) 2026/1744 (the Digital Omnibus
 *       on AI), 2 December 2027 for Annex III systems and 2 August 2028 for AI that is a device or
 *       a device's safety component (Annex I); incidents known before then owe nothing under it.</li>
 *   <li><b>US FDA medical device reporting</b> (21 CFR 803), for a device at a US site: the site, a
 *       device user facility, reports a death to FDA and the manufacturer and a serious injury to
 *       the manufacturer within 10 work days (803.30(a)); the manufacturer reports to FDA within 30
 *       calendar days (803.50(a)), or 5 work days where remedial action is needed to prevent an
 *       unreasonable risk of substantial harm to the public health (803.53(a)).</li>
 * </ul>
 *
 * <h2>Counting days</h2>
 * Day 0 is the day of awareness in the site's time zone, and a report is on time until the end
 * of the last day there: "10 work days" after awareness on a Friday evening in New York ends at
 * midnight New York time after the tenth working day, weekends and the jurisdiction's holidays
 * not counted ({@link WorkCalendars}). The manufacturer's clocks run from its own awareness when
 * the facts give it, and otherwise from the site's, the earliest it can have known; they count
 * the site's days, as the facts give no other zone.
 *
 * <p>"Immediately" carries no number of days: such a report has no due instant and stays due
 * until filed, and whether it was filed immediately is for the investigator to judge.
 */
public final class RegulatoryClocks {

    /**
     * From when the AI Act's high-risk regime (classification, deployer and provider duties)
     * applies, by the day awareness falls on (UTC).
     *
     * @param annexIII stand-alone high-risk systems (Art. 6(2), Annex III)
     * @param annexI AI that is a product, or a product's safety component, under Annex I law such as the MDR (Art. 6(1))
     * @param source the provision the dates come from, cited when a regime is not yet applicable
     */
    public record AiActDates(LocalDate annexIII, LocalDate annexI, String source) {

        /** Art. 113 as amended by Regulation (EU) 2026/1744. */
        public static final AiActDates AS_AMENDED_2026 = new AiActDates(LocalDate.of(2027, 12, 2), LocalDate.of(2028, 8, 2),
                "Art. 113 as amended by Regulation (EU) 2026/1744");
        /** Art. 113 as first enacted in Regulation (EU) 2024/1689. */
        public static final AiActDates AS_ENACTED_2024 = new AiActDates(LocalDate.of(2026, 8, 2), LocalDate.of(2027, 8, 2),
                "Art. 113 of Regulation (EU) 2024/1689 as enacted");
    }

    private final WorkCalendars calendars;
    private final AiActDates aiAct;

    public RegulatoryClocks(WorkCalendars calendars) {
        this(calendars, AiActDates.AS_AMENDED_2026);
    }

    public RegulatoryClocks(WorkCalendars calendars, AiActDates aiAct) {
        this.calendars = Objects.requireNonNull(calendars, "calendars");
        this.aiAct = Objects.requireNonNull(aiAct, "aiAct");
    }

    /** What the incident triggers, and for each regime that does not apply, why not. */
    public record Assessment(List<OwedReport> owed, List<String> notOwed) {
        public Assessment {
            owed = List.copyOf(owed);
            notOwed = List.copyOf(notOwed);
        }
    }

    public Assessment assess(IncidentFacts f) {
        List<OwedReport> owed = new ArrayList<>();
        List<String> notOwed = new ArrayList<>();
        deviceVigilance(f, owed, notOwed);
        aiAct(f, owed, notOwed);
        fda(f, owed, notOwed);
        return new Assessment(owed, notOwed);
    }

    private void deviceVigilance(IncidentFacts f, List<OwedReport> owed, List<String> notOwed) {
        IncidentFacts.Harm h = f.harm();
        if (!Jurisdictions.mdrApplies(f.siteJurisdiction())) {
            return;
        }
        if (!f.system().medicalDevice()) {
            notOwed.add("EU MDR: the system is not registered as a medical device, so device vigilance (Art. 87) does not apply");
            return;
        }
        if (!h.toHealth()) {
            notOwed.add("EU MDR: no death, serious deterioration of health or serious public health threat, so no serious incident "
                    + "(Art. 2(65)) to report under Art. 87(1)(a)");
            return;
        }
        TimeLimit limit;
        String clause;
        String why;
        if (h.seriousPublicHealthThreat()) {
            limit = TimeLimit.calendarDays(2);
            clause = "87(4)";
            why = "a serious public health threat";
        } else if (h.death() || (h.seriousInjury() && h.unanticipated())) {
            limit = TimeLimit.calendarDays(10);
            clause = "87(5)";
            why = h.death() ? "a death" : "an unanticipated serious deterioration in a person's state of health";
        } else {
            limit = TimeLimit.calendarDays(15);
            clause = "87(3)";
            why = "a serious deterioration in a person's state of health";
        }
        String reason = why + "; the system is a medical device; the site is in " + f.siteJurisdiction()
                + authorisedRepresentative(f, "MDR Art. 11");
        owed.add(report(f, ReportKind.SERIOUS_INCIDENT_TO_COMPETENT_AUTHORITY, f.system().manufacturer(),
                "the competent authority for medical devices of " + memberState(f), limit, f.manufacturerClockStart(),
                "MDR Art. 87(1)(a), " + clause, reason));
    }

    private void aiAct(IncidentFacts f, List<OwedReport> owed, List<String> notOwed) {
        IncidentFacts.Harm h = f.harm();
        if (!Jurisdictions.inEu(f.siteJurisdiction())) {
            return;
        }
        if (!"high".equals(f.system().aiActRiskClass())) {
            notOwed.add("EU AI Act: the system is not registered as high-risk (its class: "
                    + (f.system().aiActRiskClass() == null ? "none given" : f.system().aiActRiskClass())
                    + "), so Art. 73 and Art. 26(5) do not apply");
            return;
        }
        if (!h.aiActSeriousIncident()) {
            notOwed.add("EU AI Act: nothing the facts record is a serious incident under Art. 3(49)");
            return;
        }
        boolean device = f.system().medicalDevice();
        LocalDate applies = device ? aiAct.annexI() : aiAct.annexIII();
        if (f.awareAt().isBefore(applies.atStartOfDay(ZoneOffset.UTC).toInstant())) {
            notOwed.add("EU AI Act: its obligations for " + (device ? "AI that is a medical device (Art. 6(1), Annex I)"
                    : "high-risk AI systems (Annex III)") + " apply from " + applies + " (" + aiAct.source()
                    + "), after the awareness of this incident");
            return;
        }
        String site = "; the site is in " + f.siteJurisdiction();
        owed.add(report(f, ReportKind.DEPLOYER_INFORMS_PROVIDER, f.site(), "the provider, " + f.system().manufacturer(),
                TimeLimit.IMMEDIATELY, f.awareAt(), "AI Act Art. 26(5)",
                "a serious incident with a high-risk AI system" + site));
        owed.add(report(f, ReportKind.DEPLOYER_INFORMS_MARKET_SURVEILLANCE, f.site(), "the market surveillance authority of "
                        + memberState(f) + ", after the provider", TimeLimit.IMMEDIATELY, f.awareAt(), "AI Act Art. 26(5)",
                "a serious incident with a high-risk AI system" + site));
        if (!device) {
            TimeLimit limit;
            String clause;
            String why;
            if (h.widespreadInfringement() || h.criticalInfrastructureDisruption()) {
                limit = TimeLimit.calendarDays(2);
                clause = "73(3)";
                why = h.widespreadInfringement() ? "a widespread infringement" : "a serious and irreversible disruption of critical infrastructure";
            } else if (h.death()) {
                limit = TimeLimit.calendarDays(10);
                clause = "73(4)";
                why = "a death";
            } else {
                limit = TimeLimit.calendarDays(15);
                clause = "73(2)";
                why = h.toHealth() ? "serious harm to a person's health" : "an infringement of fundamental rights";
            }
            owed.add(report(f, ReportKind.SERIOUS_INCIDENT_TO_MARKET_SURVEILLANCE, f.system().manufacturer(),
                    "the market surveillance authority of " + memberState(f), limit, f.manufacturerClockStart(),
                    "AI Act Art. 73(1), " + clause, why + "; the system is high-risk AI and not a medical device" + site
                            + authorisedRepresentative(f, "AI Act Art. 22")));
        } else if (h.fundamentalRightsInfringement()) {
            boolean widespread = h.widespreadInfringement();
            owed.add(report(f, ReportKind.FUNDAMENTAL_RIGHTS_INFRINGEMENT, f.system().manufacturer(),
                    "the national competent authority that " + memberState(f) + " designated", TimeLimit.calendarDays(widespread ? 2 : 15),
                    f.manufacturerClockStart(), "AI Act Art. 73(10), " + (widespread ? "73(3)" : "73(2)"),
                    (widespread ? "a widespread infringement" : "an infringement") + " of fundamental rights; the system is a medical "
                            + "device, whose health harms are reported through device vigilance" + site
                            + authorisedRepresentative(f, "AI Act Art. 22")));
        } else {
            notOwed.add("EU AI Act: for AI that is a medical device only infringements of fundamental rights are notified under "
                    + "Art. 73 (Art. 73(10)); its health harms go through device vigilance");
        }
    }

    private void fda(IncidentFacts f, List<OwedReport> owed, List<String> notOwed) {
        IncidentFacts.Harm h = f.harm();
        if (!Jurisdictions.inUs(f.siteJurisdiction())) {
            return;
        }
        if (!f.system().medicalDevice()) {
            notOwed.add("21 CFR 803: the system is not registered as a medical device, so device reporting does not apply");
            return;
        }
        if (!h.death() && !h.seriousInjury()) {
            notOwed.add("21 CFR 803: no death or serious injury (803.3), so no user facility or manufacturer report is triggered "
                    + "by these facts");
            return;
        }
        String manufacturer = f.system().manufacturer();
        TimeLimit tenWorkDays = TimeLimit.workDays(10);
        if (h.death()) {
            String why = "a death; the system is a medical device; the site is a user facility in the US";
            owed.add(report(f, ReportKind.USER_FACILITY_DEATH_TO_FDA, f.site(), "FDA", tenWorkDays, f.awareAt(),
                    "21 CFR 803.10(a)(1)(i), 803.30(a)(1)", why));
            owed.add(report(f, ReportKind.USER_FACILITY_DEATH_TO_MANUFACTURER, f.site(), "the manufacturer, " + manufacturer,
                    tenWorkDays, f.awareAt(), "21 CFR 803.10(a)(1)(i), 803.30(a)(1)", why));
        } else {
            owed.add(report(f, ReportKind.USER_FACILITY_SERIOUS_INJURY_TO_MANUFACTURER, f.site(), "the manufacturer, " + manufacturer,
                    tenWorkDays, f.awareAt(), "21 CFR 803.10(a)(1)(ii), 803.30(a)(2)",
                    "a serious injury; the system is a medical device; the site is a user facility in the US"));
        }
        String harm = h.death() ? "a death" : "a serious injury";
        if (f.remedialActionNeeded()) {
            owed.add(report(f, ReportKind.MANUFACTURER_5_DAY, manufacturer, "FDA", TimeLimit.workDays(5), f.manufacturerClockStart(),
                    "21 CFR 803.10(c)(2)(i), 803.53(a)", harm + " that needs remedial action to prevent an unreasonable risk of "
                            + "substantial harm to the public health; the system is a medical device; the site is in the US"));
        } else {
            owed.add(report(f, ReportKind.MANUFACTURER_30_DAY, manufacturer, "FDA", TimeLimit.calendarDays(30), f.manufacturerClockStart(),
                    "21 CFR 803.10(c)(1), 803.50(a)", harm + "; the system is a medical device; the site is in the US"));
        }
    }

    private OwedReport report(IncidentFacts f, ReportKind kind, String owedBy, String to, TimeLimit limit, Instant start,
                              String basis, String reason) {
        if (limit.immediately()) {
            return new OwedReport(kind, owedBy, to, limit, start, f.zone(), null, null, basis, reason);
        }
        LocalDate day0 = start.atZone(f.zone()).toLocalDate();
        LocalDate last;
        if (limit.unit() == TimeLimit.Unit.WORK_DAYS) {
            String jurisdiction = kind.regime() == Regime.US_FDA_803 ? Jurisdictions.US : f.siteJurisdiction();
            last = calendars.of(jurisdiction).workDaysAfter(day0, limit.amount());
            if (!calendars.has(jurisdiction)) {
                reason = reason + "; no holiday calendar for " + jurisdiction + ", so only weekends were skipped";
            }
        } else {
            last = day0.plusDays(limit.amount());
        }
        Instant dueBy = last.plusDays(1).atStartOfDay(f.zone()).toInstant();
        return new OwedReport(kind, owedBy, to, limit, start, f.zone(), last, dueBy, basis, reason);
    }

    private static String memberState(IncidentFacts f) {
        return Jurisdictions.EU.equals(f.siteJurisdiction()) ? "the member state where the incident occurred" : f.siteJurisdiction();
    }

    private static String authorisedRepresentative(IncidentFacts f, String article) {
        String m = f.manufacturerJurisdiction();
        return m != null && !Jurisdictions.mdrApplies(m)
                ? "; the manufacturer is established in " + m + ", outside the Union, and reports through its authorised "
                        + "representative (" + article + ")"
                : "";
    }
}
