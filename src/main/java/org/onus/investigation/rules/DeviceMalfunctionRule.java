package org.onus.investigation.rules;

import java.util.ArrayList;
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

/**
 * A device malfunctioned while used as authorized: its own fault event, or an investigator's
 * determination. The investigator's determination, when there is one, decides over the event.
 */
public final class DeviceMalfunctionRule extends DecisionRule {

    public DeviceMalfunctionRule() {
        super("DESIGN-DEVICE-MALFUNCTION", Link.DESIGN,
                "A device malfunctioned while used as authorized (its own fault event, or a determination): failed to perform as "
                        + "designed; the deployer too if a notice about that fault had reached it and was not applied.",
                "Product liability (manufacturing or design defect); EU MDR Art. 87 and 21 CFR 803 (malfunction reporting); "
                        + "EU AI Act Art. 26(1)",
                "manufacturer; deployer too if a notice about that fault had not been applied",
                "the output is a device action and neither a fault event nor a determination of malfunction is on record");
    }

    @Override
    protected String mainRole() {
        return "manufacturer";
    }

    @Override
    protected List<Finding> evaluate(Reconstruction r, DecisionFacts d) {
        String maker = manufacturer(d);
        Optional<Recorded<Determination>> det = r.incident().determinationFor(Determination.DEVICE_MALFUNCTION, d.id());
        boolean fault = "fault".equals(d.output().deviceActionKind());
        if (det.isPresent() && !det.get().value().value()) {
            return List.of(finding(d, "manufacturer", maker, Verdict.NOT_IMPLICATED, "the investigator determined that the device did not "
                    + "malfunction" + (fault ? " (despite its fault event " + d.output().deviceCode() + ")" : ""), det.get().index()));
        }
        if (det.isEmpty() && !fault) {
            if ("device-action".equals(d.output().kind())) {
                return List.of(undetermined(d, "manufacturer", maker, "no fault event and no determination on record for this device action",
                        "a determination whether the device malfunctioned"));
            }
            return List.of(finding(d, "manufacturer", maker, Verdict.NOT_IMPLICATED, "no fault event and no determination of a device malfunction"));
        }
        String code = det.map(x -> x.value().failureMode()).filter(x -> x != null).orElse(d.output().deviceCode());
        Long detIndex = det.map(Recorded::index).orElse(null);
        List<String> scope = Checks.authorizationProblems(d);
        if (!scope.isEmpty()) {
            return List.of(finding(d, "manufacturer", maker, Verdict.NOT_APPLICABLE, "the device malfunctioned, but it was not used as "
                    + "authorized (" + String.join("; ", scope) + ")", detIndex));
        }
        java.util.Optional<org.onus.registry.ModelCard.Limitation> documented = code == null ? java.util.Optional.empty()
                : d.card().flatMap(c -> c.knownLimitations().stream().filter(l -> l.failureMode().equalsIgnoreCase(code)).findFirst());
        if (documented.isPresent()) {
            return List.of(finding(d, "manufacturer", maker, Verdict.NOT_IMPLICATED, "the malfunction (" + code + ") is a documented known "
                    + "limitation of " + d.systemId() + " " + d.reportedVersion() + " (\"" + documented.get().description()
                    + "\"): not the manufacturer for this mode", detIndex, idx(d.version())));
        }
        String how = det.isPresent() ? "the investigator determined a malfunction" + (code == null ? "" : " (" + code + ")")
                : "the device recorded a fault (" + code + ")";
        List<Finding> out = new ArrayList<>();
        out.add(finding(d, "manufacturer", maker, Verdict.IMPLICATED, "failed to perform as designed: " + how
                + " while used as authorized", detIndex, idx(d.authorization())));
        for (DecisionFacts.NoticeFacts n : d.notices()) {
            boolean aboutIt = code != null && n.notice().record().failureModes().contains(code);
            boolean received = n.receipt() != null && !n.receipt().record().receivedAt().isAfter(d.eventTime());
            boolean applied = received && n.receipt().record().appliedAt() != null && !n.receipt().record().appliedAt().isAfter(d.eventTime());
            if (aboutIt && received && !applied) {
                out.add(finding(d, "deployer", deployer(d), Verdict.IMPLICATED, "notice " + n.notice().record().id() + " about fault " + code
                        + " reached " + d.site() + " on " + n.receipt().record().receivedAt() + " and had not been applied by the event",
                        n.notice().index(), n.receipt().index(), detIndex));
            }
        }
        return out;
    }
}
