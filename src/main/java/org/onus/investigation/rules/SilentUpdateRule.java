package org.onus.investigation.rules;

import java.util.List;
import org.onus.investigation.DecisionFacts;
import org.onus.investigation.DecisionRule;
import org.onus.investigation.Finding;
import org.onus.investigation.Link;
import org.onus.investigation.Reconstruction;
import org.onus.investigation.Registered;
import org.onus.investigation.Verdict;
import org.onus.registry.AiVersion;

/** The reported artifact digest is not a registered version of a registered system (a silent update). */
public final class SilentUpdateRule extends DecisionRule {

    public SilentUpdateRule() {
        super("DESIGN-SILENT-UPDATE", Link.DESIGN,
                "The reported artifact digest is not the digest of any registered version of the registered system (a silent update).",
                "EU MDR Annex IX / FDA guidance on software changes (a significant change needs assessment, and the "
                        + "predetermined change control plan); EU AI Act Art. 3(23) substantial modification, Art. 43(4)",
                "manufacturer",
                "never: the digest either is registered or is not");
    }

    @Override
    protected String mainRole() {
        return "manufacturer";
    }

    @Override
    protected List<Finding> evaluate(Reconstruction r, DecisionFacts d) {
        if (d.system() == null) {
            return List.of(finding(d, "manufacturer", null, Verdict.NOT_APPLICABLE,
                    "the system is not registered: no manufacturer finding without a registered maker"));
        }
        Long versionIndex = idx(d.version());
        if (d.version() != null && d.version().record().artifactDigest().equals(d.reportedDigest())) {
            return List.of(finding(d, "manufacturer", manufacturer(d), Verdict.NOT_IMPLICATED, "the reported artifact is the registered "
                    + d.systemId() + " " + d.reportedVersion(), versionIndex));
        }
        List<Registered<AiVersion>> same = d.versionsWithDigest().stream().filter(v -> v.record().system().equals(d.systemId())).toList();
        if (!same.isEmpty()) {
            Registered<AiVersion> v = same.get(0);
            return List.of(finding(d, "manufacturer", manufacturer(d), Verdict.NOT_IMPLICATED, "the reported artifact is the registered "
                    + v.record().key() + " (reported as " + d.reportedVersion() + ")", v.index(), versionIndex));
        }
        String registered = d.version() == null ? "version " + d.reportedVersion() + " is not registered"
                : "the registered " + d.reportedVersion() + " is " + d.version().record().artifactDigest();
        return List.of(finding(d, "manufacturer", manufacturer(d), Verdict.IMPLICATED, "the artifact that ran ("
                + d.reportedDigest() + ") is not any registered version of " + d.systemId() + " (" + registered
                + "): the product was changed without a registered version", d.system().index(), versionIndex));
    }
}
