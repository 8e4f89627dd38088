package org.onus.investigation.rules;

import java.util.List;
import org.onus.investigation.DecisionFacts;
import org.onus.investigation.DecisionRule;
import org.onus.investigation.Finding;
import org.onus.investigation.Link;
import org.onus.investigation.Reconstruction;
import org.onus.investigation.Verdict;

/** The input was outside the card's declared input requirements (quality, modality, missing fields). */
public final class InputOutOfSpecRule extends DecisionRule {

    public InputOutOfSpecRule() {
        super("DEPLOY-INPUT-OUT-OF-SPEC", Link.DEPLOYMENT,
                "The input was outside the card's declared input requirements (quality threshold, modality, required fields).",
                "EU AI Act Art. 26(4) (deployer ensures input data is relevant and sufficiently representative); "
                        + "IEC 62304/ISO 14971 intended conditions of use",
                "deployer (its data pipeline fed it)",
                "no registered card, or the decision did not report the indicators, modality or fields the card requires");
    }

    @Override
    protected String mainRole() {
        return "deployer";
    }

    @Override
    protected List<Finding> evaluate(Reconstruction r, DecisionFacts d) {
        if (d.card().isEmpty()) {
            return List.of(undetermined(d, "deployer", deployer(d), "no registered card to hold the input against",
                    "the registered version and its card"));
        }
        if (d.card().get().inputRequirements() == null) {
            return List.of(finding(d, "deployer", deployer(d), Verdict.NOT_IMPLICATED, "the card declares no input requirements",
                    d.version().index()));
        }
        Checks.InputCheck check = Checks.input(d);
        if (!check.problems().isEmpty()) {
            return List.of(finding(d, "deployer", deployer(d), Verdict.IMPLICATED, "the deployer's pipeline fed "
                    + d.systemId() + " an input outside the card's requirements: " + String.join("; ", check.problems()),
                    d.version().index()));
        }
        if (!check.unknown().isEmpty()) {
            return List.of(undetermined(d, "deployer", deployer(d), "the decision did not report " + String.join(", ", check.unknown()),
                    String.join(", ", check.unknown()), d.version().index()));
        }
        return List.of(finding(d, "deployer", deployer(d), Verdict.NOT_IMPLICATED, "the input met the card's requirements",
                d.version().index()));
    }
}
