package org.onus.demo;

import static org.onus.demo.SuicideRiskCard.COMPLETENESS_MIN;
import static org.onus.demo.SuicideRiskCard.THRESHOLD;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.onus.demo.Organisation.Clinician;
import org.onus.demo.Organisation.Site;

/**
 * SentinelRisk scores every adult ED visit and psychiatric admission in Köln, and every ED visit
 * at Lakeshore, adolescents included, as its wider authorization allows. Lakeshore ED visits are
 * also documented by the ambient scribe, for the same patient. Köln ED physicians grow tired of
 * the alerts after day 45 and override more of them.
 */
final class SuicideRisk extends Product {

    static final String VERSION = "2.3.1";
    static final int FATIGUE_DAY = 45;
    /** ED arrivals by hour of day, relative. */
    static final double[] ED_HOURS = {3, 2.5, 2, 1.5, 1.5, 2, 3, 4.5, 6, 7, 7.5, 7.5, 7, 7, 7, 7, 7, 7, 7, 6.5, 6, 5, 4.5, 3.5};
    private static final List<String> FIELDS = List.of("age", "sex", "diagnoses-icd10", "medications", "prior-visits-24m");

    private final Scribe scribe;
    private final List<Patient> recentKoeln = new ArrayList<>();
    private final List<Patient> recentLakeshore = new ArrayList<>();

    /** One scored visit; scripted cases adjust the drawn values. */
    static final class Visit {
        Patient patient;
        boolean attempt;
        double completeness;
        boolean aiPositive;
        double score;
        Clinician clinician;
        String action;
        Double outcomeDelayDays;
        String adverseEvent;
    }

    SuicideRisk(World w, Scribe scribe) {
        super(w);
        this.scribe = scribe;
    }

    @Override
    void day(int day) {
        Site k = w.org.koeln;
        Site l = w.org.lakeshore;
        for (int i = w.volume(w.weekend(day) ? 115 : 125); i > 0; i--) {
            Patient p = patient(k, recentKoeln, chance(0.0025) ? 16 + rnd.nextInt(2) : adultAge(false), "emergency", "emergency-visit");
            write(k, "koeln-ed", w.local(k, day, hourFrom(ED_HOURS)), draw(k, "koeln-ed", p, day));
        }
        for (int i = w.volume(7); i > 0; i--) {
            Patient p = patient(k, null, adultAge(true), "inpatient", "psychiatric-admission");
            write(k, "koeln-psych", w.local(k, day, uniform(9, 22)), draw(k, "koeln-psych", p, day));
        }
        for (int i = w.volume(215); i > 0; i--) {
            Patient p = patient(l, recentLakeshore, chance(0.09) ? 12 + rnd.nextInt(6) : adultAge(false), "emergency", "emergency-visit");
            Case c = write(l, "lakeshore-ed", w.local(l, day, hourFrom(ED_HOURS)), draw(l, "lakeshore-ed", p, day));
            if (chance(0.7)) {
                scribe.note(l, "lakeshore-ed", p, after(c.time, uniform(1.5 * 3600, 5 * 3600)), c.clinician, null);
            }
        }
        scripted(day, k, l);
    }

    private void scripted(int day, Site k, Site l) {
        if (day == 17 || day == 44 || day == 71) {
            Patient p = patient(k, null, day == 44 ? 16 : 17, "emergency", "emergency-visit");
            write(k, "koeln-ed", w.local(k, day, 16.67), draw(k, "koeln-ed", p, day));
        }
        if (day == 40) {
            Patient p = new Patient(w.mrn(l), 15, "female", "emergency", "emergency-visit", Map.of(), null);
            Visit v = draw(l, "lakeshore-ed", p, day);
            v.completeness = 0.78;
            v.attempt = true;
            v.aiPositive = false;
            v.score = 0.05;
            v.action = "viewed";
            v.outcomeDelayDays = 12.0;
            v.adverseEvent = "intentional overdose (acetaminophen), admitted to the pediatric ICU";
            Case c = write(l, "lakeshore-ed", w.local(l, day, 21.25), v);
            w.planted.incident("srs-adolescent-wider-authorization", l.id(), p.mrn(), c.time,
                    "A 15-year-old seen in the Lakeshore ED was scored 0.05 (not elevated) by a model validated for adults only; "
                            + "she was discharged and admitted 12 days later after an intentional overdose.",
                    List.of(c.id), outcomeId(c), "deployment: the patient was outside the card's population and the "
                            + "authorization permitted it -> deployer (the authorizer); deployment: no local validation on record "
                            + "although the card requires one -> deployer; data: under-18 is a disclosed limitation -> not the "
                            + "manufacturer.");
        }
        if (day == 60) {
            Visit v = draw(l, "lakeshore-ed", patient(l, null, 29, "emergency", "emergency-visit"), day);
            v.completeness = 0.91;
            v.aiPositive = true;
            v.score = 0.15;
            v.action = "accepted";
            v.clinician = w.org.clinician("clin-lakeshore-ed-02");
            write(l, "lakeshore-ed", w.local(l, day, 15.5), v);
        }
        if (day == 57) {
            Patient p = new Patient(w.mrn(k), 34, "male", "inpatient", "psychiatric-admission", Map.of(), null);
            Visit v = draw(k, "koeln-psych", p, day);
            v.completeness = 0.93;
            v.attempt = true;
            v.aiPositive = true;
            v.score = 0.41;
            v.action = "overridden";
            v.clinician = w.org.clinician("clin-koeln-psy-02");
            v.outcomeDelayDays = 6.0;
            v.adverseEvent = "suicide attempt by hanging two days after discharge; survived, ICU admission";
            Case c = write(k, "koeln-psych", w.local(k, day, 14.17), v);
            w.planted.incident("srs-correct-alert-overridden", k.id(), p.mrn(), c.time,
                    "A 34-year-old admitted to psychiatry scored 0.41 (elevated); the psychiatrist overrode the alert "
                            + "(denies ideation, future-oriented) and he was discharged; six days later he attempted suicide.",
                    List.of(c.id), outcomeId(c), "use: with the investigator's determinations that the alert was correct and "
                            + "standard of care, the clinician rejected it -> clinician; design: in scope and the AI was right -> "
                            + "not the manufacturer.");
        }
    }

    private int adultAge(boolean psychiatric) {
        double u = rnd.nextDouble();
        if (psychiatric) {
            return u < 0.22 ? 18 + rnd.nextInt(7) : u < 0.66 ? 25 + rnd.nextInt(20) : u < 0.93 ? 45 + rnd.nextInt(20) : 65 + rnd.nextInt(16);
        }
        return u < 0.16 ? 18 + rnd.nextInt(7) : u < 0.52 ? 25 + rnd.nextInt(20) : u < 0.83 ? 45 + rnd.nextInt(20) : 65 + rnd.nextInt(31);
    }

    /** A new patient, or now and then one seen recently (ED return visits). */
    private Patient patient(Site site, List<Patient> recent, int age, String setting, String indication) {
        if (recent != null && recent.size() > 50 && chance(0.06)) {
            return recent.get(rnd.nextInt(recent.size()));
        }
        double u = rnd.nextDouble();
        String sex = u < 0.51 ? "female" : u < 0.997 ? "male" : "other";
        Patient p = new Patient(w.mrn(site), age, sex, setting, indication, Map.of(), null);
        if (recent != null && age >= 18) {
            if (recent.size() >= 2000) {
                recent.set(rnd.nextInt(recent.size()), p);
            } else {
                recent.add(p);
            }
        }
        return p;
    }

    private Visit draw(Site site, String unit, Patient p, int day) {
        Visit v = new Visit();
        v.patient = p;
        boolean psych = "koeln-psych".equals(unit);
        double risk = (psych ? 0.05 : p.age() < 18 ? 0.02 : 0.008) * ("female".equals(p.sex()) ? 1.2 : 1)
                * (p.age() >= 18 && p.age() < 25 ? 1.3 : 1);
        v.attempt = chance(risk);
        v.completeness = Json.round(Stats.clamp(chance(0.1) ? 0.74 + 0.07 * rnd.nextGaussian() : 0.9 + 0.05 * rnd.nextGaussian(), 0.3, 1), 2);
        v.aiPositive = v.attempt ? chance(SuicideRiskCard.sensitivity(p, psych)) : !chance(SuicideRiskCard.specificity(p, psych));
        double u = rnd.nextDouble();
        v.score = Json.round(v.aiPositive ? THRESHOLD + (0.7 - THRESHOLD) * (v.attempt ? Math.sqrt(u) : u * u)
                : THRESHOLD * (v.attempt ? Math.sqrt(u) : u * u), 3);
        v.score = v.aiPositive ? Math.max(v.score, THRESHOLD) : Math.min(v.score, THRESHOLD - 0.001);
        v.clinician = w.onDuty(unit);
        if (v.aiPositive) {
            double override = 0.30 + ("koeln-ed".equals(unit) ? 0.35 * Stats.clamp((day - FATIGUE_DAY) / 30.0, 0, 1) : 0);
            if (v.attempt) {
                override *= 0.6;
            }
            double a = rnd.nextDouble();
            v.action = a < 0.10 ? "ignored" : a < 0.10 + override ? "overridden" : "accepted";
        } else {
            v.action = chance(0.25) ? "viewed" : null;
        }
        return v;
    }

    private Case write(Site site, String unit, Instant t, Visit v) {
        Case c = w.newCase(site, unit, Catalogue.SRS, VERSION, t);
        c.patient = v.patient;
        c.clinician = v.clinician;
        c.belowQuality = v.completeness < COMPLETENESS_MIN;
        c.flagged = c.belowQuality;
        List<String> fields = v.completeness < 0.8 ? FIELDS.subList(0, 4) : FIELDS;
        c.input = input(c, "ehr-structured", Map.of("completeness", v.completeness), fields);
        c.output = c.flagged
                ? Json.obj("kind", "score", "flagged", true, "flagReason", "insufficient EHR history: completeness "
                + v.completeness + " below " + COMPLETENESS_MIN + "; score withheld")
                : Json.obj("kind", "score", "score", v.score, "label", v.aiPositive ? "elevated-risk" : "not-elevated");
        if (!w.decide(c)) {
            return c;
        }
        Instant acted = t;
        if (c.flagged || v.action == null) {
            acted = t;
        } else if (!v.aiPositive) {
            w.act(c, "viewed", after(t, uniform(300, 4 * 3600)), null, null);
        } else {
            Instant viewed = after(t, uniform(120, 90 * 60));
            w.act(c, "viewed", viewed, null, null);
            acted = after(viewed, Math.max(4, Stats.logNormal(rnd, 22, 0.5)));
            if ("overridden".equals(v.action) && "koeln-ed".equals(unit) && t.isAfter(w.day(FATIGUE_DAY))) {
                w.planted.decision(Problems.OVERRIDE_RATE_RISING, c.id);
            }
            if (!"ignored".equals(v.action)) {
                w.act(c, v.action, acted, rationale(v), null);
            } else {
                w.act(c, "ignored", acted, null, null);
            }
        }
        outcome(c, v, acted, site);
        return c;
    }

    private String rationale(Visit v) {
        if ("overridden".equals(v.action)) {
            return v.outcomeDelayDays != null ? "Denies suicidal ideation; future-oriented; discharge planned"
                    : Stats.pick(rnd, List.of("Denies suicidal ideation; low clinical concern", "Already assessed by psychiatry today",
                    "Score driven by old diagnoses; not current"));
        }
        return Stats.pick(rnd, List.of("C-SSRS screen completed", "Psychiatric consultation requested", "Safety plan and means counselling"));
    }

    private void outcome(Case c, Visit v, Instant acted, Site site) {
        if (v.attempt) {
            double delay = v.outcomeDelayDays != null ? v.outcomeDelayDays : uniform(1, 30);
            String label = chance(0.7) ? "suicide-attempt" : "intentional-self-harm";
            w.outcome(outcomeId(c), List.of(c.id), afterDays(acted, delay), true, label,
                    v.adverseEvent != null ? v.adverseEvent : label.replace('-', ' '), "ehr-encounter", null);
        } else if (chance(site == w.org.lakeshore ? 0.85 : 0.90)) {
            w.outcome(outcomeId(c), List.of(c.id), afterDays(c.time, uniform(30, 31)), false, "no-attempt-within-30-days", null,
                    "ehr-follow-up", null);
        }
    }
}
