package org.onus.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.onus.demo.Organisation.Clinician;
import org.onus.demo.Organisation.Site;

/**
 * Robot-assisted procedures in both operating suites. Each procedure yields a stream of device
 * events (assisted motions, mode changes, alarms, faults), the surgeon's console actions on them,
 * and one 30-day outcome for the whole procedure. From day 20 an instrument lot with weak
 * insulation circulates (fault E-402) until each site applies the field safety notice; Lakeshore
 * applies it late.
 */
final class SurgicalRobot extends Product {

    static final String VERSION = "5.4.1";
    static final int BAD_LOT_DAY = 20;

    private record Event(double minute, String kind, String code, String description) {
    }

    /** Scripted adjustments of one procedure; null fields are drawn at random. */
    static final class Script {
        String procedure;
        Patient patient;
        Clinician surgeon;
        List<String> faults = List.of();
        String adverseEvent;
        Double outcomeDelayDays;
    }

    SurgicalRobot(World w) {
        super(w);
    }

    @Override
    void day(int day) {
        if (w.weekend(day)) {
            return;
        }
        Site k = w.org.koeln;
        Site l = w.org.lakeshore;
        int n = w.volume(3.2);
        for (int i = 0; i < n; i++) {
            procedure(k, "koeln-or", w.local(k, day, 7.5 + 3.3 * (i % 3) + uniform(0, 0.5) + (i / 3) * 0.25), null);
        }
        n = w.volume(4.2);
        for (int i = 0; i < n; i++) {
            procedure(l, "lakeshore-or", w.local(l, day, 7.5 + 3.3 * (i % 3) + uniform(0, 0.5) + (i / 3) * 0.25), null);
        }
        if (day == weekdayFrom(63)) {
            Script s = new Script();
            s.procedure = "prostatectomy";
            s.patient = new Patient(w.mrn(l), 61, "male", "operating-room", "robot-assisted radical prostatectomy",
                    Map.of("procedure", "prostatectomy"), null);
            s.surgeon = w.org.clinician("clin-lakeshore-surg-01");
            s.faults = List.of("E-402");
            s.adverseEvent = "rectal thermal injury from instrument insulation failure, requiring a diverting colostomy";
            s.outcomeDelayDays = 3.0;
            Procedure p = procedure(l, "lakeshore-or", w.local(l, day, 13.2), s);
            w.planted.incident("robot-thermal-injury-notice-late", l.id(), s.patient.mrn(), p.faultAt,
                    "During a robot-assisted prostatectomy the console reported E-402 (insulation arcing) on the monopolar "
                            + "scissors; three days later a rectal thermal injury required a diverting colostomy. The instrument "
                            + "came from a lot named in the manufacturer's field safety notice, which Lakeshore had received on "
                            + "day 39 (apply by day 52) and applied only on day 74.",
                    p.decisionsFaultFirst(), p.outcome, "design: the device malfunctioned while used as authorized -> "
                            + "manufacturer (failed to perform as designed); monitoring: the notice reached the deployer before "
                            + "the event and was not applied in time -> deployer too; deployment: the authorization lacks the "
                            + "card's proctoring precaution -> deployer.");
        }
        if (day == weekdayFrom(70)) {
            Script s = new Script();
            s.procedure = "hysterectomy";
            s.patient = new Patient(w.mrn(l), 52, "female", "operating-room", "robot-assisted hysterectomy",
                    Map.of("procedure", "hysterectomy", "bmi", "47"), null);
            s.surgeon = w.org.clinician("clin-lakeshore-surg-03");
            s.faults = List.of("E-217");
            s.adverseEvent = "conversion to open surgery after an arm stopped on a joint torque limit; prolonged anaesthesia, transfusion";
            s.outcomeDelayDays = 1.0;
            Procedure p = procedure(l, "lakeshore-or", w.local(l, day, 8.1), s);
            w.planted.incident("robot-conversion-untrained-surgeon", l.id(), s.patient.mrn(), p.faultAt,
                    "A robot-assisted hysterectomy in a patient with BMI 47 was converted to open surgery after fault E-217; "
                            + "the surgeon's console certification had expired on day 35.",
                    p.decisionsFaultFirst(), p.outcome, "use: the acting clinician lacked the training the authorization "
                            + "requires -> deployer and clinician; design: E-217 at BMI above 45 is a documented limitation -> not "
                            + "the manufacturer for that mode; deployment: case selection (BMI) ignored.");
        }
    }

    /** What one procedure wrote, for scripted incidents to cite. */
    static final class Procedure {
        final List<String> decisions = new ArrayList<>();
        String faultDecision;
        Instant faultAt;
        String outcome;

        List<String> decisionsFaultFirst() {
            List<String> out = new ArrayList<>();
            if (faultDecision != null) {
                out.add(faultDecision);
            }
            decisions.stream().filter(d -> !d.equals(faultDecision)).forEach(out::add);
            return out;
        }
    }

    private Procedure procedure(Site site, String unit, Instant start, Script s) {
        s = s == null ? new Script() : s;
        boolean lakeshore = site == w.org.lakeshore;
        String type = s.procedure != null ? s.procedure : pickProcedure(lakeshore);
        Patient patient = s.patient != null ? s.patient : patient(site, type);
        Clinician surgeon = s.surgeon != null ? s.surgeon
                : lakeshore && chance(0.25) ? w.org.clinician("clin-lakeshore-surg-03") : w.onDuty(unit);
        double minutes = uniform(100, 240);
        List<Event> events = new ArrayList<>();
        events.add(new Event(12, "mode-change", "MC-DOCK", "Patient-side cart docked; instruments inserted"));
        for (int i = Stats.poisson(rnd, 16); i > 0; i--) {
            events.add(motion(uniform(15, minutes - 15)));
        }
        for (int i = Stats.poisson(rnd, 4); i > 0; i--) {
            events.add(new Event(uniform(20, minutes - 20), "mode-change", "MC-ENERGY", "Monopolar energy enabled on arm 3"));
        }
        events.add(new Event(uniform(15, 40), "mode-change", "MC-CAMERA", "Camera control mode"));
        if (chance(0.1)) {
            events.add(new Event(uniform(20, minutes - 10), "alarm", "A-031", "Instrument life low on arm 3"));
        }
        List<String> faults = new ArrayList<>(s.faults);
        if (s.procedure == null) {
            Instant mid = start.plusSeconds((long) (minutes * 30));
            boolean badLot = !mid.isBefore(w.day(BAD_LOT_DAY)) && !w.gov.fsnApplied(site, mid);
            if (chance(badLot ? (lakeshore ? 0.08 : 0.05) : 0.004)) {
                faults.add("E-402");
            }
            if (chance(0.03)) {
                faults.add("E-217");
            }
            if (chance(0.01)) {
                faults.add("E-118");
            }
        }
        for (String f : faults) {
            events.add(new Event(uniform(40, minutes - 30), "fault", f, switch (f) {
                case "E-402" -> "Insulation arcing detected on monopolar curved scissors (arm 3); energy disabled";
                case "E-217" -> "Joint torque limit reached on arm 2; arm motion stopped";
                default -> "Vision system latency above limit; motion scaling paused";
            }));
        }
        events.add(new Event(minutes - 5, "mode-change", "MC-UNDOCK", "Instruments removed; cart undocked"));
        events.sort((a, b) -> Double.compare(a.minute(), b.minute()));
        Procedure proc = new Procedure();
        for (Event e : events) {
            Case c = event(site, unit, start.plusSeconds(Math.round(e.minute() * 60)), patient, surgeon, e);
            if (c == null) {
                continue;
            }
            proc.decisions.add(c.id);
            if ("fault".equals(e.kind()) && proc.faultDecision == null) {
                proc.faultDecision = c.id;
                proc.faultAt = c.time;
            }
        }
        if (proc.decisions.isEmpty()) {
            return proc;
        }
        boolean insulation = faults.contains("E-402");
        String adverse = s.adverseEvent;
        if (adverse == null && insulation && chance(0.35)) {
            adverse = "thermal injury to adjacent tissue from instrument insulation failure";
        } else if (adverse == null && faults.contains("E-217") && chance(0.2)) {
            adverse = "conversion to open surgery after an arm stopped on a joint torque limit";
        } else if (adverse == null && chance(0.06)) {
            adverse = Stats.pick(rnd, List.of("postoperative ileus", "urinary leak at the anastomosis", "port-site hernia",
                    "bleeding requiring transfusion"));
        }
        Instant end = start.plusSeconds(Math.round(minutes * 60));
        String id = "out-" + w.nextProcedureId();
        proc.outcome = w.outcome(id, proc.decisions, afterDays(end, s.outcomeDelayDays != null ? s.outcomeDelayDays : uniform(2, 30)),
                null, adverse != null ? "complication" : "no-complication", adverse, "30-day-surgical-follow-up", null);
        return proc;
    }

    private Event motion(double minute) {
        return switch (rnd.nextInt(4)) {
            case 0 -> new Event(minute, "assisted-motion", "AM-SCALE", "Motion scaling 3:1 applied to fine dissection");
            case 1 -> new Event(minute, "assisted-motion", "AM-TREMOR", "Tremor filtration engaged");
            case 2 -> new Event(minute, "assisted-motion", "AM-ARM-REPOSITION", "Instrument arm repositioned to avoid collision");
            default -> new Event(minute, "assisted-motion", "AM-CAMERA-FOLLOW", "Camera follows the active instrument");
        };
    }

    private String pickProcedure(boolean lakeshore) {
        double u = rnd.nextDouble();
        return u < (lakeshore ? 0.30 : 0.40) ? "prostatectomy" : u < (lakeshore ? 0.55 : 0.70) ? "hysterectomy" : "general";
    }

    private Patient patient(Site site, String type) {
        Map<String, String> attrs = new TreeMap<>();
        attrs.put("procedure", type);
        return switch (type) {
            case "prostatectomy" -> new Patient(w.mrn(site), 50 + rnd.nextInt(26), "male", "operating-room",
                    "robot-assisted radical prostatectomy", attrs, null);
            case "hysterectomy" -> new Patient(w.mrn(site), 35 + rnd.nextInt(36), "female", "operating-room",
                    "robot-assisted hysterectomy", attrs, null);
            default -> new Patient(w.mrn(site), 25 + rnd.nextInt(61), chance(0.5) ? "female" : "male", "operating-room",
                    Stats.pick(rnd, List.of("robot-assisted cholecystectomy", "robot-assisted inguinal hernia repair",
                            "robot-assisted partial nephrectomy", "robot-assisted sigmoid resection")), attrs, null);
        };
    }

    private Case event(Site site, String unit, Instant t, Patient patient, Clinician surgeon, Event e) {
        if (!w.inWindow(t)) {
            return null;
        }
        Case c = w.newCase(site, unit, Catalogue.ROBOT, VERSION, t);
        c.patient = patient;
        c.clinician = surgeon;
        double latency = Json.round(Stats.clamp(45 + 8 * rnd.nextGaussian(), 20, 110), 0);
        c.input = input(c, "robot-telemetry", Map.of("videoLatencyMs", latency, "kinematicSyncLoss", 0.001),
                List.of("kinematics", "endoscope-video"));
        c.output = Json.obj("kind", "device-action", "deviceAction", Json.obj("kind", e.kind(), "code", e.code(),
                "description", e.description()));
        if (!w.decide(c)) {
            return null;
        }
        if ("E-402".equals(e.code()) && site == w.org.lakeshore
                && t.isAfter(w.day(Governance.FSN_APPLY_BY_DAY + 1)) && !w.gov.fsnApplied(site, t)) {
            w.planted.decision(Problems.NOTICE_APPLIED_LATE, c.id);
        }
        switch (e.kind()) {
            case "assisted-motion" -> {
                double a = rnd.nextDouble();
                String kind = a < 0.94 ? "accepted" : a < 0.99 ? "overridden" : "modified";
                w.act(c, kind, after(t, uniform(1, 3)), switch (kind) {
                    case "overridden" -> "Manual takeover";
                    case "modified" -> "Motion scaling changed to 2:1";
                    default -> null;
                }, null);
            }
            case "alarm" -> w.act(c, "viewed", after(t, uniform(1, 4)), null, null);
            case "fault" -> {
                Instant viewed = after(t, uniform(1, 4));
                w.act(c, "viewed", viewed, null, null);
                boolean exchange = "E-402".equals(e.code()) || chance(0.5);
                w.act(c, exchange ? "overridden" : "accepted", after(viewed, uniform(10, 90)),
                        exchange ? "Instrument exchanged; continued manually" : "Fault acknowledged; arm recovered", null);
            }
            default -> {
            }
        }
        return c;
    }
}
