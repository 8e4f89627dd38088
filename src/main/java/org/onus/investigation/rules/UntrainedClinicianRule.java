package org.onus.investigation.rules;

import java.util.List;
import java.util.Optional;
import org.onus.investigation.DecisionFacts;
import org.onus.investigation.DecisionRule;
import org.onus.investigation.Finding;
import org.onus.investigation.Link;
import org.onus.investigation.Reconstruction;
import org.onus.investigation.Registered;
import org.onus.investigation.Verdict;
import org.onus.registry.Party;

/** The acting clinician lacked the training the authorization (or the card) requires, as of the action. */
public final class UntrainedClinicianRule extends DecisionRule {

    public UntrainedClinicianRule() {
        super("USE-UNTRAINED-CLINICIAN", Link.USE,
                "The acting clinician lacked the training the authorization (or the card's precautions) requires, as of the action.",
                "EU AI Act Art. 4 (AI literacy) and Art. 26(2) (oversight by persons with the necessary training); surgical-robot "
                        + "training litigation (e.g. Taylor v. Intuitive Surgical, 2017)",
                "deployer (let an untrained user act) and clinician",
                "no clinician action is recorded, or the acting clinician is not registered");
    }

    @Override
    protected String mainRole() {
        return "clinician";
    }

    @Override
    protected List<Finding> evaluate(Reconstruction r, DecisionFacts d) {
        boolean required = d.auth().map(a -> !a.requiredTraining().isEmpty()).orElse(false)
                || d.card().map(c -> c.requiredPrecautions().stream().anyMatch(p -> p.kind().equals("user-training"))).orElse(false);
        if (!required) {
            return List.of(finding(d, "clinician", null, Verdict.NOT_IMPLICATED, "neither the authorization nor the card requires training",
                    idx(d.authorization())));
        }
        Optional<DecisionFacts.ActionFacts> acted = d.decisiveAction();
        if (acted.isEmpty()) {
            return List.of(undetermined(d, "clinician", null, "no clinician action on the output is recorded", "the clinician's action on the output",
                    idx(d.authorization())));
        }
        DecisionFacts.ActionFacts a = acted.get();
        Registered<Party> who = d.clinicians().get(a.clinician());
        if (who == null || !"clinician".equals(who.record().kind())) {
            return List.of(undetermined(d, "clinician", a.clinician(), a.clinician() + " is not a registered clinician, so their training "
                    + "is not on record", "the acting clinician's registry record with training", a.index()));
        }
        if (who.record().trainedOn(d.systemId(), a.time())) {
            return List.of(finding(d, "clinician", a.clinician(), Verdict.NOT_IMPLICATED, a.clinician() + " held valid training on "
                    + d.systemId() + " at " + a.time(), a.index(), who.index(), idx(d.authorization())));
        }
        String because = a.clinician() + " held no valid training on " + d.systemId() + " at " + a.time() + " (" + a.kind() + ")";
        return List.of(
                finding(d, "deployer", deployer(d), Verdict.IMPLICATED, "let an untrained user act: " + because, a.index(), who.index(),
                        idx(d.authorization())),
                finding(d, "clinician", a.clinician(), Verdict.IMPLICATED, because, a.index(), who.index(), idx(d.authorization())));
    }
}
