package org.onus.recording;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.onus.registry.AiVersion;
import org.onus.registry.Authorization;
import org.onus.registry.ModelCard;
import org.onus.registry.Party;
import org.onus.registry.Population;
import org.onus.registry.RecordKind;
import org.onus.registry.Registry;
import org.onus.registry.Revision;
import org.onus.validation.Fields;

/**
 * Works out, for a decision event, which authorization and system it ran under and what it
 * violated at its event time as the registry now knows it. Unknown sites, units and
 * authorization ids are input errors (the integration misnamed its own hospital); an unknown
 * system or version is a fact to record (an unregistered tool in use) and becomes a flag.
 */
final class ScopeCheck {

    record Result(String authorization, String system, String careSetting, List<Flag> flags) {
    }

    private ScopeCheck() {
    }

    static Result check(Registry registry, Decision d, Instant now, Fields.Errors errors, String pointer) {
        List<Flag> flags = new ArrayList<>();
        Instant t = d.eventTime();
        Party site = null;
        if (d.site() != null) {
            site = registry.current(RecordKind.PARTY, d.site(), t, Party.class).orElse(null);
            if (site == null || !"deployer".equals(site.kind())) {
                errors.add(pointer + "/site", "refers to " + d.site() + ", which is not a registered deployer site");
                return null;
            }
            if (d.unit() != null && site.units().stream().noneMatch(u -> u.id().equals(d.unit()))) {
                errors.add(pointer + "/unit", "unit " + d.unit() + " is not a unit of site " + d.site());
                return null;
            }
        }
        if (d.authorization() != null && !registry.exists(RecordKind.AUTHORIZATION, d.authorization())) {
            errors.add(pointer + "/authorization", "refers to authorization " + d.authorization() + ", which is not registered");
            return null;
        }

        // Which system produced the output decides whose authorization (and whose product) the
        // event belongs to, so it is settled before any authorization is looked for: as named;
        // else by the registered artifact digest; else, if exactly one system is authorized at
        // the site and unit, that one. Otherwise it stays unknown rather than guessed.
        String system = d.system();
        if (system == null && d.authorization() == null) {
            system = identifySystem(registry, d, now);
        }
        Revision authRevision = d.authorization() != null
                ? registry.asOf(RecordKind.AUTHORIZATION, d.authorization(), t, now).orElse(null)
                : findBySite(registry, d, system, now);
        Authorization auth = authRevision == null ? null : registry.typed(authRevision, Authorization.class);
        if (system == null && auth != null) {
            system = auth.system();
        }
        String careSetting = d.patient() != null && d.patient().careSetting() != null ? d.patient().careSetting() : null;
        if (careSetting == null && site != null && d.unit() != null) {
            careSetting = site.units().stream().filter(u -> u.id().equals(d.unit())).findFirst().map(Party.Unit::careSetting).orElse(null);
        }

        AiVersion version = null;
        if (system == null || !registry.exists(RecordKind.AI_SYSTEM, system)) {
            flags.add(new Flag(Flag.SYSTEM_NOT_REGISTERED, system == null
                    ? "the system could not be identified: the event names none, its artifact digest is not registered, "
                            + "and not exactly one system is authorized at " + d.site() + (d.unit() == null ? "" : "/" + d.unit())
                    : "system " + system + " is not registered"));
        } else {
            version = registry.current(RecordKind.VERSION, system + "@" + d.reportedVersion(), t, AiVersion.class).orElse(null);
            if (version == null) {
                flags.add(new Flag(Flag.VERSION_NOT_REGISTERED, "version " + d.reportedVersion() + " of " + system
                        + " is not registered at " + t));
            } else if (!version.artifactDigest().equals(d.artifactDigest())) {
                flags.add(new Flag(Flag.DIGEST_MISMATCH, "the reported artifact " + d.artifactDigest() + " is not the registered "
                        + version.artifactDigest() + " of " + system + " " + d.reportedVersion()));
            }
        }

        String authId = d.authorization() != null ? d.authorization() : auth != null ? auth.id() : null;
        if (authRevision == null) {
            flags.add(d.authorization() != null
                    ? new Flag(Flag.AUTHORIZATION_NOT_IN_FORCE, "authorization " + d.authorization() + " was not yet in force at " + t)
                    : new Flag(Flag.NO_AUTHORIZATION, "no authorization covers " + (system == null ? "this system" : system)
                            + " at " + d.site() + (d.unit() == null ? "" : "/" + d.unit()) + " at " + t));
        } else {
            if (authRevision.revoked()) {
                flags.add(new Flag(Flag.AUTHORIZATION_REVOKED, "authorization " + auth.id() + " was revoked from "
                        + authRevision.effectiveAt() + (authRevision.reason() == null ? "" : " (" + authRevision.reason() + ")")));
            }
            if (!auth.inPeriod(t)) {
                flags.add(new Flag(Flag.AUTHORIZATION_NOT_IN_FORCE, "authorization " + auth.id() + " is valid from "
                        + auth.validFrom() + (auth.validUntil() == null ? "" : " until " + auth.validUntil()) + ", not at " + t));
            }
            if (!auth.versions().contains(d.reportedVersion())) {
                flags.add(new Flag(Flag.VERSION_NOT_AUTHORIZED, "authorization " + auth.id() + " covers versions "
                        + auth.versions() + ", not " + d.reportedVersion()));
            }
            if (d.unit() != null && !auth.units().isEmpty() && !auth.units().contains(d.unit())) {
                flags.add(new Flag(Flag.UNIT_NOT_AUTHORIZED, "authorization " + auth.id() + " covers units " + auth.units()
                        + ", not " + d.unit()));
            }
        }

        ModelCard card = version == null ? null : version.card();
        Decision.Patient p = d.patient();
        if (p != null) {
            Population intended = card == null ? null : card.intendedPopulation();
            // Indications and permitted uses are descriptive text on cards and authorizations, so
            // scope is judged on the structured population (age, sex, care setting, exclusions).
            if (card != null && !admits(intended, p, careSetting)) {
                flags.add(new Flag(Flag.OUTSIDE_INTENDED_POPULATION, describe(p, careSetting) + " is outside the card's intended use or population"));
            }
            if (auth != null) {
                Population permitted = auth.population() == null ? intended : auth.population().over(intended);
                if (!admits(permitted, p, careSetting)) {
                    flags.add(new Flag(Flag.OUTSIDE_AUTHORIZED_POPULATION, describe(p, careSetting)
                            + " is outside the scope of authorization " + auth.id()));
                }
            }
        }

        if (card != null && card.inputRequirements() != null && d.input() != null) {
            ModelCard.InputRequirements req = card.inputRequirements();
            Decision.Input in = d.input();
            if (req.modality() != null && in.modality() != null && !req.modality().equalsIgnoreCase(in.modality())) {
                flags.add(new Flag(Flag.INPUT_WRONG_MODALITY, "input modality " + in.modality() + ", card requires " + req.modality()));
            }
            if (!in.fieldsPresent().isEmpty()) {
                List<String> missing = req.requiredFields().stream().filter(f -> !in.fieldsPresent().contains(f)).toList();
                if (!missing.isEmpty()) {
                    flags.add(new Flag(Flag.INPUT_MISSING_FIELDS, "required input fields missing: " + missing));
                }
            }
            for (ModelCard.QualityThreshold q : req.quality()) {
                Double v = in.quality().get(q.indicator());
                if (v != null && ((q.min() != null && v < q.min()) || (q.max() != null && v > q.max()))) {
                    flags.add(new Flag(Flag.INPUT_BELOW_QUALITY, "input quality " + q.indicator() + " = " + v
                            + " is outside the card's bounds (" + q.describeBounds() + ")"));
                }
            }
        }

        boolean trainingRequired = (auth != null && !auth.requiredTraining().isEmpty())
                || (card != null && card.requiredPrecautions().stream().anyMatch(pr -> pr.kind().equals("user-training")));
        for (String clinician : d.shownTo()) {
            Optional<Party> c = registry.current(RecordKind.PARTY, clinician, t, Party.class);
            if (c.isEmpty() || !"clinician".equals(c.get().kind())) {
                flags.add(new Flag(Flag.CLINICIAN_NOT_REGISTERED, "clinician " + clinician + " is not registered"));
            } else if (trainingRequired && system != null && !c.get().trainedOn(system, t)) {
                flags.add(new Flag(Flag.SHOWN_TO_UNTRAINED, "clinician " + clinician + " held no valid training on " + system + " at " + t));
            }
        }
        return new Result(authId, system, careSetting, flags);
    }

    /**
     * The authorization for the event's site and unit, preferring one in force that covers its
     * version; failing any for the unit, one for the site (so that a tool authorized for one unit
     * and used in another is recorded as exactly that).
     */
    private static Revision findBySite(Registry registry, Decision d, String system, Instant now) {
        if (d.site() == null || system == null) {
            return null;
        }
        Revision match = findBySite(registry, d, system, now, true);
        return match != null ? match : findBySite(registry, d, system, now, false);
    }

    /** The system of an event that names none: by its artifact digest, else the only one authorized where it ran. */
    private static String identifySystem(Registry registry, Decision d, Instant now) {
        java.util.Set<String> byDigest = new java.util.TreeSet<>();
        registry.versionsWithDigest(d.artifactDigest(), d.eventTime()).forEach(v -> byDigest.add(v.system()));
        if (byDigest.size() == 1) {
            return byDigest.iterator().next();
        }
        if (d.site() == null || !byDigest.isEmpty()) {
            return null;
        }
        java.util.Set<String> inUnit = authorizedSystems(registry, d, now, true);
        if (!inUnit.isEmpty()) {
            return inUnit.size() == 1 ? inUnit.iterator().next() : null;
        }
        java.util.Set<String> atSite = authorizedSystems(registry, d, now, false);
        return atSite.size() == 1 ? atSite.iterator().next() : null;
    }

    private static java.util.Set<String> authorizedSystems(Registry registry, Decision d, Instant now, boolean unitMustMatch) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (String id : registry.ids(RecordKind.AUTHORIZATION)) {
            registry.asOf(RecordKind.AUTHORIZATION, id, d.eventTime(), now).map(r -> registry.typed(r, Authorization.class))
                    .filter(a -> a.site().equals(d.site())
                            && (!unitMustMatch || d.unit() == null || a.units().isEmpty() || a.units().contains(d.unit())))
                    .ifPresent(a -> out.add(a.system()));
        }
        return out;
    }

    private static Revision findBySite(Registry registry, Decision d, String system, Instant now, boolean unitMustMatch) {
        Revision inForce = null;
        for (String id : registry.ids(RecordKind.AUTHORIZATION)) {
            Optional<Revision> r = registry.asOf(RecordKind.AUTHORIZATION, id, d.eventTime(), now);
            if (r.isEmpty()) {
                continue;
            }
            Authorization a = registry.typed(r.get(), Authorization.class);
            if (!a.site().equals(d.site()) || !a.system().equals(system)
                    || (unitMustMatch && d.unit() != null && !a.units().isEmpty() && !a.units().contains(d.unit()))) {
                continue;
            }
            boolean good = !r.get().revoked() && a.inPeriod(d.eventTime());
            if (good && a.versions().contains(d.reportedVersion())) {
                return r.get();
            }
            if (inForce == null || good) {
                inForce = r.get();
            }
        }
        return inForce;
    }

    private static boolean admits(Population pop, Decision.Patient p, String careSetting) {
        if (pop == null) {
            return true;
        }
        if (!pop.admits(p.age(), p.sex(), careSetting)) {
            return false;
        }
        Map<String, String> attrs = p.attributes();
        for (String exclusion : pop.exclusions()) {
            String v = attrs.get(exclusion);
            if (v != null && (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes"))) {
                return false;
            }
        }
        return true;
    }

    private static String describe(Decision.Patient p, String careSetting) {
        List<String> parts = new ArrayList<>();
        if (p.age() != null) {
            parts.add("age " + (p.age() == Math.rint(p.age()) ? String.valueOf(p.age().longValue()) : p.age()));
        }
        if (p.sex() != null) {
            parts.add(p.sex());
        }
        if (careSetting != null) {
            parts.add(careSetting);
        }
        if (p.indication() != null) {
            parts.add("indication " + p.indication());
        }
        return "the patient (" + String.join(", ", parts) + ")";
    }
}
