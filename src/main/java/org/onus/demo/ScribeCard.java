package org.onus.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** ScribeWell Ambient: drafts a note from encounter audio; the clinician must review before signing. */
final class ScribeCard {

    static final double SNR_MIN = 10;
    static final double ASR_MIN = 0.75;
    static final Scope POPULATION = new Scope(null, null, List.of(), List.of("outpatient", "emergency", "inpatient"),
            List.of("no-recording-consent"));

    private ScribeCard() {
    }

    /** True share of drafts with a clinically significant error. */
    static double errorRate(String language, String careSetting, boolean silentUpdate) {
        double base = switch (language) {
            case "de" -> 0.05;
            case "es" -> 0.12;
            default -> "emergency".equals(careSetting) ? 0.04 : "outpatient".equals(careSetting) ? 0.024 : 0.033;
        };
        return silentUpdate ? Math.min(0.5, base * 3) : base;
    }

    static ObjectNode card(String version) {
        double shift = "4.0.2".equals(version) ? 0.006 : 0;
        return Json.obj(
                "intendedUse", Json.obj("task", "Draft a clinical note (history, examination, assessment and plan) from the "
                        + "ambient audio of a clinician-patient encounter, for the clinician to review, edit and sign",
                        "indications", List.of("outpatient visit", "emergency department encounter", "inpatient ward round")),
                "intendedPopulation", POPULATION.json(),
                "inputRequirements", Json.obj("modality", "ambient-audio", "requiredFields", List.of("audio", "encounter-language"),
                        "quality", List.of(Json.obj("indicator", "audioSnrDb", "min", SNR_MIN),
                                Json.obj("indicator", "asrConfidence", "min", ASR_MIN))),
                "output", Json.obj("kind", "generated-text"),
                "performance", Json.obj("overall", List.of(Stats.proportion("error-rate", 0.031 + shift, 1_800)),
                        "subgroups", List.of(
                                Json.obj("name", "English encounters", "attributes", Map.of("encounterLanguage", "en"),
                                        "claims", List.of(Stats.proportion("error-rate", 0.029 + shift, 1_500))),
                                Json.obj("name", "German encounters", "attributes", Map.of("encounterLanguage", "de"),
                                        "claims", List.of(Stats.proportion("error-rate", 0.046 + shift, 300))),
                                Json.obj("name", "emergency", "population", Json.obj("careSettings", List.of("emergency")),
                                        "claims", List.of(Stats.proportion("error-rate", 0.041 + shift, 520))),
                                Json.obj("name", "outpatient", "population", Json.obj("careSettings", List.of("outpatient")),
                                        "claims", List.of(Stats.proportion("error-rate", 0.024 + shift, 760))),
                                Json.obj("name", "inpatient", "population", Json.obj("careSettings", List.of("inpatient")),
                                        "claims", List.of(Stats.proportion("error-rate", 0.034 + shift, 520))))),
                "trainingData", "Speech recognition and note generation fine-tuned on 160,000 consented encounters in English "
                        + "(US, UK) and 12,000 in German; error rate measured by two-physician audit of 1,800 drafts against "
                        + "the encounter audio.",
                "knownLimitations", List.of(
                        Json.obj("failureMode", "unvalidated-language", "description", "Languages other than English and German "
                                + "are transcribed but not validated."),
                        Json.obj("failureMode", "medication-dose-transcription", "description", "Doses and frequencies are the "
                                + "most frequent significant error; verify every medication line."),
                        Json.obj("failureMode", "overlapping-speech", "description", "Several speakers at once lower accuracy.")),
                "requiredPrecautions", List.of(
                        Json.obj("kind", "other", "description", "The clinician reviews and edits the draft before signing; an "
                                + "unsigned draft is not part of the record."),
                        Json.obj("kind", "user-training", "description", "Users complete the consent-and-review module."),
                        Json.obj("kind", "case-selection", "description", "Record only with the patient's consent.")),
                "localValidationRequired", false,
                "updatePolicy", "Cloud service. Every change of the speech or language model is released as a new registered "
                        + "version with release notes 14 days ahead; deployers may pin a version for 90 days.");
    }
}
