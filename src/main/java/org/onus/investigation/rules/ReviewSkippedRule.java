package org.onus.investigation.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.onus.investigation.DecisionFacts;
import org.onus.investigation.DecisionRule;
import org.onus.investigation.Determination;
import org.onus.investigation.Finding;
import org.onus.investigation.Link;
import org.onus.investigation.Reconstruction;
import org.onus.investigation.Recorded;
import org.onus.investigation.Verdict;
import org.onus.registry.Authorization;

/**
 * Required review was skipped: the clinician acted on the output with no recorded view, or
 * faster than the authorization's minimum review time (counted from the output to the action).
 */
public final class ReviewSkippedRule extends DecisionRule {

    public ReviewSkippedRule() {
        super("USE-REVIEW-SKIPPED", Link.USE,
                "Required review was skipped: the clinician acted with no recorded view, or accepted faster than the authorization's "
                        + "minimum review time (automation bias); the manufacturer instead if a determination finds its workflow forced acceptance.",
                "EU AI Act Art. 14(4)(b) (awareness of automation bias) and Art. 26(2) (human oversight); professional standard of care",
                "clinician; manufacturer if the product's workflow forces it",
                "no clinician action on the output is recorded");
    }

    @Override
    protected String mainRole() {
        return "clinician";
    }

    @Override
    protected List<Finding> evaluate(Reconstruction r, DecisionFacts d) {
        if (d.authorization() == null) {
            return List.of(finding(d, "clinician", null, Verdict.NOT_APPLICABLE, "no authorization in force set an oversight requirement"));
        }
        Authorization.Oversight o = d.authorization().record().oversight();
        Long auth = d.authorization().index();
        if (o == null || (!o.reviewRequired() && o.minimumReviewSeconds() == null)) {
            return List.of(finding(d, "clinician", null, Verdict.NOT_IMPLICATED, "authorization " + d.authorization().record().id()
                    + " requires no review before acting", auth));
        }
        Optional<DecisionFacts.ActionFacts> acting = d.actingAction();
        if (acting.isEmpty()) {
            if (d.decisiveAction().isPresent()) {
                return List.of(finding(d, "clinician", d.decisiveAction().get().clinician(), Verdict.NOT_APPLICABLE,
                        "the clinician did not act on the output (" + d.decisiveAction().get().kind() + ")", d.decisiveAction().get().index()));
            }
            return List.of(undetermined(d, "clinician", null, "no clinician action on the output is recorded",
                    "the clinician's action on the output", auth));
        }
        DecisionFacts.ActionFacts a = acting.get();
        Optional<DecisionFacts.ActionFacts> view = d.actions().stream()
                .filter(x -> x.kind().equals("viewed") && x.clinician().equals(a.clinician()) && !x.time().isAfter(a.time())).findFirst();
        Duration took = Duration.between(d.eventTime(), a.time());
        List<String> why = new ArrayList<>();
        if (o.reviewRequired() && view.isEmpty()) {
            why.add("no view of the output by " + a.clinician() + " is recorded before it was " + a.kind());
        }
        if (o.minimumReviewSeconds() != null && took.toMillis() < o.minimumReviewSeconds() * 1000) {
            why.add("it was " + a.kind() + " " + Checks.seconds(took) + " after the output, under the authorization's minimum review of "
                    + Checks.num(o.minimumReviewSeconds()) + " s");
        }
        if (a.editedShare() != null) {
            why.add("share of the generated text edited before signing: " + Checks.num(a.editedShare()));
        }
        List<Long> evidence = new ArrayList<>(List.of(auth, a.index()));
        view.ifPresent(v -> evidence.add(v.index()));
        boolean skipped = (o.reviewRequired() && view.isEmpty())
                || (o.minimumReviewSeconds() != null && took.toMillis() < o.minimumReviewSeconds() * 1000);
        if (!skipped) {
            return List.of(finding(d, "clinician", a.clinician(), Verdict.NOT_IMPLICATED, "the output was reviewed as the authorization "
                    + "requires (" + a.kind() + " " + Checks.seconds(took) + " after it" + (view.isPresent() ? ", after a recorded view" : "") + ")",
                    List.of(), evidence));
        }
        Optional<Recorded<Determination>> forced = r.incident().determinationFor(Determination.WORKFLOW_FORCED, d.id());
        if (forced.isPresent() && forced.get().value().value()) {
            evidence.add(forced.get().index());
            return List.of(
                    finding(d, "manufacturer", manufacturer(d), Verdict.IMPLICATED, "required review was skipped ("
                            + String.join("; ", why) + ") because, as the investigator determined, the product's workflow forced acceptance",
                            List.of(), evidence),
                    finding(d, "clinician", a.clinician(), Verdict.NOT_IMPLICATED, "the product's workflow forced acceptance, as the "
                            + "investigator determined", List.of(), evidence));
        }
        forced.ifPresent(f -> evidence.add(f.index()));
        return List.of(finding(d, "clinician", a.clinician(), Verdict.IMPLICATED, "required review was skipped: " + String.join("; ", why),
                List.of(), evidence));
    }
}
