package org.onus.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The Surgenix Orion's assistance functions: device actions (assisted motion, mode changes,
 * faults), whose card requires user training and proctoring.
 */
final class RobotCard {

    static final double LATENCY_MAX_MS = 120;
    static final Scope POPULATION = new Scope(18, null, List.of(), List.of("operating-room"),
            List.of("contraindicated-for-laparoscopy"));

    private RobotCard() {
    }

    static ObjectNode card(String version) {
        return Json.obj(
                "intendedUse", Json.obj("task", "Assist the surgeon at the console during robot-assisted laparoscopic surgery: "
                        + "motion scaling, tremor filtration, instrument-arm positioning, camera follow and energy management",
                        "indications", List.of("urologic laparoscopic procedures", "gynecologic laparoscopic procedures",
                                "general laparoscopic procedures")),
                "intendedPopulation", POPULATION.json(),
                "inputRequirements", Json.obj("modality", "robot-telemetry", "requiredFields", List.of("kinematics", "endoscope-video"),
                        "quality", List.of(Json.obj("indicator", "videoLatencyMs", "max", LATENCY_MAX_MS),
                                Json.obj("indicator", "kinematicSyncLoss", "max", 0.01))),
                "output", Json.obj("kind", "device-action", "classes", List.of("assisted-motion", "mode-change", "fault", "alarm")),
                "performance", Json.obj("overall", List.of(
                                Stats.proportion("error-rate", 0.0042, 24_000),
                                Stats.proportion("accuracy", 0.9991, 1_850_000)),
                        "subgroups", List.of(
                                Json.obj("name", "prostatectomy", "attributes", Map.of("procedure", "prostatectomy"),
                                        "claims", List.of(Stats.proportion("error-rate", 0.0046, 9_100))),
                                Json.obj("name", "hysterectomy", "attributes", Map.of("procedure", "hysterectomy"),
                                        "claims", List.of(Stats.proportion("error-rate", 0.0038, 7_300))),
                                Json.obj("name", "general surgery", "attributes", Map.of("procedure", "general"),
                                        "claims", List.of(Stats.proportion("error-rate", 0.0041, 7_600))))),
                "trainingData", "Motion-assistance models tuned on 41,000 hours of console kinematics from 6,200 procedures "
                        + "(bench, cadaver and clinical, 2016-2022); fault detection verified on 1.85 million instrument activations.",
                "knownLimitations", List.of(
                        Json.obj("failureMode", "instrument-reuse-beyond-life", "description", "Insulation wear of instruments used "
                                + "beyond their rated number of lives is not detected before arcing."),
                        Json.obj("failureMode", "E-217", "description", "Joint torque limit may stop an arm during wide "
                                + "external motions in patients with BMI above 45.")),
                "requiredPrecautions", List.of(
                        Json.obj("kind", "user-training", "description", "Console certification: simulator curriculum and "
                                + "case observation before the first clinical case."),
                        Json.obj("kind", "proctoring", "description", "Each surgeon's first 10 clinical cases are proctored by a "
                                + "certified proctor."),
                        Json.obj("kind", "case-selection", "description", "Start with low-complexity cases; avoid BMI above 45 "
                                + "during the learning curve.")),
                "localValidationRequired", false,
                "updatePolicy", "Console software " + version + "; updates installed by field service engineers only after the "
                        + "deployer's sign-off; instrument firmware is not field-updatable.");
    }
}
