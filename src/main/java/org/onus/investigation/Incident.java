package org.onus.investigation;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.onus.validation.Fields;

/**
 * An incident as filed: harm or a near miss, when it happened and when the organisation became
 * aware of it (the start of every regulatory clock), where, to which patient, how bad, which
 * decisions it concerns, and who reported it. The patient arrives as the hospital's id and is
 * stored only as its pseudonym; the narrative is sealed under the patient's key.
 *
 * <p>The regulatory facts the clocks need are recorded as such: death, serious injury (or
 * serious deterioration of health), a serious public-health threat, an infringement of
 * fundamental rights (EU AI Act Art. 3(49)(c)), and whether remedial action is needed to prevent
 * an unreasonable risk of substantial harm (21 CFR 803.53).
 */
public record Incident(
        String id,
        String kind,
        Instant occurredAt,
        Instant awareAt,
        String site,
        String unit,
        String patient,
        Severity severity,
        boolean medicationEvent,
        Facts facts,
        List<String> decisions,
        Integer windowHours,
        String narrative,
        String reporter) {

    public static final Set<String> KINDS = Set.of("harm", "near-miss");
    /** Hours before the incident in which decisions are proposed when none are linked, unless the filing says otherwise. */
    public static final int DEFAULT_WINDOW_HOURS = 72;

    public Incident {
        decisions = decisions == null ? List.of() : List.copyOf(decisions);
    }

    /**
     * The facts that decide which reports are owed; each may be amended by later information.
     * {@code unanticipatedDeterioration}: the serious deterioration of health was unanticipated
     * (MDR Art. 87(5), 10 days), which needs {@code seriousInjury}.
     */
    public record Facts(boolean death, boolean seriousInjury, boolean publicHealthThreat, boolean fundamentalRightsInfringement,
                        boolean remedialAction, boolean unanticipatedDeterioration) {

        public Facts(boolean death, boolean seriousInjury, boolean publicHealthThreat, boolean fundamentalRightsInfringement,
                     boolean remedialAction) {
            this(death, seriousInjury, publicHealthThreat, fundamentalRightsInfringement, remedialAction, false);
        }
    }

    static Incident read(Fields f) {
        String id = f.id("id", true);
        String kind = f.oneOf("kind", true, KINDS);
        Instant occurred = f.instant("occurredAt", true, true);
        Instant aware = f.instant("awareAt", true, true);
        if (occurred != null && aware != null && aware.isBefore(occurred)) {
            f.errors().add(f.at("awareAt"), "must not be before occurredAt: the organisation cannot learn of an incident before it happens");
        }
        String site = f.id("site", true);
        String unit = f.id("unit", false);
        String patient = null;
        Fields p = f.object("patient", true);
        if (p != null) {
            patient = p.requiredString("id");
            p.end();
        }
        Severity severity = Severity.read(f.object("severity", true));
        Boolean medication = f.bool("medicationEvent", false);
        if (severity != null && Severity.NCC_MERP.equals(severity.scale()) && !Boolean.TRUE.equals(medication)) {
            f.errors().add(f.at("severity") + "/scale", "ncc-merp is the scale of medication events; set medicationEvent true or use ahrq-harm");
        }
        Facts facts = new Facts(bool(f, "death"), bool(f, "seriousInjury"), bool(f, "publicHealthThreat"),
                bool(f, "fundamentalRightsInfringement"), bool(f, "remedialAction"), bool(f, "unanticipatedDeterioration"));
        if (facts.unanticipatedDeterioration() && !facts.seriousInjury()) {
            f.errors().add(f.at("unanticipatedDeterioration"), "describes a serious deterioration of health: set seriousInjury true too");
        }
        if (severity != null && severity.death() && !facts.death()) {
            f.errors().add(f.at("death"), "must be true when the severity is " + severity.value() + " on " + severity.scale());
        }
        if ("near-miss".equals(kind) && severity != null && severity.harm()) {
            f.errors().add(f.at("severity") + "/value", "a near miss reached no harm, so it cannot be " + severity.value());
        }
        List<String> decisions = f.strings("decisions", false);
        Long window = f.integer("windowHours", false, 1, 24L * 365);
        String narrative = f.requiredString("narrative");
        String reporter = f.id("reporter", true);
        f.end();
        return new Incident(id, kind, occurred, aware, site, unit, patient, severity, medication != null && medication, facts,
                decisions, window == null ? null : window.intValue(), narrative, reporter);
    }

    private static boolean bool(Fields f, String name) {
        Boolean b = f.bool(name, false);
        return b != null && b;
    }

    /** The window in which decisions are proposed, in hours before the incident. */
    public int window() {
        return windowHours == null ? DEFAULT_WINDOW_HOURS : windowHours;
    }
}
