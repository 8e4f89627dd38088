package org.onus.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.onus.validation.Fields;

/**
 * A deployment authorization: a governance decision that named versions of one AI system may run
 * at a site (and units) for a population, under stated oversight and training, monitored against
 * thresholds, for a period. An authorization may be narrower or wider than the card; where it is
 * wider, {@code widensCard} records how, at the time it was recorded. Amendments are later
 * records with the same id; a revocation is its own entry.
 */
public record Authorization(
        String id,
        String system,
        List<String> versions,
        String site,
        List<String> units,
        List<String> permittedUses,
        Population population,
        Oversight oversight,
        List<String> requiredTraining,
        List<String> precautions,
        Map<String, Double> monitoringThresholds,
        Instant validFrom,
        Instant validUntil,
        AuthorizedBy authorizedBy,
        String localValidation,
        List<String> widensCard) {

    public Authorization {
        versions = List.copyOf(versions);
        units = units == null ? List.of() : List.copyOf(units);
        permittedUses = permittedUses == null ? List.of() : List.copyOf(permittedUses);
        requiredTraining = requiredTraining == null ? List.of() : List.copyOf(requiredTraining);
        precautions = precautions == null ? List.of() : List.copyOf(precautions);
        monitoringThresholds = monitoringThresholds == null ? Map.of() : Map.copyOf(monitoringThresholds);
        widensCard = widensCard == null ? List.of() : List.copyOf(widensCard);
    }

    /** Human oversight the authorization requires before a clinician acts on an output. */
    public record Oversight(boolean reviewRequired, Double minimumReviewSeconds, Double alertResponseHours) {
    }

    /** Who took the decision: a person or body, in which role, under which decision reference. */
    public record AuthorizedBy(String party, String role, String decisionRef) {
    }

    /** Thresholds a governance committee may set; the monitoring feature evaluates them. */
    public static final List<String> THRESHOLDS = List.of("overrideRateMax", "outOfScopeShareMax", "psiMax",
            "medianReviewSecondsMin", "sensitivityFloor", "specificityFloor", "windowDays");

    public static Authorization read(Fields f) {
        String id = f.id("id", true);
        String system = f.id("system", true);
        List<String> versions = f.strings("versions", true);
        if (f.has("versions") && versions.isEmpty()) {
            f.errors().add(f.at("versions"), "must name at least one version");
        }
        String site = f.id("site", true);
        List<String> units = f.strings("units", false);
        List<String> uses = f.strings("permittedUses", false);
        Population population = Population.read(f.object("population", false));
        Oversight oversight = new Oversight(false, null, null);
        Fields o = f.object("oversight", false);
        if (o != null) {
            Boolean review = o.bool("reviewRequired", false);
            Double minSeconds = o.number("minimumReviewSeconds", false, 0, 86_400);
            Double response = o.number("alertResponseHours", false, 0, 24 * 365);
            o.end();
            oversight = new Oversight(review != null && review, minSeconds, response);
        }
        List<String> training = f.strings("requiredTraining", false);
        List<String> precautions = f.strings("precautions", false);
        for (int i = 0; i < precautions.size(); i++) {
            if (!ModelCard.PRECAUTION_KINDS.contains(precautions.get(i))) {
                f.errors().add(f.at("precautions") + "/" + i, "must be one of " + String.join(", ", ModelCard.PRECAUTION_KINDS));
            }
        }
        Map<String, Double> thresholds = new java.util.TreeMap<>();
        Fields t = f.object("monitoringThresholds", false);
        if (t != null) {
            for (String name : THRESHOLDS) {
                Double v = t.number(name, false, 0, 1e9);
                if (v != null) {
                    thresholds.put(name, v);
                }
            }
            t.end();
        }
        Instant from = f.instant("validFrom", true, false);
        Instant until = f.instant("validUntil", false, false);
        if (from != null && until != null && !until.isAfter(from)) {
            f.errors().add(f.at("validUntil"), "must be after validFrom");
        }
        AuthorizedBy by = null;
        Fields b = f.object("authorizedBy", true);
        if (b != null) {
            by = new AuthorizedBy(b.id("party", true), b.requiredString("role"), b.optionalString("decisionRef"));
            b.end();
        }
        String localValidation = f.id("localValidation", false);
        f.end();
        return new Authorization(id, system, versions, site, units, uses, population, oversight, training, precautions,
                thresholds, from, until, by, localValidation, new ArrayList<>());
    }

    /** The same authorization with the ways it widens the card recorded. */
    public Authorization withWidening(List<String> widening) {
        return new Authorization(id, system, versions, site, units, permittedUses, population, oversight, requiredTraining,
                precautions, monitoringThresholds, validFrom, validUntil, authorizedBy, localValidation, widening);
    }

    /** Whether the authorization was in its validity period at {@code t} (revocation is tracked separately). */
    public boolean inPeriod(Instant t) {
        return !t.isBefore(validFrom) && (validUntil == null || t.isBefore(validUntil));
    }
}
