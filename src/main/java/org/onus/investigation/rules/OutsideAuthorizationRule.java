package org.onus.investigation.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.onus.investigation.DecisionFacts;
import org.onus.investigation.DecisionRule;
import org.onus.investigation.Finding;
import org.onus.investigation.Link;
import org.onus.investigation.Reconstruction;
import org.onus.investigation.Verdict;

/** The patient was outside the authorization's scope and a clinician invoked it anyway. */
public final class OutsideAuthorizationRule extends DecisionRule {

    public OutsideAuthorizationRule() {
        super("USE-OUTSIDE-AUTHORIZATION", Link.USE,
                "The patient was outside the authorization's scope and a clinician acted on the output anyway; the deployer too "
                        + "if nothing enforced the scope (the system answered as usual).",
                "EU AI Act Art. 26(1) (use in accordance with the instructions); hospital privileging and policy",
                "clinician; deployer if nothing enforced the scope",
                "no clinician action is recorded, or the decision did not report the attributes the authorization restricts on");
    }

    @Override
    protected String mainRole() {
        return "clinician";
    }

    @Override
    protected List<Finding> evaluate(Reconstruction r, DecisionFacts d) {
        if (d.authorization() == null) {
            return List.of(finding(d, "clinician", null, Verdict.NOT_APPLICABLE,
                    "no authorization was in force to set a scope; DEPLOY-UNAUTHORIZED-VERSION speaks to that"));
        }
        String auth = d.authorization().record().id();
        if (Checks.admits(Checks.permitted(d), d.patient())) {
            List<String> unknown = Checks.unknownAttributes(Checks.permitted(d), d.patient());
            if (!unknown.isEmpty()) {
                return List.of(undetermined(d, "clinician", null, "authorization " + auth + " restricts its population but the decision "
                        + "did not report " + String.join(", ", unknown), String.join(", ", unknown), d.authorization().index()));
            }
            return List.of(finding(d, "clinician", null, Verdict.NOT_IMPLICATED, Checks.describe(d.patient())
                    + " was inside the scope of authorization " + auth, d.authorization().index()));
        }
        List<Finding> out = new ArrayList<>();
        Optional<DecisionFacts.ActionFacts> acted = d.actingAction();
        if (acted.isPresent()) {
            out.add(finding(d, "clinician", acted.get().clinician(), Verdict.IMPLICATED, Checks.describe(d.patient())
                    + " was outside the scope of authorization " + auth + " and " + acted.get().clinician() + " acted on the output ("
                    + acted.get().kind() + ")", d.authorization().index(), acted.get().index()));
        } else if (d.decisiveAction().isPresent()) {
            out.add(finding(d, "clinician", d.decisiveAction().get().clinician(), Verdict.NOT_IMPLICATED,
                    "the patient was outside the authorization's scope but the clinician did not act on the output ("
                            + d.decisiveAction().get().kind() + ")", d.authorization().index(), d.decisiveAction().get().index()));
        } else {
            out.add(undetermined(d, "clinician", null, "the patient was outside the scope of authorization " + auth
                    + " but no clinician action is recorded", "the clinician's action on the output", d.authorization().index()));
        }
        out.add(finding(d, "deployer", deployer(d), d.output().flagged() ? Verdict.NOT_IMPLICATED : Verdict.IMPLICATED,
                d.output().flagged() ? "the system flagged the case instead of answering as usual, so the scope was enforced"
                        : "nothing enforced the scope of authorization " + auth + ": the system answered as usual for a patient outside it",
                d.authorization().index()));
        return out;
    }
}
