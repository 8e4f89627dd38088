package org.onus.investigation.rules;

import java.util.List;
import org.onus.investigation.DecisionFacts;
import org.onus.investigation.DecisionRule;
import org.onus.investigation.Finding;
import org.onus.investigation.Link;
import org.onus.investigation.Reconstruction;
import org.onus.investigation.Verdict;
import org.onus.registry.Authorization;
import org.onus.registry.ModelCard;

/** A precaution the card requires is missing from the authorization (required user training counts as the training precaution). */
public final class PrecautionMissingRule extends DecisionRule {

    public PrecautionMissingRule() {
        super("DEPLOY-PRECAUTION-MISSING", Link.DEPLOYMENT,
                "A precaution the card requires (user training, proctoring, case selection, input checks) is missing from the authorization.",
                "EU AI Act Art. 26(1) (use in accordance with the instructions for use); EU MDR Annex I 23.4 (IFU precautions)",
                "deployer (authorized use without the maker's precautions)",
                "no registered card for the version");
    }

    @Override
    protected String mainRole() {
        return "deployer";
    }

    @Override
    protected List<Finding> evaluate(Reconstruction r, DecisionFacts d) {
        if (d.authorization() == null) {
            return List.of(finding(d, "deployer", deployer(d), Verdict.NOT_APPLICABLE, "no authorization was in force"));
        }
        if (d.card().isEmpty()) {
            return List.of(undetermined(d, "deployer", deployer(d), "no registered card states the precautions required",
                    "the registered version and its card", d.authorization().index()));
        }
        Authorization a = d.authorization().record();
        List<ModelCard.Precaution> missing = d.card().get().requiredPrecautions().stream()
                .filter(p -> !a.precautions().contains(p.kind()) && !(p.kind().equals("user-training") && !a.requiredTraining().isEmpty()))
                .toList();
        if (missing.isEmpty()) {
            return List.of(finding(d, "deployer", deployer(d), Verdict.NOT_IMPLICATED, "authorization " + a.id()
                    + " carries every precaution the card requires", d.version().index(), d.authorization().index()));
        }
        return List.of(finding(d, "deployer", deployer(d), Verdict.IMPLICATED, "authorization " + a.id() + " omits precautions the card of "
                + d.systemId() + " " + d.reportedVersion() + " requires: " + String.join("; ",
                missing.stream().map(p -> p.kind() + " (" + p.description() + ")").toList()), d.version().index(), d.authorization().index()));
    }
}
