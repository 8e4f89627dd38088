package org.onus.investigation.rules;

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

/**
 * The standard-of-care table (Price, Gerke and Cohen, JAMA 2019): whether the clinician is
 * implicated turns on whether the AI's recommendation was standard of care, whether it was
 * correct, and whether the clinician followed or rejected it. Both judgements are the
 * investigator's determinations; the rule never guesses them from outcomes.
 */
public final class StandardOfCareRule extends DecisionRule {

    public StandardOfCareRule() {
        super("USE-STANDARD-OF-CARE", Link.USE,
                "Standard-of-care table: AI standard and correct, clinician rejected -> clinician; AI non-standard and wrong, clinician "
                        + "followed -> clinician; AI standard and wrong, clinician followed -> not the clinician; AI non-standard and "
                        + "correct, clinician rejected -> not the clinician.",
                "Tort law, medical malpractice standard of care (Price, Gerke & Cohen, \"Potential liability for physicians using "
                        + "artificial intelligence\", JAMA 2019)",
                "clinician",
                "no determination of standard of care, no determination of correctness, or no recorded clinician action");
    }

    @Override
    protected String mainRole() {
        return "clinician";
    }

    @Override
    protected List<Finding> evaluate(Reconstruction r, DecisionFacts d) {
        Optional<Recorded<Determination>> standard = r.incident().determinationFor(Determination.STANDARD_OF_CARE, d.id());
        Optional<Recorded<Determination>> correct = r.incident().determinationFor(Determination.CORRECT, d.id());
        Optional<DecisionFacts.ActionFacts> action = d.decisiveAction();
        List<String> missing = new ArrayList<>();
        standard.ifPresentOrElse(x -> { }, () -> missing.add("a determination whether the AI's recommendation was standard of care"));
        correct.ifPresentOrElse(x -> { }, () -> missing.add("a determination whether the AI's recommendation was correct"));
        action.ifPresentOrElse(x -> { }, () -> missing.add("the clinician's action (followed or rejected)"));
        List<Long> evidence = new ArrayList<>();
        standard.ifPresent(x -> evidence.add(x.index()));
        correct.ifPresent(x -> evidence.add(x.index()));
        action.ifPresent(x -> evidence.add(x.index()));
        String clinician = action.map(DecisionFacts.ActionFacts::clinician).orElse(null);
        if (!missing.isEmpty()) {
            return List.of(finding(d, "clinician", clinician, Verdict.UNDETERMINED, "the table needs both determinations and the "
                    + "clinician's action", missing, evidence));
        }
        boolean isStandard = standard.get().value().value();
        boolean isCorrect = correct.get().value().value();
        boolean followed = action.get().followed();
        String facts = "the AI's recommendation was " + (isStandard ? "standard of care" : "not standard of care") + " and "
                + (isCorrect ? "correct" : "wrong") + " (investigator's determinations), and " + clinician + " "
                + (followed ? "followed" : "rejected") + " it (" + action.get().kind() + ")";
        Verdict v;
        String because;
        if (isStandard && isCorrect && !followed) {
            v = Verdict.IMPLICATED;
            because = facts + ": rejecting correct, standard care";
        } else if (!isStandard && !isCorrect && followed) {
            v = Verdict.IMPLICATED;
            because = facts + ": following wrong, non-standard advice";
        } else if (isStandard && !isCorrect && followed) {
            v = Verdict.NOT_IMPLICATED;
            because = facts + ": following standard care is not negligent even when it turns out wrong";
        } else if (!isStandard && isCorrect && !followed) {
            v = Verdict.NOT_IMPLICATED;
            because = facts + ": rejecting non-standard advice is standard care";
        } else {
            v = Verdict.NOT_IMPLICATED;
            because = facts + ": the clinician's choice led to the better course";
        }
        return List.of(finding(d, "clinician", clinician, v, because, List.of(), evidence));
    }
}
