package org.onus.investigation.rules;

import java.util.List;
import org.onus.investigation.DecisionFacts;
import org.onus.investigation.DecisionRule;
import org.onus.investigation.Finding;
import org.onus.investigation.Link;
import org.onus.investigation.Reconstruction;
import org.onus.investigation.Verdict;
import org.onus.registry.Authorization;

/** The authorization went live without a local validation on record where the card requires one. */
public final class NoLocalValidationRule extends DecisionRule {

    public NoLocalValidationRule() {
        super("DEPLOY-NO-LOCAL-VALIDATION", Link.DEPLOYMENT,
                "The authorization went live without a local validation on record where the card requires one.",
                "EU AI Act Art. 26(1) and the instructions for use; CHAI assurance guide / FDA GMLP (local performance before use)",
                "deployer",
                "no registered card for the version (an organisational policy requiring validation is not yet recorded in Onus)");
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
            return List.of(undetermined(d, "deployer", deployer(d), "no registered card says whether local validation is required",
                    "the registered version and its card", d.authorization().index()));
        }
        Authorization a = d.authorization().record();
        if (!Boolean.TRUE.equals(d.card().get().localValidationRequired())) {
            return List.of(finding(d, "deployer", deployer(d), Verdict.NOT_IMPLICATED, "the card does not require a local validation",
                    d.version().index(), d.authorization().index()));
        }
        if (d.localValidation() == null) {
            return List.of(finding(d, "deployer", deployer(d), Verdict.IMPLICATED, "the card requires a local validation, and authorization "
                    + a.id() + " went live on " + a.validFrom() + (a.localValidation() == null ? " citing none"
                    : " citing " + a.localValidation() + ", which was not on record then"), d.version().index(), d.authorization().index()));
        }
        if (d.localValidation().record().periodEnd().isAfter(a.validFrom())) {
            return List.of(finding(d, "deployer", deployer(d), Verdict.IMPLICATED, "local validation " + d.localValidation().record().id()
                    + " ended on " + d.localValidation().record().periodEnd() + ", after authorization " + a.id() + " went live on " + a.validFrom(),
                    d.version().index(), d.authorization().index(), d.localValidation().index()));
        }
        return List.of(finding(d, "deployer", deployer(d), Verdict.NOT_IMPLICATED, "local validation " + d.localValidation().record().id()
                + " was on record before go-live", d.version().index(), d.authorization().index(), d.localValidation().index()));
    }
}
