package org.onus.investigation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What a vendor (a manufacturer's token) may see of an incident: only incidents that link a
 * decision of one of its products, and of those only its products' decisions, their timeline
 * and their deployments' alerts; no narrative, rationale or conclusion (free text about the
 * patient and the hospital's own deliberations), the patient only as the pseudonym the ledger
 * holds; the incident's own entries in its evidence bundle only where they name no other
 * product's decision, and never the closure, whose conclusion is free text. The rules then run on that restricted reconstruction, so its findings concern its
 * products only. The restriction is applied to the reconstruction before the rules, never to
 * their answer, so no finding about another manufacturer's product is ever computed for it.
 */
final class VendorView {

    private VendorView() {
    }

    /** The incident restricted to the vendor's products; empty when it links none of their decisions. */
    static Optional<IncidentState> restrict(IncidentState s, Set<String> systems, Function<String, String> systemOf) {
        Set<String> own = new HashSet<>();
        for (String d : s.decisions()) {
            String system = systemOf.apply(d);
            if (system != null && systems.contains(system)) {
                own.add(d);
            }
        }
        if (own.isEmpty()) {
            return Optional.empty();
        }
        Incident i = s.incident();
        Incident filing = new Incident(i.id(), i.kind(), i.occurredAt(), i.awareAt(), i.site(), i.unit(), i.patient(), i.severity(),
                i.medicationEvent(), i.facts(), mine(i.decisions(), own), i.windowHours(), null, i.reporter());
        List<Recorded<Information>> information = new ArrayList<>();
        for (Recorded<Information> r : s.information()) {
            Information x = r.value();
            information.add(new Recorded<>(r.index(), r.recordedAt(), r.actor(), new Information(x.id(), null, mine(x.decisions(), own),
                    x.severity(), x.death(), x.seriousInjury(), x.publicHealthThreat(), x.fundamentalRightsInfringement(),
                    x.remedialAction(), x.reporter(), x.unanticipatedDeterioration())));
        }
        List<Recorded<Determination>> determinations = new ArrayList<>();
        for (Recorded<Determination> r : s.determinations()) {
            Determination d = r.value();
            if (d.decision() == null || own.contains(d.decision())) {
                determinations.add(new Recorded<>(r.index(), r.recordedAt(), r.actor(), new Determination(d.id(), d.kind(), d.decision(),
                        d.value(), d.failureMode(), d.precautionKind(), d.investigator(), null)));
            }
        }
        Recorded<Closure> closure = s.closure() == null ? null : new Recorded<>(s.closure().index(), s.closure().recordedAt(),
                s.closure().actor(), new Closure(s.closure().value().closedAt(), s.closure().value().investigator(), null));
        return Optional.of(new IncidentState(s.id(), new Recorded<>(s.filing().index(), s.filing().recordedAt(), s.filing().actor(), filing),
                s.severity(), s.facts(), mine(s.decisions(), own), information, determinations, closure));
    }

    /**
     * The reconstruction of the whole incident cut down to the vendor's products: their decisions,
     * the timeline events of those decisions, the alerts on their deployments, and the reports owed
     * only when the incident's regulated product (its first linked decision's) is theirs.
     */
    static Reconstruction restrict(Reconstruction r, IncidentState restricted, Set<String> systems, boolean regulatedProduct) {
        List<DecisionFacts> decisions = r.decisions().stream().filter(d -> d.systemId() != null && systems.contains(d.systemId())).toList();
        Set<String> ids = new HashSet<>();
        Set<String> deployments = new HashSet<>();
        decisions.forEach(d -> {
            ids.add(d.id());
            deployments.add(d.deployment());
        });
        List<Reconstruction.TimelineEvent> timeline = r.timeline().stream().filter(e -> e.decision() != null && ids.contains(e.decision())).toList();
        List<AlertFacts> alerts = r.alerts().stream().filter(a -> deployments.contains(a.deployment())).toList();
        return new Reconstruction(restricted, r.evaluatedAt(), r.windowFrom(), r.windowTo(), timeline, r.decisionsProposed(), decisions, alerts,
                regulatedProduct ? r.owedReports() : null);
    }

    /**
     * The incident's own entries a vendor's evidence bundle may hold: those that name no decision
     * outside its products; never the closure, whose conclusion is free text.
     */
    static List<Long> shareable(IncidentState full, IncidentState restricted) {
        Set<String> own = new HashSet<>(restricted.decisions());
        List<Long> out = new ArrayList<>();
        if (own.containsAll(full.incident().decisions())) {
            out.add(full.filing().index());
        }
        full.information().stream().filter(i -> own.containsAll(i.value().decisions())).forEach(i -> out.add(i.index()));
        restricted.determinations().forEach(d -> out.add(d.index()));
        return out;
    }

    private static List<String> mine(List<String> decisions, Set<String> own) {
        return decisions.stream().filter(own::contains).toList();
    }
}
