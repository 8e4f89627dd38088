package org.onus.investigation.rules;

import java.util.ArrayList;
import java.util.List;
import org.onus.investigation.DecisionFacts;
import org.onus.investigation.DecisionRule;
import org.onus.investigation.Finding;
import org.onus.investigation.Link;
import org.onus.investigation.Reconstruction;
import org.onus.investigation.Registered;
import org.onus.investigation.Verdict;

/** The version used was not authorized at that site and unit at that time, or its authorization had expired or was revoked. */
public final class UnauthorizedVersionRule extends DecisionRule {

    public UnauthorizedVersionRule() {
        super("DEPLOY-UNAUTHORIZED-VERSION", Link.DEPLOYMENT,
                "The version used was not authorized at that site and unit at that time (authorization as of the event), "
                        + "or the authorization had expired or was revoked.",
                "EU AI Act Art. 26(1)-(2) (deployer uses the system per instructions, under assigned oversight); "
                        + "hospital AI governance (Joint Commission/CHAI guidance on AI use)",
                "deployer (whoever let it run there)",
                "never: the registry either held an authorization in force or did not");
    }

    @Override
    protected String mainRole() {
        return "deployer";
    }

    @Override
    protected List<Finding> evaluate(Reconstruction r, DecisionFacts d) {
        if (d.system() == null || d.authorizationsOfSystemAtSite().isEmpty()) {
            return List.of(finding(d, "deployer", deployer(d), Verdict.NOT_APPLICABLE,
                    "the system was never registered or never authorized at " + d.site() + "; DEPLOY-UNREGISTERED-SYSTEM speaks to that"));
        }
        List<String> problems = Checks.authorizationProblems(d);
        List<Long> evidence = new ArrayList<>();
        d.authorizationsOfSystemAtSite().stream().map(Registered::index).forEach(evidence::add);
        if (d.version() != null) {
            evidence.add(d.version().index());
        }
        if (problems.isEmpty()) {
            return List.of(finding(d, "deployer", deployer(d), Verdict.NOT_IMPLICATED, "version " + d.reportedVersion()
                    + " ran under authorization " + d.authorization().record().id() + ", in force for it at that unit and time",
                    List.of(), evidence));
        }
        String by = d.authorization() == null || d.authorization().record().authorizedBy() == null ? ""
                : " (authorization by " + d.authorization().record().authorizedBy().party() + ")";
        return List.of(finding(d, "deployer", deployer(d), Verdict.IMPLICATED, "version " + d.reportedVersion() + " of "
                + d.systemId() + " ran at " + d.site() + " without an authorization in force for it: " + String.join("; ", problems) + by,
                List.of(), evidence));
    }
}
