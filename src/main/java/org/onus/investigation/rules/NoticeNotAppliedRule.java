package org.onus.investigation.rules;

import java.time.Instant;
import java.util.ArrayList;
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
import org.onus.registry.Notice;

/**
 * A recall, field safety notice or corrective action about the version reached the deployer
 * before the event and was not applied in time (by its {@code applyBy}, else on receipt): the
 * deployer. A notice issued only after the event about the failure that occurred says the
 * version was faulty when it was used: the manufacturer.
 */
public final class NoticeNotAppliedRule extends DecisionRule {

    private static final Set<String> CORRECTIVE = Set.of("recall", "field-safety-notice", "corrective-action");

    public NoticeNotAppliedRule() {
        super("MONITOR-NOTICE-NOT-APPLIED", Link.MONITORING,
                "A recall or field safety notice reached the deployer before the event and its corrective action was not applied in time: "
                        + "the deployer for events after the notice; the manufacturer for events before it.",
                "EU MDR Art. 89 and MEDDEV 2.12/1 (field safety corrective actions); 21 CFR 806; EU AI Act Art. 20 and 26(5)",
                "deployer for events after the notice; manufacturer for events before it",
                "a notice issued after the event names failure modes but the incident's failure mode is not determined");
    }

    @Override
    protected String mainRole() {
        return "deployer";
    }

    @Override
    protected List<Finding> evaluate(Reconstruction r, DecisionFacts d) {
        List<DecisionFacts.NoticeFacts> corrective = d.notices().stream()
                .filter(n -> CORRECTIVE.contains(n.notice().record().kind())).toList();
        if (corrective.isEmpty()) {
            return List.of(finding(d, "deployer", deployer(d), Verdict.NOT_IMPLICATED, "no recall, field safety notice or corrective action "
                    + "about " + d.systemId() + " " + d.reportedVersion() + " is on record"));
        }
        Optional<Recorded<Determination>> mode = r.incident().determinationFor(Determination.FAILURE_MODE, d.id());
        String fault = mode.map(m -> m.value().failureMode()).orElse("fault".equals(d.output().deviceActionKind()) ? d.output().deviceCode() : null);
        List<Finding> out = new ArrayList<>();
        for (DecisionFacts.NoticeFacts n : corrective) {
            Notice notice = n.notice().record();
            if (notice.issuedAt().isAfter(d.eventTime())) {
                if (notice.failureModes().isEmpty()) {
                    out.add(finding(d, "manufacturer", manufacturer(d), Verdict.IMPLICATED, notice.kind() + " " + notice.id() + " about "
                            + d.reportedVersion() + " was issued on " + notice.issuedAt() + ", after the event: the version was subject to it "
                            + "when it was used", n.notice().index()));
                } else if (fault == null) {
                    out.add(undetermined(d, "manufacturer", manufacturer(d), notice.kind() + " " + notice.id() + " was issued after the event "
                            + "for failure modes " + notice.failureModes(), "a determination of the failure mode, to tell whether notice "
                            + notice.id() + " concerns this event", n.notice().index()));
                } else if (notice.failureModes().contains(fault)) {
                    out.add(finding(d, "manufacturer", manufacturer(d), Verdict.IMPLICATED, notice.kind() + " " + notice.id() + " for "
                            + fault + " was issued on " + notice.issuedAt() + ", after the event: the failure predates the notice",
                            n.notice().index(), mode.map(Recorded::index).orElse(null)));
                } else {
                    out.add(finding(d, "manufacturer", manufacturer(d), Verdict.NOT_IMPLICATED, notice.kind() + " " + notice.id()
                            + " concerns " + notice.failureModes() + ", not " + fault, n.notice().index()));
                }
                continue;
            }
            if (n.receipt() == null || n.receipt().record().receivedAt().isAfter(d.eventTime())) {
                out.add(undetermined(d, "deployer", deployer(d), notice.kind() + " " + notice.id() + " was issued on " + notice.issuedAt()
                        + " but no receipt by " + d.site() + " before the event is on record", "the site's receipt of notice " + notice.id(),
                        n.notice().index()));
                continue;
            }
            if (fault != null && !notice.failureModes().isEmpty() && !notice.failureModes().contains(fault)) {
                out.add(finding(d, "deployer", deployer(d), Verdict.NOT_IMPLICATED, notice.kind() + " " + notice.id() + " concerns "
                        + notice.failureModes() + ", not the failure here (" + fault + ")", n.notice().index(), n.receipt().index()));
                continue;
            }
            Notice.Receipt receipt = n.receipt().record();
            Instant due = notice.applyBy() != null ? notice.applyBy() : receipt.receivedAt();
            boolean applied = receipt.appliedAt() != null && !receipt.appliedAt().isAfter(d.eventTime());
            if (applied) {
                out.add(finding(d, "deployer", deployer(d), Verdict.NOT_IMPLICATED, notice.kind() + " " + notice.id() + " was applied on "
                        + receipt.appliedAt() + ", before the event", n.notice().index(), n.receipt().index()));
            } else if (due.isAfter(d.eventTime())) {
                out.add(finding(d, "deployer", deployer(d), Verdict.NOT_IMPLICATED, notice.kind() + " " + notice.id() + " reached "
                        + d.site() + " on " + receipt.receivedAt() + " and was due to be applied by " + due + ", after the event",
                        n.notice().index(), n.receipt().index()));
            } else {
                out.add(finding(d, "deployer", deployer(d), Verdict.IMPLICATED, notice.kind() + " " + notice.id() + " reached " + d.site()
                        + " on " + receipt.receivedAt() + (notice.correctiveAction() == null ? "" : " (" + notice.correctiveAction() + ")")
                        + " and was not applied by " + due + "; the event followed at " + d.eventTime(), n.notice().index(), n.receipt().index()));
            }
        }
        return out;
    }
}
