package org.onus.investigation.rules;

import java.util.List;
import org.onus.investigation.DecisionFacts;
import org.onus.investigation.DecisionRule;
import org.onus.investigation.Finding;
import org.onus.investigation.Link;
import org.onus.investigation.Reconstruction;
import org.onus.investigation.Verdict;

/** The system itself was never registered or never authorized at the site: an in-house or downloaded tool put into use. */
public final class UnregisteredSystemRule extends DecisionRule {

    public UnregisteredSystemRule() {
        super("DEPLOY-UNREGISTERED-SYSTEM", Link.DEPLOYMENT,
                "The system itself was never registered, or never authorized at the site (an in-house or downloaded tool put into use).",
                "EU AI Act Art. 25(1) (who puts a system into service under its own name becomes its provider); "
                        + "hospital AI governance",
                "deployer; no manufacturer finding without a registered maker",
                "never");
    }

    @Override
    protected String mainRole() {
        return "deployer";
    }

    @Override
    protected List<Finding> evaluate(Reconstruction r, DecisionFacts d) {
        if (d.system() == null) {
            return List.of(finding(d, "deployer", deployer(d), Verdict.IMPLICATED, "the system that produced the output ("
                    + (d.systemId() == null ? "unidentified" : d.systemId()) + ", artifact " + d.reportedDigest()
                    + ") is not registered: a tool was put into use outside governance"));
        }
        if (d.authorizationsOfSystemAtSite().isEmpty()) {
            return List.of(finding(d, "deployer", deployer(d), Verdict.IMPLICATED, d.systemId() + " was never authorized at "
                    + d.site() + ", yet it ran there", d.system().index()));
        }
        return List.of(finding(d, "deployer", deployer(d), Verdict.NOT_IMPLICATED, d.systemId() + " is registered and authorized at "
                + d.site(), d.system().index()));
    }
}
