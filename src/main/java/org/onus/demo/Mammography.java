package org.onus.demo;

import static org.onus.demo.MammographyCard.POSITIONING_MIN;
import static org.onus.demo.MammographyCard.SNR_MIN;
import static org.onus.demo.MammographyCard.THRESHOLD;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.onus.demo.Organisation.Clinician;
import org.onus.demo.Organisation.Site;

/**
 * Screening mammography read with LuminaMammo Detect at both sites. Köln runs 3.1.0 until the
 * amendment lets it move to 3.2.0 (and adds the Mammobil); Lakeshore runs 3.2.0 throughout, and
 * from day 60 its detectors' new firmware lowers image SNR, and with it the model's sensitivity.
 */
final class Mammography extends Product {

    static final int DRIFT_DAY = 60;
    static final int UPGRADE_DAY = 30;
    private static final List<String> VIEWS = List.of("view-lcc", "view-lmlo", "view-rcc", "view-rmlo", "age");

    /** One examination, drawn at random and then, for scripted cases, adjusted. */
    static final class Exam {
        int age;
        String density;
        boolean implants;
        boolean cancer;
        double positioning;
        double snr;
        boolean flagged;
        boolean aiPositive;
        double score;
        Clinician reader;
        String action;
        double reviewSeconds;
        Double outcomeDelayDays;
    }

    Mammography(World w) {
        super(w);
    }

    @Override
    void day(int day) {
        Site k = w.org.koeln;
        Site l = w.org.lakeshore;
        String kv = day < UPGRADE_DAY ? "3.1.0" : "3.2.0";
        if (!w.weekend(day)) {
            for (int i = w.volume(235); i > 0; i--) {
                write(k, "koeln-screening", kv, w.local(k, day, uniform(8, 17.5)), draw(k, day, kv));
            }
            if (day >= UPGRADE_DAY) {
                for (int i = w.volume(70); i > 0; i--) {
                    write(k, "koeln-mammobil", kv, w.local(k, day, uniform(9, 16)), draw(k, day, kv));
                }
            }
            for (int i = w.volume(300); i > 0; i--) {
                write(l, "lakeshore-breast-imaging", "3.2.0", w.local(l, day, uniform(7.5, 18.5)), draw(l, day, "3.2.0"));
            }
        } else if (w.weekday(day) == java.time.DayOfWeek.SATURDAY) {
            for (int i = w.volume(90); i > 0; i--) {
                write(l, "lakeshore-breast-imaging", "3.2.0", w.local(l, day, uniform(8, 13)), draw(l, day, "3.2.0"));
            }
        }
        scripted(day, k, l, kv);
    }

    private void scripted(int day, Site k, Site l, String kv) {
        if (day >= UPGRADE_DAY && Set.of(33, 47, 61, 75, 82).stream().anyMatch(d -> weekdayFrom(d) == day)) {
            Exam e = draw(k, day, kv);
            e.positioning = Json.round(uniform(0.40, 0.55), 2);
            e.flagged = false;
            write(k, "koeln-screening", kv, w.local(k, day, 10.5), e);
        }
        if (day == weekdayFrom(25)) {
            Exam e = draw(k, day, kv);
            clean(e);
            e.age = 61;
            e.implants = true;
            e.density = "b";
            e.cancer = true;
            e.aiPositive = false;
            e.score = 0.12;
            e.action = "accepted";
            e.reader = w.org.clinician("clin-koeln-rad-01");
            e.outcomeDelayDays = 9.0;
            Case c = write(k, "koeln-screening", kv, w.local(k, day, 11.25), e);
            w.planted.incident("mammo-implants-known-limitation", k.id(), c.patient.mrn(), c.time,
                    "A 61-year-old with breast implants was read with AI although the card excludes implants; the AI scored "
                            + "the exam not suspicious and the reader agreed; a carcinoma was found at second reading 9 days later.",
                    List.of(c.id), outcomeId(c), "use: patient outside the authorization and the card (implants) and the reader "
                            + "used the AI anyway -> clinician; deployer if nothing enforced the exclusion. design: the failure mode "
                            + "is the documented limitation breast-implants -> not the manufacturer.");
        }
        if (day == weekdayFrom(72)) {
            Exam e = draw(l, day, "3.2.0");
            clean(e);
            e.age = 58;
            e.density = "c";
            e.implants = false;
            e.cancer = true;
            e.aiPositive = false;
            e.score = 0.19;
            e.action = "accepted";
            e.reviewSeconds = 38;
            e.reader = w.org.clinician("clin-lakeshore-rad-03");
            e.outcomeDelayDays = 13.0;
            Case c = write(l, "lakeshore-breast-imaging", "3.2.0", w.local(l, day, 11.33), e);
            w.planted.incident("mammo-missed-cancer-drift", l.id(), c.patient.mrn(), c.time,
                    "Screening mammogram scored 0.19 (not suspicious) by lumina-mammo 3.2.0 and accepted by the reader; the "
                            + "patient returned 13 days later with a palpable lump: node-positive invasive carcinoma.",
                    List.of(c.id), outcomeId(c), "design: in scope, the AI erred and Lakeshore's observed sensitivity since "
                            + "day 60 is below the card's claim -> manufacturer (failed to perform as designed); monitoring: the "
                            + "limitation notice came after the event; use: the reader followed a standard-of-care tool -> not "
                            + "the clinician (needs the determinations).");
        }
    }

    /** A scripted exam's images are of good quality, so nothing but the script decides its story. */
    private static void clean(Exam e) {
        e.positioning = 0.88;
        e.snr = 40.2;
        e.flagged = false;
    }

    private Exam draw(Site site, int day, String version) {
        Exam e = new Exam();
        boolean lakeshore = site == w.org.lakeshore;
        if (lakeshore && chance(0.012)) {
            e.age = 32 + rnd.nextInt(8);
        } else if (lakeshore) {
            double u = rnd.nextDouble();
            e.age = u < 0.22 ? 40 + rnd.nextInt(10) : u < 0.51 ? 50 + rnd.nextInt(10) : u < 0.79 ? 60 + rnd.nextInt(10) : 70 + rnd.nextInt(10);
        } else {
            e.age = 50 + rnd.nextInt(26);
        }
        double u = rnd.nextDouble() + (e.age < 50 ? 0.15 : e.age >= 65 ? -0.1 : 0);
        e.density = u < 0.10 ? "a" : u < 0.50 ? "b" : u < 0.90 ? "c" : "d";
        e.implants = chance(0.005);
        double prevalence = e.age < 40 ? 0.003 : e.age < 50 ? 0.0035 : e.age < 60 ? 0.0055 : e.age < 70 ? 0.0075 : 0.0085;
        e.cancer = chance(prevalence);
        e.positioning = chance(0.008) ? uniform(0.35, POSITIONING_MIN - 0.01) : Stats.clamp(0.86 + 0.06 * rnd.nextGaussian(), 0.6, 0.99);
        e.positioning = Json.round(e.positioning, 2);
        boolean drift = lakeshore && day >= DRIFT_DAY;
        e.snr = chance(0.003) ? uniform(20, SNR_MIN - 0.5)
                : drift ? 34.5 + 2.5 * rnd.nextGaussian() : MammographyCard.SNR_MEAN + MammographyCard.SNR_SD * rnd.nextGaussian();
        e.snr = Json.round(Math.max(e.snr, e.snr < SNR_MIN ? 15 : SNR_MIN), 1);
        e.flagged = e.positioning < POSITIONING_MIN || e.snr < SNR_MIN;
        double sens = e.implants ? 0.55 : e.age < 40 ? 0.72 : MammographyCard.sensitivity(version, e.density, e.age);
        if (drift) {
            sens *= 0.70;
        }
        double spec = MammographyCard.specificity(e.density) - (drift ? 0.01 : 0);
        e.aiPositive = e.cancer ? chance(sens) : !chance(spec);
        double v = rnd.nextDouble();
        e.score = e.aiPositive ? THRESHOLD + (1 - THRESHOLD) * (e.cancer ? Math.sqrt(v) : v * v)
                : THRESHOLD * (e.cancer ? Math.sqrt(v) : v * v);
        e.score = Math.min(Json.round(e.score, 3), e.aiPositive ? 0.999 : THRESHOLD - 0.001);
        e.reader = w.onDuty(lakeshore ? "lakeshore-breast-imaging" : "koeln-screening");
        double a = rnd.nextDouble();
        if (a < 0.003) {
            e.action = "ignored";
        } else if (e.aiPositive) {
            double accept = e.cancer ? 0.86 : 0.46;
            e.action = a < accept ? "accepted" : a < accept + 0.035 ? "modified" : "overridden";
        } else {
            e.action = a < (e.cancer ? 0.45 : 0.02) ? "overridden" : "accepted";
        }
        e.reviewSeconds = Math.max(6, Stats.logNormal(rnd, 48, 0.5));
        return e;
    }

    private Case write(Site site, String unit, String version, Instant t, Exam e) {
        Case c = w.newCase(site, unit, Catalogue.MAMMO, version, t);
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("breastDensity", e.density);
        c.patient = new Patient(w.mrn(site), e.age, "female", "screening", "screening-mammography", attrs,
                e.implants ? Set.of("breast-implants") : Set.of());
        c.clinician = e.reader;
        c.belowQuality = e.positioning < POSITIONING_MIN || e.snr < SNR_MIN;
        c.flagged = e.flagged;
        c.input = input(c, "MG", Map.of("positioningScore", e.positioning, "snrDb", e.snr), VIEWS);
        if (e.flagged) {
            c.output = Json.obj("kind", "score", "flagged", true, "flagReason", e.positioning < POSITIONING_MIN
                    ? "image quality insufficient: positioningScore " + e.positioning + " below " + POSITIONING_MIN
                    : "image quality insufficient: snrDb " + e.snr + " below " + SNR_MIN);
        } else {
            c.output = Json.obj("kind", "score", "score", e.score, "label", e.aiPositive ? "suspicious" : "not-suspicious");
        }
        if (!w.decide(c)) {
            return c;
        }
        if (site == w.org.lakeshore && t.isAfter(w.day(DRIFT_DAY)) && e.cancer && !e.aiPositive && !e.flagged) {
            w.planted.decision(Problems.SENSITIVITY_DRIFT, c.id);
        }
        Instant viewed = after(t, uniform(15 * 60, 5 * 3600));
        w.act(c, "viewed", viewed, null, null);
        if (e.flagged) {
            return c;
        }
        Instant acted = after(viewed, e.reviewSeconds);
        boolean recall = switch (e.action) {
            case "accepted", "modified" -> e.aiPositive;
            case "overridden" -> !e.aiPositive;
            default -> e.cancer ? chance(0.8) : chance(0.04);
        };
        if (!"ignored".equals(e.action)) {
            w.act(c, e.action, acted, rationale(e), null);
        }
        outcome(c, e, recall, acted);
        return c;
    }

    private String rationale(Exam e) {
        return switch (e.action) {
            case "overridden" -> e.aiPositive
                    ? Stats.pick(rnd, List.of("Benign-appearing calcifications, stable since prior", "Summation artefact, not seen on MLO",
                    "Known post-surgical scar")) : Stats.pick(rnd, List.of("Architectural distortion, recall", "New focal asymmetry "
                    + "compared with prior, recall", "Suspicious grouped microcalcifications, recall"));
            case "modified" -> "Recall, finding relocated to the adjacent quadrant";
            default -> null;
        };
    }

    private void outcome(Case c, Exam e, boolean recall, Instant acted) {
        String id = outcomeId(c);
        List<String> ds = List.of(c.id);
        if (e.cancer && e.outcomeDelayDays != null) {
            w.outcome(id, ds, afterDays(acted, e.outcomeDelayDays), true, "invasive-carcinoma", "delayed cancer diagnosis",
                    "histopathology", "Invasive carcinoma confirmed at biopsy after the screening read was negative");
        } else if (e.cancer && recall) {
            w.outcome(id, ds, afterDays(acted, uniform(6, 20)), true, chance(0.8) ? "invasive-carcinoma" : "ductal-carcinoma-in-situ",
                    null, "histopathology", null);
        } else if (e.cancer && chance(0.7)) {
            w.outcome(id, ds, afterDays(acted, uniform(8, 30)), true, "carcinoma-detected-at-second-reading", null,
                    "second-reading-and-histopathology", null);
        } else if (e.cancer) {
            w.outcome(id, ds, afterDays(acted, uniform(30, 120)), true, "interval-cancer", "delayed cancer diagnosis",
                    "cancer-registry", null);
        } else if (recall) {
            w.outcome(id, ds, afterDays(acted, uniform(6, 20)), false, "benign-workup", null, "diagnostic-workup", null);
        } else if (chance(0.92)) {
            w.outcome(id, ds, afterDays(acted, uniform(7, 21)), false, "negative-at-consensus-review", null,
                    "screening-consensus-review", null);
        }
    }
}
