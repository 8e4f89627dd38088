package org.onus.investigation.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.onus.investigation.DecisionFacts;
import org.onus.investigation.DecisionRule;
import org.onus.investigation.Finding;
import org.onus.investigation.Link;
import org.onus.investigation.ObservedRate;
import org.onus.investigation.ProportionIntervals;
import org.onus.investigation.Reconstruction;
import org.onus.investigation.Verdict;
import org.onus.registry.PerformanceClaim;

/**
 * Everything in scope and the AI erred: was the deployment's observed performance statistically
 * below the validated claim? The claim is taken at its conservative bound (the lower end of its
 * interval for a metric where higher is better, the upper end for an error rate), and the
 * observed rate's two-sided 95% interval must lie wholly beyond it. One error is never a defect:
 * if the interval reaches the claim, or the deployment shows a single error at most, no defect is shown and the error is the inherent residual
 * risk of a validated tool (the catalogue's "within the validated claim" row is this rule's
 * not-implicated answer).
 */
public final class PerformanceBelowClaimRule extends DecisionRule {

    public static final double CONFIDENCE = 0.95;
    private final ProportionIntervals intervals;

    public PerformanceBelowClaimRule(ProportionIntervals intervals) {
        super("DESIGN-PERFORMANCE-BELOW-CLAIM", Link.DESIGN,
                "Everything in scope and the AI erred, and the deployment's observed performance is statistically below the validated "
                        + "claim: failed to perform as designed. Within the claim: no defect shown, inherent residual risk of a validated tool.",
                "Product liability (\"failed to perform as designed\" goes back to the company that marketed it); "
                        + "EU AI Act Art. 15(1)-(3) (declared accuracy), Art. 72 (post-market monitoring); 21 CFR 820.100",
                "manufacturer",
                "no outcome or determination says whether the AI erred, the card claims nothing for the metric, or no outcomes "
                        + "of the deployment's decisions were observed before the incident");
        this.intervals = intervals;
    }

    @Override
    protected String mainRole() {
        return "manufacturer";
    }

    @Override
    protected List<Finding> evaluate(Reconstruction r, DecisionFacts d) {
        String maker = manufacturer(d);
        if (d.system() == null) {
            return List.of(finding(d, "manufacturer", null, Verdict.NOT_APPLICABLE, "no registered maker"));
        }
        if (d.card().isEmpty()) {
            return List.of(undetermined(d, "manufacturer", maker, "no registered card with a validated claim", "the registered version and its card"));
        }
        List<String> scope = Checks.scopeProblems(d);
        if (!scope.isEmpty()) {
            return List.of(finding(d, "manufacturer", maker, Verdict.NOT_APPLICABLE, "the decision lay outside the validated and "
                    + "authorized scope (" + String.join("; ", scope) + "), which the claim does not cover", d.version().index()));
        }
        Optional<Checks.Error> error = Checks.error(r, d);
        if (error.isEmpty()) {
            return List.of(undetermined(d, "manufacturer", maker, "nothing on record says whether the output was correct",
                    "an outcome of the decision, or a determination whether the AI's output was correct", d.version().index()));
        }
        List<Long> evidence = new ArrayList<>(error.get().evidence());
        evidence.add(d.version().index());
        if (!error.get().erred()) {
            return List.of(finding(d, "manufacturer", maker, Verdict.NOT_IMPLICATED, "the AI did not err on this decision: "
                    + error.get().how(), List.of(), evidence));
        }
        String metric = error.get().metric();
        if (metric == null) {
            return List.of(undetermined(d, "manufacturer", maker, "the AI erred, but the card's output specification does not say "
                    + "how to read its call", "the card's operating threshold or positive class", d.version().index()));
        }
        Optional<PerformanceClaim> claim = d.card().get().performance() == null ? Optional.empty()
                : d.card().get().performance().overall().stream().filter(c -> c.metric().equals(metric)).findFirst();
        if (claim.isEmpty()) {
            return List.of(new Finding(id(), link(), "manufacturer", maker, Verdict.UNDETERMINED, "the AI erred (" + error.get().how()
                    + "), but the card claims no " + metric, List.of("a validated " + metric + " claim on the card"), d.id(), evidence));
        }
        Optional<ObservedRate> observed = d.observed(metric);
        if (observed.isEmpty()) {
            return List.of(new Finding(id(), link(), "manufacturer", maker, Verdict.UNDETERMINED, "the AI erred (" + error.get().how()
                    + "), but no outcomes of decisions at " + d.deployment() + " were observed before the incident",
                    List.of("outcomes of the deployment's decisions, to measure its " + metric), d.id(), evidence));
        }
        ObservedRate o = observed.get();
        evidence.addAll(o.evidence());
        PerformanceClaim c = claim.get();
        boolean lowerIsBetter = metric.equals("error-rate");
        double bound = lowerIsBetter ? (c.ciHigh() != null ? c.ciHigh() : c.value()) : (c.ciLow() != null ? c.ciLow() : c.value());
        ProportionIntervals.Interval ci = intervals.interval(o.events(), o.trials(), CONFIDENCE);
        long errors = lowerIsBetter ? o.events() : o.trials() - o.events();
        // A single observed error is never a defect, whatever an interval over a tiny sample says.
        boolean below = errors > 1 && (lowerIsBetter ? ci.low() > bound : ci.high() < bound);
        String figures = "observed " + metric + " at " + d.deployment() + " " + fmt(o.rate()) + " (" + o.events() + "/" + o.trials()
                + " from " + o.from() + " to " + o.to() + "), 95% interval [" + fmt(ci.low()) + ", " + fmt(ci.high()) + "] by the "
                + ci.method() + " method, against the card's claim " + fmt(c.value())
                + (c.ciLow() != null || c.ciHigh() != null ? " [" + (c.ciLow() == null ? "" : fmt(c.ciLow())) + ", "
                + (c.ciHigh() == null ? "" : fmt(c.ciHigh())) + "]" : "") + (c.n() == null ? "" : " (n=" + c.n() + ")")
                + (o.evidenceTruncated() ? "; the evidence cites the first " + o.evidence().size() + " outcomes" : "");
        if (below) {
            return List.of(new Finding(id(), link(), "manufacturer", maker, Verdict.IMPLICATED, "failed to perform as designed: the AI erred ("
                    + error.get().how() + ") and the " + figures + " lies wholly " + (lowerIsBetter ? "above" : "below")
                    + " the claim's bound " + fmt(bound), List.of(), d.id(), evidence));
        }
        return List.of(new Finding(id(), link(), "manufacturer", maker, Verdict.NOT_IMPLICATED, "no defect shown: the AI erred ("
                + error.get().how() + "), but the " + figures + (errors <= 1 ? " shows no more than one error, which is never a defect"
                : " reaches the claim's bound " + fmt(bound))
                + "; a single error of a tool performing within its validated claim is the residual risk of a validated tool",
                List.of(), d.id(), evidence));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
