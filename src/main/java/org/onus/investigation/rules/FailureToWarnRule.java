package org.onus.investigation.rules;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.onus.investigation.DecisionFacts;
import org.onus.investigation.DecisionRule;
import org.onus.investigation.Determination;
import org.onus.investigation.Finding;
import org.onus.investigation.Link;
import org.onus.investigation.Reconstruction;
import org.onus.investigation.Recorded;
import org.onus.investigation.Verdict;

/**
 * A precaution the investigator found was needed was never stated on the card in force nor in a
 * notice the deployer received before the event: warnings must reach the purchasing
 * organisation, not only the user.
 */
public final class FailureToWarnRule extends DecisionRule {

    private static final Set<String> WARNING_NOTICES = Set.of("precaution", "limitation", "field-safety-notice", "recall", "corrective-action");

    public FailureToWarnRule() {
        super("DESIGN-FAILURE-TO-WARN", Link.DESIGN,
                "A precaution that a determination finds was needed was never stated on the card or in any notice that reached the "
                        + "deployer before the event (warnings must reach the purchasing organisation, not only the user).",
                "Product liability, failure to warn (e.g. Taylor v. Intuitive Surgical, Wash. 2017: the duty runs to the hospital); "
                        + "EU AI Act Art. 13; EU MDR Annex I 23",
                "manufacturer (failure to warn)",
                "no determination whether a precaution was needed");
    }

    @Override
    protected String mainRole() {
        return "manufacturer";
    }

    @Override
    protected List<Finding> evaluate(Reconstruction r, DecisionFacts d) {
        String maker = manufacturer(d);
        Optional<Recorded<Determination>> det = r.incident().determinationFor(Determination.PRECAUTION_NEEDED, d.id());
        if (det.isEmpty()) {
            return List.of(undetermined(d, "manufacturer", maker, "no determination whether a precaution was needed",
                    "a determination whether a precaution was needed"));
        }
        Determination p = det.get().value();
        if (!p.value()) {
            return List.of(finding(d, "manufacturer", maker, Verdict.NOT_IMPLICATED, "the investigator determined that no further precaution "
                    + "was needed", det.get().index()));
        }
        if (d.system() == null) {
            return List.of(finding(d, "manufacturer", null, Verdict.NOT_APPLICABLE, "no registered maker", det.get().index()));
        }
        if (d.card().isPresent() && d.card().get().requiredPrecautions().stream().anyMatch(x -> x.kind().equals(p.precautionKind()))) {
            return List.of(finding(d, "manufacturer", maker, Verdict.NOT_IMPLICATED, "the card of " + d.systemId() + " " + d.reportedVersion()
                    + " states a " + p.precautionKind() + " precaution", det.get().index(), d.version().index()));
        }
        for (DecisionFacts.NoticeFacts n : d.notices()) {
            boolean concerns = WARNING_NOTICES.contains(n.notice().record().kind()) && (p.failureMode() == null
                    ? n.notice().record().kind().equals("precaution") : n.notice().record().failureModes().contains(p.failureMode()));
            if (!concerns || n.notice().record().issuedAt().isAfter(d.eventTime())) {
                continue;
            }
            if (n.receipt() != null && !n.receipt().record().receivedAt().isAfter(d.eventTime())) {
                return List.of(finding(d, "manufacturer", maker, Verdict.NOT_IMPLICATED, "notice " + n.notice().record().id()
                        + " warned of it and reached " + d.site() + " on " + n.receipt().record().receivedAt(), det.get().index(),
                        n.notice().index(), n.receipt().index()));
            }
            return List.of(finding(d, "manufacturer", maker, Verdict.IMPLICATED, "a " + p.precautionKind() + " precaution was needed; notice "
                    + n.notice().record().id() + " stated it on " + n.notice().record().issuedAt() + " but no receipt by " + d.site()
                    + " is on record before the event: the warning did not reach the purchasing organisation", det.get().index(),
                    n.notice().index(), idx(d.version())));
        }
        return List.of(finding(d, "manufacturer", maker, Verdict.IMPLICATED, "the investigator determined a " + p.precautionKind()
                + " precaution was needed" + (p.failureMode() == null ? "" : " against " + p.failureMode()) + "; neither the card in force "
                + "nor any notice to " + d.site() + " before the event stated it", det.get().index(), idx(d.version())));
    }
}
