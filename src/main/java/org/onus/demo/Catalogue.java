package org.onus.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The four AI products the demo hospital runs, their manufacturers and released versions. The
 * cards themselves live beside each product's simulation, so that what a card claims and how
 * the product really performs are written next to each other.
 */
final class Catalogue {

    static final String MAMMO = "lumina-mammo";
    static final String SRS = "sentinel-srs";
    static final String ROBOT = "surgenix-orion";
    static final String SCRIBE = "scribewell-ambient";

    /** The scribe version its vendor pushed without registering it (a silent update). */
    static final String SILENT_SCRIBE_VERSION = "4.2.0-rc1";

    record Version(String system, String version, Instant releasedAt) {
        String digest() {
            return Catalogue.digest(system, version);
        }

        String key() {
            return system + "@" + version;
        }
    }

    final List<Version> versions;
    private final java.util.Set<String> keys;

    Catalogue(Instant start) {
        versions = List.of(
                new Version(MAMMO, "3.1.0", start.minus(Duration.ofDays(420)).plus(Duration.ofHours(9))),
                new Version(MAMMO, "3.2.0", start.minus(Duration.ofDays(130)).plus(Duration.ofHours(9))),
                new Version(SRS, "2.3.1", start.minus(Duration.ofDays(240)).plus(Duration.ofHours(15))),
                new Version(ROBOT, "5.3.0", start.minus(Duration.ofDays(600)).plus(Duration.ofHours(11))),
                new Version(ROBOT, "5.4.1", start.minus(Duration.ofDays(210)).plus(Duration.ofHours(11))),
                new Version(SCRIBE, "4.0.2", start.minus(Duration.ofDays(300)).plus(Duration.ofHours(17))),
                new Version(SCRIBE, "4.1.0", start.minus(Duration.ofDays(150)).plus(Duration.ofHours(17))));
        keys = java.util.Set.copyOf(versions.stream().map(Version::key).toList());
    }

    static String digest(String system, String version) {
        return Stats.sha256("artifact " + system + "@" + version);
    }

    boolean registered(String system, String version) {
        return keys.contains(system + "@" + version);
    }

    static String course(String system) {
        return switch (system) {
            case MAMMO -> "LuminaMammo Detect reader training (AI-assisted screening reading)";
            case SRS -> "SentinelRisk: interpreting suicide-risk scores and the C-SSRS follow-up";
            case ROBOT -> "Surgenix Orion console certification (simulator curriculum and proctored cases)";
            case SCRIBE -> "ScribeWell Ambient: consent, review and sign-off of AI-drafted notes";
            default -> throw new IllegalArgumentException(system);
        };
    }

    static Duration trainingValidity(String system) {
        return Duration.ofDays(switch (system) {
            case MAMMO -> 730;
            case ROBOT -> 365;
            default -> 365;
        });
    }

    List<ObjectNode> manufacturers() {
        return List.of(
                Json.obj("id", "mfr-lumina", "kind", "manufacturer", "name", "Lumina Imaging AI GmbH", "jurisdiction", "DE"),
                Json.obj("id", "mfr-sentinel", "kind", "manufacturer", "name", "Sentinel Behavioral Analytics, Inc.", "jurisdiction", "US"),
                Json.obj("id", "mfr-surgenix", "kind", "manufacturer", "name", "Surgenix Robotics, Inc.", "jurisdiction", "US"),
                Json.obj("id", "mfr-scribewell", "kind", "manufacturer", "name", "ScribeWell Health Ltd", "jurisdiction", "GB"));
    }

    List<ObjectNode> systems() {
        return List.of(
                Json.obj("id", MAMMO, "name", "LuminaMammo Detect", "manufacturer", "mfr-lumina", "medicalDevice", true,
                        "aiActRiskClass", "high", "deviceClass", "EU MDR class IIa; US FDA class II (21 CFR 892.2090)",
                        "clearanceIds", List.of("CE 2797-MDR-740113", "FDA 510(k) K239817"),
                        "regulatory", Map.of("eu", "MDR class IIa, notified body 2797", "us", "510(k) cleared, product code QDQ")),
                Json.obj("id", SRS, "name", "SentinelRisk Suicide Risk Score", "manufacturer", "mfr-sentinel", "medicalDevice", false,
                        "aiActRiskClass", "high",
                        "regulatory", Map.of("us", "non-device clinical decision support (21st Century Cures Act §3060 criteria met); "
                                + "predictive DSI under ONC HTI-1", "eu", "not CE-marked as a device; high-risk AI system (AI Act Annex III)")),
                Json.obj("id", ROBOT, "name", "Surgenix Orion assistance functions", "manufacturer", "mfr-surgenix", "medicalDevice", true,
                        "aiActRiskClass", "high", "deviceClass", "EU MDR class IIb; US FDA class II (21 CFR 876.1500)",
                        "clearanceIds", List.of("CE 0123-MDR-551902", "FDA 510(k) K221164"),
                        "regulatory", Map.of("eu", "MDR class IIb, notified body 0123", "us", "510(k) cleared, product code NAY")),
                Json.obj("id", SCRIBE, "name", "ScribeWell Ambient", "manufacturer", "mfr-scribewell", "medicalDevice", false,
                        "aiActRiskClass", "limited",
                        "regulatory", Map.of("eu", "not a medical device (documentation aid); AI Act transparency obligations",
                                "us", "not a device; clinician reviews and signs every note")));
    }

    ObjectNode versionJson(Version v) {
        ObjectNode card = switch (v.system()) {
            case MAMMO -> MammographyCard.card(v.version());
            case SRS -> SuicideRiskCard.card();
            case ROBOT -> RobotCard.card(v.version());
            case SCRIBE -> ScribeCard.card(v.version());
            default -> throw new IllegalArgumentException(v.system());
        };
        return Json.obj("system", v.system(), "version", v.version(), "artifactDigest", v.digest(), "releasedAt", v.releasedAt(),
                "card", card);
    }
}
