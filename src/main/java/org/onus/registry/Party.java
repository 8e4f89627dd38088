package org.onus.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.onus.validation.Fields;

/**
 * A legal or natural person with a role in the value chain. Deployers (sites) carry their units;
 * clinicians carry their role, credentials, affiliation and training records per AI system.
 * {@code jurisdiction} is an ISO 3166-1 alpha-2 country code (or "EU"), which decides the
 * regulatory regimes of incidents at a site; a site's {@code timeZone} (an IANA zone id, e.g.
 * America/Los_Angeles) is the one its regulatory days are counted in.
 */
public record Party(String id, String kind, String name, String jurisdiction, List<Unit> units, String role,
                    String affiliation, List<String> credentials, List<Training> training, String timeZone) {

    public Party(String id, String kind, String name, String jurisdiction, List<Unit> units, String role,
                 String affiliation, List<String> credentials, List<Training> training) {
        this(id, kind, name, jurisdiction, units, role, affiliation, credentials, training, null);
    }

    public static final Set<String> KINDS = Set.of("manufacturer", "deployer", "data-provider", "governance-body",
            "clinician", "regulator");

    public Party {
        units = units == null ? List.of() : List.copyOf(units);
        credentials = credentials == null ? List.of() : List.copyOf(credentials);
        training = training == null ? List.of() : List.copyOf(training);
    }

    /** A unit of a site, e.g. an emergency department, with its care setting. */
    public record Unit(String id, String name, String careSetting) {
    }

    /** A completed training on one AI system; valid from completion until expiry (open-ended if none). */
    public record Training(String aiSystem, String course, Instant completedAt, Instant expiresAt) {
        public boolean validAt(Instant t) {
            return !completedAt.isAfter(t) && (expiresAt == null || expiresAt.isAfter(t));
        }
    }

    public static Party read(Fields f) {
        String id = f.id("id", true);
        String kind = f.oneOf("kind", true, KINDS);
        String name = f.requiredString("name");
        String jurisdiction = f.optionalString("jurisdiction");
        if (jurisdiction != null && !jurisdiction.matches("[A-Z]{2}")) {
            f.errors().add(f.at("jurisdiction"), "must be an ISO 3166-1 alpha-2 code in capitals, e.g. DE, US, or EU");
            jurisdiction = null;
        }
        String timeZone = f.optionalString("timeZone");
        if (timeZone != null && !java.time.ZoneId.getAvailableZoneIds().contains(timeZone)) {
            f.errors().add(f.at("timeZone"), "must be an IANA time zone id, e.g. Europe/Berlin or America/New_York");
            timeZone = null;
        } else if (timeZone != null && !"deployer".equals(kind)) {
            f.errors().add(f.at("timeZone"), "only a deployer (a site) has a time zone");
        }
        List<Unit> units = new ArrayList<>();
        for (Fields u : f.objects("units", false)) {
            units.add(new Unit(u.id("id", true), u.requiredString("name"), u.optionalString("careSetting")));
            u.end();
        }
        if (!units.isEmpty() && !"deployer".equals(kind)) {
            f.errors().add(f.at("units"), "only a deployer has units");
        }
        String role = f.optionalString("role");
        String affiliation = f.id("affiliation", false);
        List<String> credentials = f.strings("credentials", false);
        List<Training> training = new ArrayList<>();
        for (Fields t : f.objects("training", false)) {
            Instant completed = t.instant("completedAt", true, true);
            Instant expires = t.instant("expiresAt", false, false);
            if (completed != null && expires != null && !expires.isAfter(completed)) {
                t.errors().add(t.at("expiresAt"), "must be after completedAt");
            }
            training.add(new Training(t.id("aiSystem", true), t.requiredString("course"), completed, expires));
            t.end();
        }
        if ((!training.isEmpty() || role != null) && !"clinician".equals(kind)) {
            f.errors().add(f.at(training.isEmpty() ? "role" : "training"), "only a clinician has a clinical role and training records");
        }
        f.end();
        return new Party(id, kind, name, jurisdiction, units, role, affiliation, credentials, training, timeZone);
    }

    /** Whether this clinician held valid training on {@code aiSystem} at {@code t}. */
    public boolean trainedOn(String aiSystem, Instant t) {
        return training.stream().anyMatch(tr -> tr.aiSystem().equals(aiSystem) && tr.validAt(t));
    }
}
