package org.onus.investigation.rules;

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
import org.onus.registry.ModelCard;

/** The failure mode the investigator determined is a documented known limitation: not the manufacturer, for that mode. */
public final class KnownLimitationRule extends DecisionRule {

    public KnownLimitationRule() {
        super("DESIGN-KNOWN-LIMITATION", Link.DESIGN,
                "The failure mode is a documented known limitation (on the card in force, or in a notice the site received before the "
                        + "event): not the manufacturer for that mode; responsibility shifts to the deployer and clinician.",
                "Product liability, adequate warning (learned intermediary); EU AI Act Art. 13(3)(b)(ii)-(iii) (known limitations "
                        + "in the instructions for use); ONC HTI-1 source attributes",
                "manufacturer (not implicated, for that mode)",
                "no determination of the failure mode");
    }

    @Override
    protected String mainRole() {
        return "manufacturer";
    }

    @Override
    protected List<Finding> evaluate(Reconstruction r, DecisionFacts d) {
        String maker = manufacturer(d);
        Optional<Recorded<Determination>> det = r.incident().determinationFor(Determination.FAILURE_MODE, d.id());
        if (det.isEmpty()) {
            return List.of(undetermined(d, "manufacturer", maker, "the failure mode has not been determined",
                    "a determination of the failure mode"));
        }
        String mode = det.get().value().failureMode();
        if (d.card().isEmpty()) {
            return List.of(undetermined(d, "manufacturer", maker, "no registered card to look the failure mode " + mode + " up in",
                    "the registered version and its card", det.get().index()));
        }
        Optional<ModelCard.Limitation> onCard = d.card().get().knownLimitations().stream()
                .filter(l -> l.failureMode().equalsIgnoreCase(mode)).findFirst();
        if (onCard.isPresent()) {
            return List.of(finding(d, "manufacturer", maker, Verdict.NOT_IMPLICATED, "failure mode " + mode + " is a known limitation on the "
                    + "card of " + d.systemId() + " " + d.reportedVersion() + " (\"" + onCard.get().description() + "\"): not the manufacturer "
                    + "for this mode", det.get().index(), d.version().index()));
        }
        for (DecisionFacts.NoticeFacts n : d.notices()) {
            if (n.notice().record().failureModes().stream().anyMatch(m -> m.equalsIgnoreCase(mode)) && n.receipt() != null
                    && !n.receipt().record().receivedAt().isAfter(d.eventTime())) {
                return List.of(finding(d, "manufacturer", maker, Verdict.NOT_IMPLICATED, "failure mode " + mode + " was documented in notice "
                        + n.notice().record().id() + ", received by " + d.site() + " on " + n.receipt().record().receivedAt()
                        + ": not the manufacturer for this mode", det.get().index(), n.notice().index(), n.receipt().index()));
            }
        }
        return List.of(finding(d, "manufacturer", maker, Verdict.NOT_APPLICABLE, "failure mode " + mode + " is not a documented limitation "
                + "of " + d.systemId() + " " + d.reportedVersion(), det.get().index(), d.version().index()));
    }
}
