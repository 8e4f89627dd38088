package org.onus.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LuminaMammo Detect's card, and beside it the performance the product really has in the
 * simulation (which matches the card, except where the story says otherwise).
 */
final class MammographyCard {

    static final double THRESHOLD = 0.35;
    static final double POSITIONING_MIN = 0.60;
    static final double SNR_MIN = 28;
    /** Signal-to-noise of the images the card's validation saw; the baseline for input drift. */
    static final double SNR_MEAN = 41;
    static final double SNR_SD = 3.2;
    static final Scope POPULATION = new Scope(40, 79, List.of("female"), List.of("screening"),
            List.of("breast-implants", "symptomatic-presentation"));
    static final String[] DENSITIES = {"a", "b", "c", "d"};
    static final double[] DENSITY_SHARES = {0.10, 0.40, 0.40, 0.10};

    private MammographyCard() {
    }

    /** True sensitivity for a breast density (a-d) under version 3.2.0; 3.1.0 is a little weaker in dense breasts. */
    static double sensitivity(String version, String density, int age) {
        int d = "abcd".indexOf(density);
        double s = ("3.1.0".equals(version) ? new double[] {0.935, 0.90, 0.84, 0.71} : new double[] {0.94, 0.91, 0.86, 0.76})[d];
        return s + (age < 50 ? -0.03 : age < 60 ? 0 : age < 70 ? 0.01 : 0.015);
    }

    static double specificity(String density) {
        return new double[] {0.95, 0.93, 0.90, 0.865}["abcd".indexOf(density)];
    }

    static ObjectNode card(String version) {
        boolean v31 = "3.1.0".equals(version);
        double shift = v31 ? -0.013 : 0;
        List<ObjectNode> subgroups = new ArrayList<>();
        int[][] ages = {{40, 49, 360, 12_400}, {50, 59, 690, 21_800}, {60, 69, 820, 20_100}, {70, 79, 540, 14_050}};
        double[] ageSens = {0.84, 0.87, 0.89, 0.90};
        double[] ageSpec = {0.885, 0.91, 0.922, 0.93};
        for (int i = 0; i < ages.length; i++) {
            subgroups.add(Json.obj("name", "age " + ages[i][0] + "-" + ages[i][1],
                    "population", Json.obj("ageMin", ages[i][0], "ageMax", ages[i][1]),
                    "claims", List.of(Stats.proportion("sensitivity", ageSens[i] + shift, ages[i][2]),
                            Stats.proportion("specificity", ageSpec[i], ages[i][3]))));
        }
        long[][] dens = {{230, 7_200}, {910, 27_300}, {960, 26_500}, {310, 7_350}};
        for (int i = 0; i < 4; i++) {
            subgroups.add(Json.obj("name", "breast density " + DENSITIES[i] + " (BI-RADS)",
                    "attributes", Map.of("breastDensity", DENSITIES[i]),
                    "claims", List.of(Stats.proportion("sensitivity", sensitivity(version, DENSITIES[i], 55), dens[i][0]),
                            Stats.proportion("specificity", specificity(DENSITIES[i]), dens[i][1]))));
        }
        Map<String, Object> baseline = new LinkedHashMap<>();
        baseline.put("age", Json.obj("edges", List.of(40, 50, 60, 70, 80), "shares", List.of(0.22, 0.29, 0.28, 0.21)));
        baseline.put("quality.snrDb", Json.obj("edges", List.of(28, 34, 38, 42, 46, 60),
                "shares", Stats.normalShares(SNR_MEAN, SNR_SD, 28, 34, 38, 42, 46, 60)));
        baseline.put("attributes.breastDensity", Json.obj("categories", Map.of("a", 0.10, "b", 0.40, "c", 0.40, "d", 0.10)));
        return Json.obj(
                "intendedUse", Json.obj("task", "Detect findings suspicious for breast cancer on screening mammograms and score "
                        + "each examination for the interpreting radiologist (concurrent reader aid)",
                        "indications", List.of("bilateral screening mammography (2D FFDM or synthetic 2D from DBT)")),
                "intendedPopulation", POPULATION.json(),
                "inputRequirements", Json.obj("modality", "MG", "requiredFields", List.of("view-lcc", "view-lmlo", "view-rcc",
                                "view-rmlo", "age"),
                        "quality", List.of(Json.obj("indicator", "positioningScore", "min", POSITIONING_MIN),
                                Json.obj("indicator", "snrDb", "min", SNR_MIN))),
                "output", Json.obj("kind", "score", "classes", List.of("suspicious", "not-suspicious"), "positiveClass", "suspicious",
                        "operatingThreshold", THRESHOLD),
                "performance", Json.obj("overall", List.of(
                                Stats.proportion("sensitivity", 0.874 + shift, 2_410),
                                Stats.proportion("specificity", 0.912, 68_350),
                                Stats.proportion("ppv", 0.058, 1_450),
                                Stats.auroc(v31 ? 0.936 : 0.943, 2_410, 68_350)),
                        "subgroups", subgroups),
                "trainingData", "312,000 screening examinations (2012-2021) from 9 sites in DE, NL, SE and US, Hologic, Siemens and GE "
                        + "detectors; 8,900 biopsy-proven cancers; women 40-79; ethnicity recorded at US sites only (White 61%, "
                        + "Black 17%, Hispanic 11%, Asian 8%); no examinations with breast implants.",
                "knownLimitations", List.of(
                        Json.obj("failureMode", "breast-implants", "description", "Implant-displaced views were not in the training "
                                + "data; sensitivity with implants is not established. Do not use."),
                        Json.obj("failureMode", "dense-breasts", "description", "Lower sensitivity in extremely dense breasts "
                                + "(BI-RADS d); consider supplemental imaging."),
                        Json.obj("failureMode", "post-surgical-changes", "description", "Scars and clips after breast-conserving "
                                + "surgery raise false positives.")),
                "requiredPrecautions", List.of(
                        Json.obj("kind", "user-training", "description", "Readers complete the vendor's AI-assisted reading course."),
                        Json.obj("kind", "input-checks", "description", "The PACS routes only complete four-view screening "
                                + "examinations; examinations flagged for image quality are re-acquired, not read with AI.")),
                "localValidationRequired", true,
                "updatePolicy", "Locked algorithm. New versions are released under the manufacturer's predetermined change control "
                        + "plan at most twice a year, each with a new artifact digest, announced to deployers 30 days ahead. "
                        + "No learning in the field.",
                "hti1", hti1(version),
                "inputBaseline", Json.node(baseline));
    }

    private static Map<String, String> hti1(String version) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("developer", "Lumina Imaging AI GmbH, Bonn, Germany; regulatory@lumina-imaging.example");
        m.put("fundingSource", "Venture capital and an EU Horizon grant (no deployer funding)");
        m.put("outputValue", "Examination-level suspicion score 0-1 with the operating threshold 0.35 and marked regions");
        m.put("outputType", "prediction (score) and classification at the operating threshold");
        m.put("intendedUse", "Concurrent aid for radiologists reading screening mammograms");
        m.put("intendedPatientPopulation", "Asymptomatic women aged 40-79 attending screening");
        m.put("intendedUsers", "Radiologists qualified to read screening mammograms");
        m.put("decisionMakingRole", "informs; the radiologist decides on recall");
        m.put("cautionedOutOfScopeUse", "Breast implants, symptomatic patients, diagnostic work-up, men, women under 40");
        m.put("knownRisks", "Automation bias in readers; lower sensitivity in extremely dense breasts");
        m.put("trainingInclusionExclusion", "Included complete 4-view screening exams with 2-year follow-up; excluded implants");
        m.put("demographicInputFeatures", "age (yes); race, ethnicity, language, SOGI, SDOH (not used)");
        m.put("trainingRepresentativeness", "DE/NL/SE/US screening populations; Black women 17% of US subset");
        m.put("fairnessApproach", "Sensitivity reported by age, density and (US) ethnicity; threshold chosen for equal recall rates");
        m.put("externalValidation", "Retrospective external test on 70,760 exams from 2 sites not used in training, by an "
                + "independent academic reader-study group");
        m.put("validityInternal", "AUROC 0.95 on held-out internal test data");
        m.put("validityExternal", "3.2.0".equals(version) ? "AUROC 0.943; sensitivity 0.874; specificity 0.912" : "AUROC 0.936");
        m.put("fairnessExternal", "Sensitivity difference across ethnic groups under 3 points (US sites)");
        m.put("outcomeEvaluations", "Prospective reader study: recall rate unchanged, cancer detection +0.6 per 1000");
        m.put("updateSchedule", "At most twice a year under a PCCP; revalidated before each release");
        m.put("validityMonitoring", "Deployers monitor sensitivity against histopathology and follow-up monthly");
        m.put("fairnessMonitoring", "Quarterly, by age band and density");
        return m;
    }
}
