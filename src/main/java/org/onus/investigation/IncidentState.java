package org.onus.investigation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An incident as it stands now: the filing with every later piece of information applied in
 * ledger order, the determinations recorded, and the closure if any. The patient is its
 * pseudonym; the narratives are the digests of their sealed texts.
 */
public record IncidentState(String id, Recorded<Incident> filing, Severity severity, Incident.Facts facts, List<String> decisions,
                            List<Recorded<Information>> information, List<Recorded<Determination>> determinations,
                            Recorded<Closure> closure) {

    public IncidentState {
        decisions = List.copyOf(decisions);
        information = List.copyOf(information);
        determinations = List.copyOf(determinations);
    }

    public Incident incident() {
        return filing.value();
    }

    public String patient() {
        return filing.value().patient();
    }

    public Instant occurredAt() {
        return filing.value().occurredAt();
    }

    public Instant awareAt() {
        return filing.value().awareAt();
    }

    public boolean closed() {
        return closure != null;
    }

    /** The latest determination of {@code kind}, for {@code decision} (null: about the incident as a whole). */
    public Optional<Recorded<Determination>> determination(String kind, String decision) {
        Recorded<Determination> latest = null;
        for (Recorded<Determination> d : determinations) {
            if (d.value().kind().equals(kind) && (decision == null ? d.value().decision() == null : decision.equals(d.value().decision()))) {
                latest = d;
            }
        }
        return Optional.ofNullable(latest);
    }

    /** The latest determination of {@code kind} for the decision, or failing that for the incident as a whole. */
    public Optional<Recorded<Determination>> determinationFor(String kind, String decision) {
        Optional<Recorded<Determination>> d = determination(kind, decision);
        return d.isPresent() ? d : determination(kind, null);
    }

    /** Every ledger index of the incident's own entries. */
    public List<Long> indexes() {
        List<Long> out = new ArrayList<>();
        out.add(filing.index());
        information.forEach(i -> out.add(i.index()));
        determinations.forEach(d -> out.add(d.index()));
        if (closure != null) {
            out.add(closure.index());
        }
        return out;
    }

    /** The state with one more piece of information applied. */
    IncidentState withInformation(Recorded<Information> info) {
        Information i = info.value();
        Incident.Facts f = new Incident.Facts(
                i.death() != null ? i.death() : facts.death(),
                i.seriousInjury() != null ? i.seriousInjury() : facts.seriousInjury(),
                i.publicHealthThreat() != null ? i.publicHealthThreat() : facts.publicHealthThreat(),
                i.fundamentalRightsInfringement() != null ? i.fundamentalRightsInfringement() : facts.fundamentalRightsInfringement(),
                i.remedialAction() != null ? i.remedialAction() : facts.remedialAction(),
                i.unanticipatedDeterioration() != null ? i.unanticipatedDeterioration() : facts.unanticipatedDeterioration());
        List<String> ds = new ArrayList<>(decisions);
        i.decisions().stream().filter(d -> !ds.contains(d)).forEach(ds::add);
        List<Recorded<Information>> infos = new ArrayList<>(information);
        infos.add(info);
        return new IncidentState(id, filing, i.severity() != null ? i.severity() : severity, f, ds, infos, determinations, closure);
    }

    IncidentState withDetermination(Recorded<Determination> d) {
        List<Recorded<Determination>> ds = new ArrayList<>(determinations);
        ds.add(d);
        return new IncidentState(id, filing, severity, facts, decisions, information, ds, closure);
    }

    IncidentState closedBy(Recorded<Closure> c) {
        return new IncidentState(id, filing, severity, facts, decisions, information, determinations, c);
    }
}
