package org.onus.demo;

import static org.onus.demo.Catalogue.MAMMO;
import static org.onus.demo.Catalogue.ROBOT;
import static org.onus.demo.Catalogue.SCRIBE;
import static org.onus.demo.Catalogue.SRS;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.onus.demo.Organisation.Site;

/**
 * What the governance committee decided: the deployment authorizations (one wider than its card,
 * one missing a precaution the card requires, one without the local validation its card requires,
 * and one amended during the window), the local validations they cite, and the manufacturers'
 * notices with each site's receipt.
 */
final class Governance {

    static final String WIDER = "auth-lakeshore-srs";
    static final String AMENDED = "auth-koeln-lumina";
    static final String MISSING_PRECAUTION = "auth-lakeshore-orion";
    static final String FSN = "fsn-surgenix-mcs-lots";
    static final String LIMITATION_NOTICE = "lim-lumina-vx92";
    static final int AMENDMENT_DAY = 28;
    static final int FSN_DAY = 38;
    static final int FSN_APPLY_BY_DAY = 52;
    static final int FSN_APPLIED_KOELN_DAY = 46;
    static final int FSN_APPLIED_LAKESHORE_DAY = 74;
    static final int LIMITATION_DAY = 78;

    /** One authorization record; an amendment is a later record with the same id. */
    record Deployment(String id, String system, Site site, List<String> units, List<String> versions, Scope population,
                      List<String> permittedUses, Double minReviewSeconds, List<String> precautions,
                      Map<String, Double> thresholds, Instant validFrom, Instant validUntil, String localValidation,
                      String decisionRef) {

        boolean reviewRequired() {
            return minReviewSeconds != null;
        }

        ObjectNode json() {
            return Json.obj("id", id, "system", system, "versions", versions, "site", site.id(), "units", units,
                    "permittedUses", permittedUses, "population", population.json(),
                    "oversight", Json.obj("reviewRequired", reviewRequired(), "minimumReviewSeconds", minReviewSeconds,
                            "alertResponseHours", 72.0),
                    "requiredTraining", List.of(system), "precautions", precautions, "monitoringThresholds", thresholds,
                    "validFrom", validFrom, "validUntil", validUntil,
                    "authorizedBy", Json.obj("party", Organisation.COMMITTEE, "role", "AI governance committee",
                            "decisionRef", decisionRef),
                    "localValidation", localValidation);
        }
    }

    record Dated(Instant at, String kind, ObjectNode body) {
    }

    private final Instant start;
    private final Organisation org;
    final List<Deployment> deployments = new ArrayList<>();

    Governance(Instant start, Organisation org) {
        this.start = start;
        this.org = org;
        Site k = org.koeln;
        Site l = org.lakeshore;
        Map<String, Double> mammoThresholds = Map.of("overrideRateMax", 0.15, "outOfScopeShareMax", 0.01, "psiMax", 0.2,
                "medianReviewSecondsMin", 20.0, "sensitivityFloor", 0.80, "specificityFloor", 0.88, "windowDays", 30.0);
        Scope koelnScreening = new Scope(50, 75, List.of("female"), List.of("screening"),
                List.of("breast-implants", "symptomatic-presentation"));
        deployments.add(new Deployment(AMENDED, MAMMO, k, List.of("koeln-screening"), List.of("3.1.0"), koelnScreening,
                List.of("concurrent reader aid in the national screening programme"), 20.0,
                List.of("user-training", "input-checks"), mammoThresholds, day(-60), day(-60 + 730), "lv-koeln-lumina-310",
                "AIGC-2025-011"));
        deployments.add(new Deployment(AMENDED, MAMMO, k, List.of("koeln-screening", "koeln-mammobil"), List.of("3.1.0", "3.2.0"),
                koelnScreening, List.of("concurrent reader aid in the national screening programme, fixed and mobile units"), 25.0,
                List.of("user-training", "input-checks"), Map.of("overrideRateMax", 0.12, "outOfScopeShareMax", 0.01, "psiMax", 0.2,
                        "medianReviewSecondsMin", 25.0, "sensitivityFloor", 0.82, "specificityFloor", 0.88, "windowDays", 30.0),
                day(AMENDMENT_DAY).plus(Duration.ofHours(10)), day(-60 + 730), "lv-koeln-lumina-320", "AIGC-2025-031 (amends AIGC-2025-011)"));
        deployments.add(new Deployment("auth-lakeshore-lumina", MAMMO, l, List.of("lakeshore-breast-imaging"), List.of("3.2.0"),
                new Scope(40, 79, List.of("female"), List.of("screening"), List.of("breast-implants", "symptomatic-presentation")),
                List.of("concurrent reader aid for screening mammography"), 20.0, List.of("user-training", "input-checks"),
                mammoThresholds, day(-45), day(-45 + 730), "lv-lakeshore-lumina-320", "AIGC-2025-019"));
        Map<String, Double> srsThresholds = Map.of("overrideRateMax", 0.45, "outOfScopeShareMax", 0.005,
                "medianReviewSecondsMin", 15.0, "sensitivityFloor", 0.50, "windowDays", 30.0);
        deployments.add(new Deployment("auth-koeln-srs", SRS, k, List.of("koeln-ed", "koeln-psych"), List.of("2.3.1"),
                new Scope(18, null, List.of(), List.of("emergency", "inpatient"), List.of()),
                List.of("prompt a structured suicide-risk assessment for adults in the ED and at psychiatric admission"), 15.0,
                List.of("user-training", "other"), srsThresholds, day(-120), day(-120 + 365), "lv-koeln-srs", "AIGC-2025-004"));
        deployments.add(new Deployment(WIDER, SRS, l, List.of("lakeshore-ed"), List.of("2.3.1"),
                new Scope(0, null, List.of(), List.of("emergency"), List.of()),
                List.of("score every ED visit, adolescents included (shared adult and pediatric ED)"), 15.0,
                List.of("user-training", "other"), srsThresholds, day(-90), day(-90 + 365), null, "AIGC-2025-014"));
        Map<String, Double> robotThresholds = Map.of("windowDays", 30.0);
        deployments.add(new Deployment("auth-koeln-orion", ROBOT, k, List.of("koeln-or"), List.of("5.4.1"), RobotCard.POPULATION,
                List.of("urologic, gynecologic and general robot-assisted laparoscopy"), null,
                List.of("user-training", "proctoring", "case-selection"), robotThresholds, day(-200), day(-200 + 730), null,
                "AIGC-2024-022"));
        deployments.add(new Deployment(MISSING_PRECAUTION, ROBOT, l, List.of("lakeshore-or"), List.of("5.4.1"), RobotCard.POPULATION,
                List.of("urologic, gynecologic and general robot-assisted laparoscopy"), null,
                List.of("user-training", "case-selection"), robotThresholds, day(-180), day(-180 + 730), null, "AIGC-2025-002"));
        Map<String, Double> scribeThresholds = Map.of("overrideRateMax", 0.10, "medianReviewSecondsMin", 30.0, "windowDays", 14.0);
        deployments.add(new Deployment("auth-koeln-scribe", SCRIBE, k, List.of("koeln-medicine"), List.of("4.1.0"),
                new Scope(null, null, List.of(), List.of("inpatient"), List.of("no-recording-consent")),
                List.of("draft ward-round and admission notes in German"), 30.0, List.of("other", "user-training", "case-selection"),
                scribeThresholds, day(-70), day(-70 + 365), null, "AIGC-2025-017"));
        deployments.add(new Deployment("auth-lakeshore-scribe", SCRIBE, l, List.of("lakeshore-ed", "lakeshore-primary-care"),
                List.of("4.0.2", "4.1.0"), new Scope(null, null, List.of(), List.of("emergency", "outpatient"), List.of("no-recording-consent")),
                List.of("draft ED and primary-care notes"), 30.0, List.of("other", "user-training", "case-selection"),
                scribeThresholds, day(-100), day(-100 + 365), "lv-lakeshore-scribe", "AIGC-2025-009"));
    }

    Instant day(int d) {
        return start.plus(Duration.ofDays(d));
    }

    /** The authorization record in force for this system at this site at {@code t}, whatever the unit; null if none. */
    Deployment inForce(String system, String site, Instant t) {
        Deployment best = null;
        for (Deployment d : deployments) {
            if (d.system().equals(system) && d.site().id().equals(site) && !d.validFrom().isAfter(t) && d.validUntil().isAfter(t)
                    && (best == null || d.validFrom().isAfter(best.validFrom()))) {
                best = d;
            }
        }
        return best;
    }

    /** Authorizations as recorded before the window opens (amendments come later, at their own time). */
    List<ObjectNode> initialAuthorizations() {
        List<ObjectNode> out = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Deployment d : deployments) {
            if (!seen.contains(d.id())) {
                seen.add(d.id());
                out.add(d.json());
            }
        }
        return out;
    }

    List<ObjectNode> initialLocalValidations() {
        return List.of(
                lv("lv-koeln-lumina-310", org.koeln, MAMMO, "3.1.0", new Scope(50, 75, List.of("female"), List.of("screening"), List.of()),
                        -170, -100, List.of(Stats.proportion("sensitivity", 0.86, 93), Stats.proportion("specificity", 0.918, 12_600),
                                Stats.auroc(0.94, 93, 12_600)),
                        "Within the card's claims on 12,693 Köln screening examinations read in silent mode; approved as a concurrent reader aid."),
                lv("lv-lakeshore-lumina-320", org.lakeshore, MAMMO, "3.2.0", new Scope(40, 79, List.of("female"), List.of("screening"), List.of()),
                        -110, -50, List.of(Stats.proportion("sensitivity", 0.88, 84), Stats.proportion("specificity", 0.914, 13_100)),
                        "Sensitivity and specificity at Lakeshore within the card's intervals; go-live recommended."),
                lv("lv-koeln-srs", org.koeln, SRS, "2.3.1", new Scope(18, null, List.of(), List.of("emergency", "inpatient"), List.of()),
                        -400, -150, List.of(Stats.proportion("sensitivity", 0.60, 140), Stats.proportion("specificity", 0.91, 21_000),
                                Stats.auroc(0.82, 140, 21_000)),
                        "Retrospective on two years of Köln ED and psychiatry visits after mapping ICD-10-GM codes; slightly below "
                                + "the card but inside its intervals; acceptable with monthly monitoring."),
                lv("lv-lakeshore-scribe", org.lakeshore, SCRIBE, "4.1.0", new Scope(18, null, List.of(), List.of("emergency", "outpatient"),
                        List.of()), -120, -60, List.of(Stats.proportion("error-rate", 0.034, 400)),
                        "Pilot audit of 400 English drafts: error rate in line with the card; Spanish encounters not audited."));
    }

    private ObjectNode lv(String id, Site site, String system, String version, Scope population, int fromDay, int toDay,
                          List<ObjectNode> figures, String conclusion) {
        return Json.obj("id", id, "site", site.id(), "system", system, "version", version, "population", population.json(),
                "periodStart", day(fromDay), "periodEnd", day(toDay), "figures", figures, "conclusion", conclusion);
    }

    /** Registry records that happen during the window, each at its own time. */
    List<Dated> scheduled() {
        List<Dated> out = new ArrayList<>();
        Instant lvAt = day(AMENDMENT_DAY - 1).plus(Duration.ofHours(15));
        out.add(new Dated(lvAt, DemoRecord.LOCAL_VALIDATION, lv("lv-koeln-lumina-320", org.koeln, MAMMO, "3.2.0",
                new Scope(50, 75, List.of("female"), List.of("screening"), List.of()), 0, AMENDMENT_DAY - 2,
                List.of(Stats.proportion("sensitivity", 0.88, 25), Stats.proportion("specificity", 0.915, 4_300)),
                "3.2.0 run in silent mode beside 3.1.0 for 26 days; no loss of performance; upgrade and Mammobil extension approved.")));
        Deployment amended = deployments.get(1);
        out.add(new Dated(amended.validFrom(), DemoRecord.AUTHORIZATION, amended.json()));
        Instant fsn = day(FSN_DAY).plus(Duration.ofHours(15));
        out.add(new Dated(fsn, DemoRecord.NOTICE, Json.obj("id", FSN, "manufacturer", "mfr-surgenix", "system", ROBOT,
                "versions", List.of("5.3.0", "5.4.1"), "kind", "field-safety-notice", "issuedAt", fsn,
                "summary", "Monopolar curved scissors from lots MCS-2291 to MCS-2296 may develop insulation cracks after 8 or more "
                        + "uses; the console reports E-402 (insulation arcing) only once arcing has occurred. Thermal injuries to "
                        + "adjacent tissue have been reported.",
                "correctiveAction", "Quarantine instruments from lots MCS-2291 to MCS-2296 and set the instrument-life limit to 10 "
                        + "uses (System settings > Instruments); return the acknowledgement form.",
                "applyBy", day(FSN_APPLY_BY_DAY).plus(Duration.ofHours(23)), "failureModes", List.of("E-402", "instrument-reuse-beyond-life"))));
        out.add(receipt(FSN, org.koeln, day(FSN_DAY + 1).plus(Duration.ofHours(8)), null, "Received by medical technology."));
        out.add(receipt(FSN, org.koeln, day(FSN_DAY + 1).plus(Duration.ofHours(8)), day(FSN_APPLIED_KOELN_DAY).plus(Duration.ofHours(16)),
                "Lots quarantined by the OR sterile supply; life limit set on both consoles."));
        out.add(receipt(FSN, org.lakeshore, day(FSN_DAY + 1).plus(Duration.ofHours(19)), null, "Received by biomedical engineering."));
        out.add(receipt(FSN, org.lakeshore, day(FSN_DAY + 1).plus(Duration.ofHours(19)),
                day(FSN_APPLIED_LAKESHORE_DAY).plus(Duration.ofHours(17)),
                "Applied after the field service visit; affected lots had stayed in circulation until then."));
        Instant lim = day(LIMITATION_DAY).plus(Duration.ofHours(9));
        out.add(new Dated(lim, DemoRecord.NOTICE, Json.obj("id", LIMITATION_NOTICE, "manufacturer", "mfr-lumina", "system", MAMMO,
                "versions", List.of("3.2.0"), "kind", "limitation", "issuedAt", lim,
                "summary", "Sensitivity of 3.2.0 is reduced on images from detectors running firmware VX-9.2, whose new noise "
                        + "reduction lowers the signal-to-noise profile the model was validated on.",
                "correctiveAction", "Enable preprocessing profile P-VX92 in the Lumina gateway for detectors on firmware VX-9.2.",
                "applyBy", day(LIMITATION_DAY + 10), "failureModes", List.of("detector-firmware-vx92"))));
        out.add(receipt(LIMITATION_NOTICE, org.koeln, lim.plus(Duration.ofHours(3)), null, "Received by radiology IT."));
        out.add(receipt(LIMITATION_NOTICE, org.koeln, lim.plus(Duration.ofHours(3)), day(LIMITATION_DAY + 1).plus(Duration.ofHours(11)),
                "No VX-9.2 detectors at this site; profile enabled as a precaution."));
        out.add(receipt(LIMITATION_NOTICE, org.lakeshore, day(LIMITATION_DAY + 1).plus(Duration.ofHours(15)), null,
                "Forwarded to imaging IT; pending."));
        return out;
    }

    private Dated receipt(String notice, Site site, Instant received, Instant applied, String note) {
        Instant at = applied != null && applied.isAfter(received) ? applied : received;
        return new Dated(at, DemoRecord.NOTICE_RECEIPT, Json.obj("notice", notice, "deployer", site.id(), "receivedAt", received,
                "appliedAt", applied, "note", note));
    }

    /** Whether the robot field safety notice's corrective action was in place at this site at {@code t}. */
    boolean fsnApplied(Site site, Instant t) {
        int d = site == org.koeln ? FSN_APPLIED_KOELN_DAY : FSN_APPLIED_LAKESHORE_DAY;
        return !t.isBefore(day(d).plus(Duration.ofHours(16)));
    }
}
