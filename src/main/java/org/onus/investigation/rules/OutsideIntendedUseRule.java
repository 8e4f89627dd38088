package org.onus.investigation.rules;

import java.util.List;
import org.onus.investigation.DecisionFacts;
import org.onus.investigation.DecisionRule;
import org.onus.investigation.Finding;
import org.onus.investigation.Link;
import org.onus.investigation.Reconstruction;
import org.onus.investigation.Verdict;
import org.onus.registry.Authorization;
import org.onus.registry.Population;

/** The patient was outside the product's intended population, and the authorization permitted it. */
public final class OutsideIntendedUseRule extends DecisionRule {

    public OutsideIntendedUseRule() {
        super("DEPLOY-OUTSIDE-INTENDED-USE", Link.DEPLOYMENT,
                "The patient was outside the product's intended use or population, and the authorization permitted it.",
                "Product liability (use outside the labelled indication is not a defect); EU AI Act Art. 26(1), 13(3)(b); "
                        + "\"misused in the hospital: whoever authorized that usage\"",
                "deployer (the authorizer)",
                "no registered card for the version, or the decision did not report the patient attributes the card restricts on");
    }

    @Override
    protected String mainRole() {
        return "deployer";
    }

    @Override
    protected List<Finding> evaluate(Reconstruction r, DecisionFacts d) {
        if (d.card().isEmpty()) {
            return List.of(undetermined(d, "deployer", deployer(d), "no registered card for " + d.systemId() + " " + d.reportedVersion(),
                    "the registered version and its card"));
        }
        Population card = d.card().get().intendedPopulation();
        if (Checks.admits(card, d.patient())) {
            List<String> unknown = Checks.unknownAttributes(card, d.patient());
            if (!unknown.isEmpty()) {
                return List.of(undetermined(d, "deployer", deployer(d), "the card restricts its population (" + Checks.range(card)
                        + ") but the decision did not report " + String.join(", ", unknown), String.join(", ", unknown), d.version().index()));
            }
            return List.of(finding(d, "deployer", deployer(d), Verdict.NOT_IMPLICATED, Checks.describe(d.patient())
                    + " was inside the card's intended population (" + Checks.range(card) + ")", d.version().index()));
        }
        if (d.authorization() == null) {
            return List.of(finding(d, "deployer", deployer(d), Verdict.NOT_APPLICABLE, Checks.describe(d.patient())
                    + " was outside the card's population, but no authorization was in force; DEPLOY-UNAUTHORIZED-VERSION speaks to that",
                    d.version().index()));
        }
        Authorization a = d.authorization().record();
        if (!Checks.admits(Checks.permitted(d), d.patient())) {
            return List.of(finding(d, "deployer", deployer(d), Verdict.NOT_IMPLICATED, Checks.describe(d.patient())
                    + " was outside the card's population, and authorization " + a.id() + " did not permit it either; "
                    + "USE-OUTSIDE-AUTHORIZATION speaks to its use", d.version().index(), d.authorization().index()));
        }
        String who = a.authorizedBy() == null ? "" : " by " + a.authorizedBy().party() + " (" + a.authorizedBy().role()
                + (a.authorizedBy().decisionRef() == null ? "" : ", " + a.authorizedBy().decisionRef()) + ")";
        String widening = a.widensCard().isEmpty() ? "" : " (on record as widening the card: " + String.join("; ", a.widensCard()) + ")";
        return List.of(finding(d, "deployer", deployer(d), Verdict.IMPLICATED, Checks.describe(d.patient())
                + " was outside the intended population of " + d.systemId() + " " + d.reportedVersion() + " ("
                + Checks.range(card) + "), and authorization " + a.id() + " permitted that use" + widening + ", authorized" + who,
                d.version().index(), d.authorization().index()));
    }

}
