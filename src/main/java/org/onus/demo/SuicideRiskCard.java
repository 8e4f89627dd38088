package org.onus.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SentinelRisk's card: adults only, a 30-day suicide-attempt risk score with a threshold. */
final class SuicideRiskCard {

    static final double THRESHOLD = 0.08;
    static final double COMPLETENESS_MIN = 0.70;
    static final Scope POPULATION = new Scope(18, null, List.of(), List.of("emergency", "inpatient", "outpatient"), List.of());

    private SuicideRiskCard() {
    }

    /** True sensitivity: as claimed for adults by sex and age, far lower in the adolescents the card never covered. */
    static double sensitivity(Patient p, boolean psychiatric) {
        if (p.age() < 18) {
            return 0.42;
        }
        double s = psychiatric ? 0.80 : "female".equals(p.sex()) ? 0.66 : 0.59;
        return p.age() >= 65 ? s - 0.10 : s;
    }

    static double specificity(Patient p, boolean psychiatric) {
        return psychiatric ? 0.62 : p.age() < 18 ? 0.86 : 0.92;
    }

    static ObjectNode card() {
        return Json.obj(
                "intendedUse", Json.obj("task", "Estimate the risk of a suicide attempt or intentional self-harm within 30 days "
                        + "from structured EHR data, to prompt a structured suicide-risk assessment",
                        "indications", List.of("adult emergency department visit", "adult psychiatric admission",
                                "adult outpatient mental-health visit")),
                "intendedPopulation", POPULATION.json(),
                "inputRequirements", Json.obj("modality", "ehr-structured",
                        "requiredFields", List.of("age", "sex", "diagnoses-icd10", "medications", "prior-visits-24m"),
                        "quality", List.of(Json.obj("indicator", "completeness", "min", COMPLETENESS_MIN))),
                "output", Json.obj("kind", "score", "operatingThreshold", THRESHOLD, "classes", List.of("elevated-risk", "not-elevated"),
                        "positiveClass", "elevated-risk"),
                "performance", Json.obj("overall", List.of(
                                Stats.proportion("sensitivity", 0.63, 1_100),
                                Stats.proportion("specificity", 0.915, 118_400),
                                Stats.proportion("ppv", 0.056, 10_760),
                                Stats.auroc(0.84, 1_100, 118_400)),
                        "subgroups", List.of(
                                sub("female", Json.obj("sexes", List.of("female")), 0.66, 610, 0.91, 61_200),
                                sub("male", Json.obj("sexes", List.of("male")), 0.59, 490, 0.92, 57_200),
                                sub("age 18-24", Json.obj("ageMin", 18, "ageMax", 24), 0.61, 260, 0.90, 17_900),
                                sub("age 25-44", Json.obj("ageMin", 25, "ageMax", 44), 0.65, 480, 0.91, 41_300),
                                sub("age 45-64", Json.obj("ageMin", 45, "ageMax", 64), 0.62, 280, 0.92, 38_800),
                                sub("age 65+", Json.obj("ageMin", 65), 0.52, 80, 0.94, 20_400),
                                sub("psychiatric inpatients", Json.obj("careSettings", List.of("inpatient")), 0.80, 150, 0.62, 3_100))),
                "trainingData", "EHR data of 1.9 million adult visits (2014-2021) at 3 US health systems; outcome from ICD-10 "
                        + "X71-X83 and T14.91 codes and state death records within 30 days; patients under 18 excluded.",
                "knownLimitations", List.of(
                        Json.obj("failureMode", "under-18", "description", "Not developed or validated for patients under 18."),
                        Json.obj("failureMode", "sparse-ehr-history", "description", "Patients with little EHR history score low "
                                + "regardless of risk; the score is withheld below completeness 0.70."),
                        Json.obj("failureMode", "non-us-coding", "description", "Trained on US ICD-10-CM coding; ICD-10-GM sites "
                                + "need local validation.")),
                "requiredPrecautions", List.of(
                        Json.obj("kind", "user-training", "description", "Users complete the score-interpretation module."),
                        Json.obj("kind", "other", "description", "A score above threshold prompts a clinician-administered "
                                + "assessment (e.g. C-SSRS); it never replaces one.")),
                "localValidationRequired", true,
                "updatePolicy", "Recalibrated annually on refreshed multi-site data; deployers are notified 60 days ahead; "
                        + "no local retraining.",
                "hti1", hti1(),
                "inputBaseline", Json.obj("age", Json.obj("edges", List.of(18, 25, 45, 65, 110), "shares", List.of(0.16, 0.36, 0.31, 0.17)),
                        "quality.completeness", Json.obj("edges", List.of(0.0, 0.7, 0.8, 0.9, 1.0),
                                "shares", Stats.normalShares(0.9, 0.06, 0.0, 0.7, 0.8, 0.9, 1.0))));
    }

    private static ObjectNode sub(String name, ObjectNode population, double sens, long nPos, double spec, long nNeg) {
        return Json.obj("name", name, "population", population,
                "claims", List.of(Stats.proportion("sensitivity", sens, nPos), Stats.proportion("specificity", spec, nNeg)));
    }

    private static Map<String, String> hti1() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("developer", "Sentinel Behavioral Analytics, Inc., Nashville TN; safety@sentinel-ba.example");
        m.put("fundingSource", "NIMH SBIR grant and private investment");
        m.put("outputValue", "Probability of suicide attempt or self-harm within 30 days; 'elevated' at 0.08 or above");
        m.put("outputType", "prediction (risk score)");
        m.put("intendedUse", "Prompt a structured suicide-risk assessment in adults");
        m.put("intendedPatientPopulation", "Adults (18+) in emergency, inpatient psychiatric and outpatient mental-health care");
        m.put("intendedUsers", "Emergency physicians, psychiatrists, mental-health nurses");
        m.put("decisionMakingRole", "informs; never replaces clinical assessment");
        m.put("cautionedOutOfScopeUse", "Patients under 18; use as a sole basis for discharge or involuntary admission");
        m.put("knownRisks", "False reassurance in patients with sparse EHR history; alert fatigue");
        m.put("trainingInclusionExclusion", "Adult visits with 30-day follow-up; excluded visits ending in death from other causes");
        m.put("demographicInputFeatures", "age, sex (yes); race, ethnicity (no); SDOH: housing instability code (yes)");
        m.put("trainingRepresentativeness", "US urban and rural populations; 14% Black, 9% Hispanic");
        m.put("fairnessApproach", "Calibration checked by sex, age and race; threshold fixed across groups");
        m.put("biasManagement", "Race excluded as input; subgroup calibration reported");
        m.put("externalValidation", "Temporal and geographic validation at a 4th US health system (2022)");
        m.put("validityExternal", "AUROC 0.84 (0.83-0.85); sensitivity 0.63 at threshold 0.08");
        m.put("fairnessExternal", "Sensitivity female 0.66, male 0.59; age 65+ 0.52 (n=80)");
        m.put("outcomeEvaluations", "None published on patient outcomes");
        m.put("updateSchedule", "Annual recalibration");
        m.put("validityMonitoring", "Vendor reviews deployer-reported outcomes quarterly");
        m.put("fairnessMonitoring", "Quarterly by sex and age band");
        return m;
    }
}
