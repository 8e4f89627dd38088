package org.onus.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import org.onus.demo.Governance.Deployment;
import org.onus.demo.Organisation.Clinician;
import org.onus.demo.Organisation.Site;

/**
 * The simulated world the products act in: the seeded randomness, the calendar, the
 * organisation and its governance, and the queue that puts every generated record in event-time
 * order. Writing a decision or action here also notes which planted problem it carries, by the
 * same reading of card and authorization a rule would make.
 */
final class World {

    private record Pending(Instant at, long seq, DemoRecord record) {
    }

    final Random rnd;
    final Instant start;
    final Instant end;
    final int days;
    final double scale;
    final LocalDate firstDate;
    final Organisation org;
    final Catalogue catalogue;
    final Governance gov;
    final Planted planted = new Planted();
    private final PriorityQueue<Pending> queue = new PriorityQueue<>(
            Comparator.comparing(Pending::at).thenComparingLong(Pending::seq));
    private final Map<String, Integer> nextMrn = new HashMap<>();
    private long seq;
    private long decisions;
    private long procedures;

    World(long seed, Instant start, int days, double scale) {
        this.rnd = new Random(seed);
        this.start = start;
        this.days = days;
        this.end = start.plus(Duration.ofDays(days));
        this.scale = scale;
        this.firstDate = LocalDate.ofInstant(start, ZoneOffset.UTC);
        this.org = new Organisation(start, rnd);
        this.catalogue = new Catalogue(start);
        this.gov = new Governance(start, org);
    }

    // ---- calendar ----

    Instant local(Site site, int day, double hour) {
        long seconds = Math.round(hour * 3600);
        return firstDate.plusDays(day).atStartOfDay(site.zone()).toInstant().plusSeconds(seconds);
    }

    DayOfWeek weekday(int day) {
        return firstDate.plusDays(day).getDayOfWeek();
    }

    boolean weekend(int day) {
        DayOfWeek d = weekday(day);
        return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY;
    }

    /** The earliest instant an event of {@code day} (at any site) can have. */
    Instant earliestOf(int day) {
        return org.sites.stream().map(s -> firstDate.plusDays(day).atStartOfDay(s.zone()).toInstant()).min(Instant::compareTo)
                .orElseThrow();
    }

    Instant day(int d) {
        return start.plus(Duration.ofDays(d));
    }

    boolean inWindow(Instant t) {
        return !t.isBefore(start) && !t.isAfter(end);
    }

    /** How many events a unit has on a day: Poisson around the scaled mean. */
    int volume(double meanAtFullScale) {
        return Stats.poisson(rnd, meanAtFullScale * scale);
    }

    // ---- identities ----

    String nextDecisionId() {
        return "dec-" + Stats.padded(++decisions, 7);
    }

    String nextProcedureId() {
        return "proc-" + Stats.padded(++procedures, 5);
    }

    String mrn(Site site) {
        int n = nextMrn.merge(site.id(), 1, Integer::sum);
        return "MRN-" + Stats.padded(site.mrnBase() + n, 6);
    }

    Clinician onDuty(String unit) {
        return Stats.pick(rnd, org.working(unit));
    }

    // ---- writing ----

    /** Queues a record at its event time; records outside the window are not written (returns false). */
    boolean emit(String kind, Instant at, ObjectNode body) {
        if (!inWindow(at)) {
            return false;
        }
        queue.add(new Pending(at, seq++, new DemoRecord(kind, at, body)));
        planted.count(kind);
        return true;
    }

    /** Queues a record that precedes the window (registry set-up), in call order. */
    void emitInitial(String kind, ObjectNode body) {
        queue.add(new Pending(start.minusSeconds(1), seq++, new DemoRecord(kind, start, body)));
        planted.count(kind);
    }

    boolean hasQueued() {
        return !queue.isEmpty();
    }

    Instant nextQueuedAt() {
        return queue.peek().at();
    }

    DemoRecord poll() {
        return queue.poll().record();
    }

    Case newCase(Site site, String unit, String system, String version, Instant time) {
        Case c = new Case(nextDecisionId(), site, site.unit(unit), system, version, time);
        c.deployment = gov.inForce(system, site.id(), time);
        return c;
    }

    /**
     * Writes the decision and notes what it violates; returns false (and writes nothing) when it
     * falls outside the window, in which case nothing must follow it.
     */
    boolean decide(Case c) {
        if (!inWindow(c.time)) {
            return false;
        }
        c.written = true;
        Deployment d = c.deployment;
        boolean unitAuthorized = d != null && d.units().contains(c.unit.id());
        if (!catalogue.registered(c.system, c.version)) {
            planted.decision(Problems.UNREGISTERED_VERSION, c.id);
        }
        if (!unitAuthorized) {
            planted.decision(Problems.UNAUTHORIZED_UNIT, c.id);
        } else if (!d.population().admits(c.patient)) {
            planted.decision(Problems.OUTSIDE_AUTHORIZATION, c.id);
        } else if (!cardPopulation(c.system).admits(c.patient)) {
            planted.decision(Problems.WIDER_THAN_CARD, c.id);
        }
        if (c.belowQuality && !c.flagged) {
            planted.decision(Problems.QUALITY_UNFLAGGED, c.id);
        }
        emit(DemoRecord.DECISION, c.time, Json.obj("id", c.id, "eventTime", Json.local(c.time, c.site.zone()),
                "site", c.site.id(), "unit", c.unit.id(), "system", c.system, "reportedVersion", c.version,
                "artifactDigest", Catalogue.digest(c.system, c.version), "patient", c.patient.json(), "input", c.input,
                "output", c.output, "shownTo", c.clinician == null ? null : List.of(c.clinician.id())));
        return true;
    }

    static Scope cardPopulation(String system) {
        return switch (system) {
            case Catalogue.MAMMO -> MammographyCard.POPULATION;
            case Catalogue.SRS -> SuicideRiskCard.POPULATION;
            case Catalogue.ROBOT -> RobotCard.POPULATION;
            default -> ScribeCard.POPULATION;
        };
    }

    /** Writes a clinician action on the case; returns its id, or null when it falls after the window. */
    String act(Case c, String kind, Instant t, String rationale, Double editedShare) {
        if (!c.written) {
            return null;
        }
        String id = c.nextActionId();
        if ("viewed".equals(kind)) {
            c.viewedAt = t;
        } else if (c.deployment != null && inWindow(t)) {
            if (!c.clinician.trainedOn(c.system, t)) {
                String code = c.clinician.everTrainedOn(c.system) ? Problems.TRAINING_EXPIRED : Problems.TRAINING_MISSING;
                planted.subject(code, c.clinician.id());
                planted.decision(code, c.id);
            }
            Double min = c.deployment.minReviewSeconds();
            if ("accepted".equals(kind) && min != null && c.viewedAt != null
                    && Duration.between(c.viewedAt, t).toMillis() < min * 1000) {
                planted.decision(Problems.REVIEW_TOO_FAST, c.id);
            }
        }
        boolean written = emit(DemoRecord.ACTION, t, Json.obj("id", id, "decision", c.id, "clinician", c.clinician.id(),
                "kind", kind, "time", Json.local(t, c.site.zone()), "rationale", rationale, "editedShare", editedShare));
        return written ? id : null;
    }

    /** Writes an outcome; returns its id, or null when it would be observed after the window. */
    String outcome(String id, List<String> decisions, Instant at, Boolean positive, String label, String adverseEvent,
                   String source, String narrative) {
        boolean written = emit(DemoRecord.OUTCOME, at, Json.obj("id", id, "decisions", decisions, "observedAt", at,
                "positive", positive, "label", label, "adverseEvent", adverseEvent, "source", source, "narrative", narrative));
        return written ? id : null;
    }
}
