package org.onus.investigation.rules;

import java.util.List;
import org.onus.investigation.DecisionFacts;
import org.onus.investigation.DecisionRule;
import org.onus.investigation.Finding;
import org.onus.investigation.Link;
import org.onus.investigation.Reconstruction;
import org.onus.investigation.Verdict;

/** The input was outside the card's requirements and the system still answered as usual, without flagging it. */
public final class InputNotFlaggedRule extends DecisionRule {

    public InputNotFlaggedRule() {
        super("DESIGN-INPUT-NOT-FLAGGED", Link.DESIGN,
                "The input was outside the card's requirements and the system still produced an ordinary output without flagging "
                        + "it (a system that rejected or flagged it worked as designed).",
                "Product liability, design defect (a foreseeable misuse a reasonable design guards against); "
                        + "IEC 62304 / ISO 14971 risk control; EU AI Act Art. 15 (robustness)",
                "manufacturer",
                "no registered card, or the decision did not report the input indicators the card requires");
    }

    @Override
    protected String mainRole() {
        return "manufacturer";
    }

    @Override
    protected List<Finding> evaluate(Reconstruction r, DecisionFacts d) {
        if (d.system() == null) {
            return List.of(finding(d, "manufacturer", null, Verdict.NOT_APPLICABLE, "no registered maker"));
        }
        if (d.card().isEmpty()) {
            return List.of(undetermined(d, "manufacturer", manufacturer(d), "no registered card to hold the input against",
                    "the registered version and its card"));
        }
        Checks.InputCheck check = Checks.input(d);
        if (check.problems().isEmpty()) {
            if (!check.unknown().isEmpty() && d.card().get().inputRequirements() != null) {
                return List.of(undetermined(d, "manufacturer", manufacturer(d), "the decision did not report "
                        + String.join(", ", check.unknown()), String.join(", ", check.unknown()), d.version().index()));
            }
            return List.of(finding(d, "manufacturer", manufacturer(d), Verdict.NOT_APPLICABLE,
                    "the input met the card's requirements, so there was nothing to flag", d.version().index()));
        }
        if (d.output().flagged()) {
            return List.of(finding(d, "manufacturer", manufacturer(d), Verdict.NOT_IMPLICATED, "the system flagged the input ("
                    + (d.output().flagReason() == null ? "no reason given" : d.output().flagReason()) + "): it worked as designed",
                    d.version().index()));
        }
        return List.of(finding(d, "manufacturer", manufacturer(d), Verdict.IMPLICATED, d.systemId() + " " + d.reportedVersion()
                + " produced an ordinary " + d.output().kind() + " output without flagging an input outside its own requirements ("
                + String.join("; ", check.problems()) + ")", d.version().index()));
    }
}
