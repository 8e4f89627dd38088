package org.onus.demo;

import static org.onus.demo.ScribeCard.ASR_MIN;
import static org.onus.demo.ScribeCard.SNR_MIN;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.onus.demo.Organisation.Clinician;
import org.onus.demo.Organisation.Site;

/**
 * ScribeWell Ambient drafts notes on the Köln medical ward, in the Lakeshore ED and primary-care
 * clinic, and (unauthorized) for three days on the Köln ICU. For four days its vendor ships an
 * unregistered version, with three times the error rate. Lakeshore ED physicians sign drafts
 * unedited within seconds of opening them.
 */
final class Scribe extends Product {

    static final String VERSION = "4.1.0";
    static final int SILENT_FROM_DAY = 52;
    static final int SILENT_TO_DAY = 56;
    static final int ICU_FROM_DAY = 64;
    static final int ICU_TO_DAY = 66;

    /** Scripted adjustments of one note; null fields are drawn at random. */
    static final class Script {
        Boolean error;
        String action;
        Double viewSeconds;
        Double signSeconds;
        Double editedShare;
        Double outcomeDelayDays;
        String adverseEvent;
        String narrative;
        String text;
        Boolean silent;
    }

    Scribe(World w) {
        super(w);
    }

    @Override
    void day(int day) {
        Site k = w.org.koeln;
        Site l = w.org.lakeshore;
        boolean weekend = w.weekend(day);
        for (int i = w.volume(weekend ? 25 : 60); i > 0; i--) {
            Patient p = patient(k, 40 + rnd.nextInt(56), "inpatient", "ward-round", "de");
            note(k, "koeln-medicine", p, w.local(k, day, weekend ? uniform(9, 13) : uniform(8, 16)), w.onDuty("koeln-medicine"), null);
        }
        if (day >= ICU_FROM_DAY && day <= ICU_TO_DAY) {
            for (int i = Math.max(3, w.volume(14)); i > 0; i--) {
                Patient p = patient(k, 30 + rnd.nextInt(60), "icu", "icu-round", "de");
                note(k, "koeln-icu", p, w.local(k, day, uniform(8, 18)), w.org.clinician("clin-koeln-icu-01"), null);
            }
        }
        if (!weekend) {
            for (int i = w.volume(115); i > 0; i--) {
                Patient p = patient(l, chance(0.15) ? rnd.nextInt(18) : 18 + rnd.nextInt(73), "outpatient", "primary-care-visit",
                        chance(0.08) ? "es" : "en");
                note(l, "lakeshore-primary-care", p, w.local(l, day, uniform(8, 17)), w.onDuty("lakeshore-primary-care"), null);
            }
        }
        scripted(day, k, l);
    }

    private void scripted(int day, Site k, Site l) {
        if (day == 47) {
            Patient p = new Patient(w.mrn(l), 67, "male", "emergency", "emergency-visit", Map.of(), null);
            Script s = new Script();
            s.error = true;
            s.action = "accepted";
            s.viewSeconds = 6.0;
            s.signSeconds = 4.0;
            s.outcomeDelayDays = 2.0;
            s.text = "ED note. 67-year-old male presenting with palpitations. HPI: intermittent for two days, no syncope. Exam: "
                    + "irregular pulse 96, BP 142/88, lungs clear. Assessment and plan: paroxysmal atrial fibrillation, rate control, "
                    + "cardiology follow-up. Medications: metoprolol succinate 100 mg daily, apixaban 5 mg twice daily.";
            s.narrative = "Draft listed metoprolol succinate 100 mg daily; the patient takes 25 mg. Signed unedited; the dose was "
                    + "carried into the discharge medication list.";
            s.adverseEvent = "bradycardia and hypotension after the wrong metoprolol dose was continued at discharge";
            Case c = note(l, "lakeshore-ed", p, w.local(l, day, 22.08), w.org.clinician("clin-lakeshore-ed-03"), s);
            w.planted.incident("scribe-wrong-dose-signed-unreviewed", l.id(), p.mrn(), c.time,
                    "An AI-drafted ED note listed metoprolol 100 mg instead of 25 mg; the physician signed it unedited 4 seconds "
                            + "after opening it; the patient presented two days later with bradycardia and hypotension.",
                    List.of(c.id), outcomeId(c), "use: accepted faster than the authorization's 30-second minimum review -> "
                            + "clinician (review skipped); design: one error while the deployment's observed error rate stays "
                            + "within the card's claim -> not the manufacturer; dose errors are a documented limitation.");
        }
        if (day == 53) {
            Patient p = new Patient(w.mrn(k), 72, "female", "inpatient", "ward-round", Map.of("encounterLanguage", "de"), null);
            Script s = new Script();
            s.error = true;
            s.silent = true;
            s.action = "modified";
            s.editedShare = 0.12;
            s.outcomeDelayDays = 5.0;
            s.narrative = "Draft documented 'keine bekannten Allergien' although the patient reported a penicillin allergy; "
                    + "caught by the pharmacist before the first dose of piperacillin.";
            s.adverseEvent = "near miss: penicillin allergy omitted, antibiotic order intercepted by pharmacy";
            Case c = note(k, "koeln-medicine", p, w.local(k, day, 10.67), w.org.clinician("clin-koeln-med-02"), s);
            w.planted.incident("scribe-silent-update-near-miss", k.id(), p.mrn(), c.time,
                    "A ward-round note drafted by an unregistered scribe version omitted a penicillin allergy; pharmacy "
                            + "intercepted the antibiotic order.",
                    List.of(c.id), outcomeId(c), "design: the reported artifact digest is not a registered version -> "
                            + "manufacturer (silent update); deployment: the version was not authorized at the site.");
        }
    }

    private Patient patient(Site site, int age, String setting, String indication, String language) {
        String sex = chance(0.5) ? "female" : "male";
        return new Patient(w.mrn(site), age, sex, setting, indication, Map.of("encounterLanguage", language), null);
    }

    /** Drafts a note for an encounter that ended at {@code t}; the patient's language decides the subgroup. */
    Case note(Site site, String unit, Patient patient, Instant t, Clinician clinician, Script s) {
        s = s == null ? new Script() : s;
        boolean silent = s.silent != null ? s.silent
                : !t.isBefore(w.day(SILENT_FROM_DAY)) && t.isBefore(w.day(SILENT_TO_DAY));
        String language = patient.attributes().containsKey("encounterLanguage") ? patient.attribute("encounterLanguage")
                : site == w.org.koeln ? "de" : chance(0.06) ? "es" : "en";
        Patient p = patient.attributes().containsKey("encounterLanguage") ? patient
                : new Patient(patient.mrn(), patient.age(), patient.sex(), patient.careSetting(), patient.indication(),
                Map.of("encounterLanguage", language), patient.exclusions());
        Case c = w.newCase(site, unit, Catalogue.SCRIBE, silent ? Catalogue.SILENT_SCRIBE_VERSION : VERSION, t);
        c.patient = p;
        c.clinician = clinician;
        double snr = Json.round(("icu".equals(p.careSetting()) ? 14 : 22) + 4 * rnd.nextGaussian(), 1);
        double asr = Json.round(Stats.clamp(("es".equals(language) ? 0.84 : 0.91) + 0.04 * rnd.nextGaussian(), 0.3, 0.99), 3);
        if (s.text != null) {
            snr = 23.5;
            asr = 0.93;
        }
        c.belowQuality = snr < SNR_MIN || asr < ASR_MIN;
        c.flagged = c.belowQuality;
        c.input = input(c, "ambient-audio", Map.of("audioSnrDb", snr, "asrConfidence", asr), List.of("audio", "encounter-language"));
        boolean error = s.error != null ? s.error : chance(ScribeCard.errorRate(language, p.careSetting(), silent));
        String text = s.text != null ? s.text : NoteText.draft(rnd, language, p, p.careSetting());
        c.output = c.flagged ? Json.obj("kind", "generated-text", "flagged", true, "flagReason",
                "audio quality insufficient (SNR " + snr + " dB, ASR confidence " + asr + "); no draft produced")
                : Json.obj("kind", "generated-text", "text", text);
        if (!w.decide(c)) {
            return c;
        }
        if ("es".equals(language)) {
            w.planted.decision(Problems.UNVALIDATED_SUBGROUP, c.id);
        }
        boolean fast = "lakeshore-ed".equals(unit);
        Instant viewed = after(t, s.viewSeconds != null ? s.viewSeconds : fast ? uniform(2, 15) : uniform(300, 3 * 3600));
        w.act(c, "viewed", viewed, null, null);
        if (c.flagged) {
            return c;
        }
        Instant signed = after(viewed, s.signSeconds != null ? s.signSeconds
                : fast ? uniform(2, 9) : Math.max(35, Stats.logNormal(rnd, 150, 0.6)));
        String action = s.action;
        if (action == null) {
            double a = rnd.nextDouble();
            action = fast ? (a < 0.88 ? "accepted" : "modified") : a < 0.60 ? "modified" : a < 0.97 ? "accepted" : "overridden";
        }
        Double edited = switch (action) {
            case "accepted" -> 0.0;
            case "modified" -> s.editedShare != null ? s.editedShare : Json.round(fast ? uniform(0.01, 0.05) : uniform(0.03, 0.35), 2);
            default -> null;
        };
        w.act(c, action, signed, "overridden".equals(action) ? "Draft discarded: speakers confused; note written manually" : null, edited);
        if (s.outcomeDelayDays != null || chance(0.6)) {
            Instant audited = afterDays(signed, s.outcomeDelayDays != null ? s.outcomeDelayDays : uniform(3, 21));
            w.outcome(outcomeId(c), List.of(c.id), audited, error, error ? "significant-error" : "no-significant-error",
                    s.adverseEvent, "documentation-audit", error ? (s.narrative != null ? s.narrative : Stats.pick(rnd, NoteText.ERRORS)) : null);
        }
        return c;
    }
}
