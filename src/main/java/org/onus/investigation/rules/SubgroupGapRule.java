package org.onus.investigation.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.onus.investigation.DecisionFacts;
import org.onus.investigation.DecisionRule;
import org.onus.investigation.Finding;
import org.onus.investigation.Link;
import org.onus.investigation.Reconstruction;
import org.onus.investigation.Verdict;
import org.onus.registry.ModelCard;
import org.onus.registry.PerformanceClaim;
import org.onus.registry.Population;

/**
 * The patient's subgroup performs below the card's overall claim (or below the authorization's
 * floor), and that gap was not disclosed as a known limitation or in a notice the site received.
 * A subgroup is the patient's when its population admits them with every restricted attribute
 * known, and every attribute it names matches.
 */
public final class SubgroupGapRule extends DecisionRule {

    public SubgroupGapRule() {
        super("DATA-SUBGROUP-GAP", Link.DATA,
                "The patient's subgroup was validated below the card's overall claim or the authorization's floor, and the gap was "
                        + "not disclosed; the deployer too if it authorized use in that subgroup knowing the gap.",
                "EU AI Act Art. 10(2)(f)-(g), 10(3)-(4) (data representative of the persons concerned, bias examined) and "
                        + "Art. 13(3)(b)(v); ONC HTI-1 source attributes (validity and fairness by subgroup); FDA GMLP principle 3",
                "manufacturer (data); deployer if it authorized use in that subgroup knowing the gap",
                "no registered card, the card states no subgroup performance, or the patient attributes a subgroup depends on are unknown");
    }

    @Override
    protected String mainRole() {
        return "manufacturer";
    }

    @Override
    protected List<Finding> evaluate(Reconstruction r, DecisionFacts d) {
        if (d.card().isEmpty() || d.card().get().performance() == null) {
            return List.of(undetermined(d, "manufacturer", manufacturer(d), "no validated performance on a registered card",
                    "the registered card's validated performance"));
        }
        ModelCard card = d.card().get();
        Optional<Checks.Error> error = Checks.error(r, d);
        if (error.isPresent() && !error.get().erred()) {
            List<Long> evidence = new ArrayList<>(error.get().evidence());
            evidence.add(d.version().index());
            return List.of(finding(d, "manufacturer", manufacturer(d), Verdict.NOT_APPLICABLE, "the AI did not err on this decision ("
                    + error.get().how() + "), so no subgroup gap bore on it", List.of(), evidence));
        }
        if (card.performance().subgroups().isEmpty()) {
            return List.of(undetermined(d, "manufacturer", manufacturer(d), "the card states no subgroup performance, so whether the "
                    + "patient's subgroup was validated cannot be told", "subgroup-level validated performance on the card", d.version().index()));
        }
        List<ModelCard.Subgroup> mine = card.performance().subgroups().stream().filter(s -> belongs(s, d.patient())).toList();
        if (mine.isEmpty()) {
            return List.of(finding(d, "manufacturer", manufacturer(d), Verdict.NOT_IMPLICATED, "the patient belongs to none of the card's "
                    + "named subgroups; the overall claim covers them", d.version().index()));
        }
        List<Finding> out = new ArrayList<>();
        for (ModelCard.Subgroup s : mine) {
            Optional<String> gap = gap(s, card, d, error.map(Checks.Error::metric).orElse(null));
            if (gap.isEmpty()) {
                out.add(finding(d, "manufacturer", manufacturer(d), Verdict.NOT_IMPLICATED, "subgroup " + s.name()
                        + " was validated at or near the overall claim", d.version().index()));
                continue;
            }
            Optional<Long> disclosure = disclosure(s, card, d);
            if (disclosure.isEmpty()) {
                out.add(finding(d, "manufacturer", manufacturer(d), Verdict.IMPLICATED, "the patient's subgroup " + s.name() + " "
                        + gap.get() + ", and neither the card's known limitations nor a notice received by " + d.site()
                        + " disclosed it", d.version().index()));
                continue;
            }
            out.add(finding(d, "manufacturer", manufacturer(d), Verdict.NOT_IMPLICATED, "subgroup " + s.name() + " " + gap.get()
                    + ", and the gap was disclosed", d.version().index(), disclosure.get() < 0 ? null : disclosure.get()));
            if (d.authorization() != null && Checks.admits(Checks.permitted(d), d.patient())) {
                out.add(finding(d, "deployer", deployer(d), Verdict.IMPLICATED, "authorization " + d.authorization().record().id()
                        + " permitted use in subgroup " + s.name() + " although its disclosed performance " + gap.get(),
                        d.version().index(), d.authorization().index(), disclosure.get() < 0 ? null : disclosure.get()));
            }
        }
        return out;
    }

    private static boolean belongs(ModelCard.Subgroup s, DecisionFacts.PatientFacts p) {
        Population pop = s.population();
        if (pop != null && (!Checks.unknownAttributes(pop, p).isEmpty() || !Checks.admits(pop, p))) {
            return false;
        }
        for (Map.Entry<String, String> a : s.attributes().entrySet()) {
            if (!a.getValue().equalsIgnoreCase(p.attributes().getOrDefault(a.getKey(), ""))) {
                return false;
            }
        }
        return pop != null || !s.attributes().isEmpty();
    }

    /**
     * How the subgroup falls short, if it does: its claim's interval lies wholly beyond the
     * overall claim's conservative bound (point values where a claim gives no interval), or its
     * value is below the authorization's floor. A subgroup whose interval overlaps the overall
     * claim's is not called a gap: the card's own figures cannot tell them apart. When the AI's
     * error is known, only the metric it bears on counts (a missed case: sensitivity).
     */
    private static Optional<String> gap(ModelCard.Subgroup s, ModelCard card, DecisionFacts d, String metric) {
        for (PerformanceClaim c : s.claims()) {
            if (metric != null && !metric.equals(c.metric())) {
                continue;
            }
            boolean lowerIsBetter = c.metric().equals("error-rate") || c.metric().equals("brier");
            Optional<PerformanceClaim> overall = card.performance().overall().stream().filter(o -> o.metric().equals(c.metric())).findFirst();
            if (overall.isPresent()) {
                PerformanceClaim o = overall.get();
                double bound = lowerIsBetter ? (o.ciHigh() != null ? o.ciHigh() : o.value()) : (o.ciLow() != null ? o.ciLow() : o.value());
                double own = lowerIsBetter ? (c.ciLow() != null ? c.ciLow() : c.value()) : (c.ciHigh() != null ? c.ciHigh() : c.value());
                if (lowerIsBetter ? own > bound : own < bound) {
                    return Optional.of("was validated at " + c.metric() + " " + c.value() + (c.ciLow() == null ? "" : " [" + c.ciLow() + ", "
                            + c.ciHigh() + "]") + ", wholly " + (lowerIsBetter ? "above" : "below") + " the overall claim's bound " + bound);
                }
            }
            String floor = c.metric().equals("sensitivity") ? "sensitivityFloor" : c.metric().equals("specificity") ? "specificityFloor" : null;
            if (floor != null && d.authorization() != null) {
                Double f = d.authorization().record().monitoringThresholds().get(floor);
                if (f != null && c.value() < f) {
                    return Optional.of("was validated at " + c.metric() + " " + c.value() + ", below the authorization's floor " + f);
                }
            }
        }
        return Optional.empty();
    }

    /** The notice index that disclosed the gap, -1 if the card itself did, empty if nothing did. */
    private static Optional<Long> disclosure(ModelCard.Subgroup s, ModelCard card, DecisionFacts d) {
        String name = s.name().toLowerCase(Locale.ROOT);
        boolean onCard = card.knownLimitations().stream().anyMatch(l -> l.failureMode().equalsIgnoreCase(s.name())
                || l.description().toLowerCase(Locale.ROOT).contains(name));
        if (onCard) {
            return Optional.of(-1L);
        }
        return d.notices().stream().filter(n -> n.receipt() != null && !n.receipt().record().receivedAt().isAfter(d.eventTime()))
                .filter(n -> n.notice().record().summary().toLowerCase(Locale.ROOT).contains(name)
                        || n.notice().record().failureModes().stream().anyMatch(m -> m.equalsIgnoreCase(s.name())))
                .map(n -> n.notice().index()).findFirst();
    }
}
