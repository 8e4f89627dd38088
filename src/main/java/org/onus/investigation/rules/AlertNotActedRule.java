package org.onus.investigation.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.onus.investigation.AlertFacts;
import org.onus.investigation.DecisionFacts;
import org.onus.investigation.Finding;
import org.onus.investigation.Link;
import org.onus.investigation.Reconstruction;
import org.onus.investigation.Rule;
import org.onus.investigation.Verdict;

/**
 * An alert on the deployment before the incident was not acknowledged or not acted on within the
 * authorization's response time (or, where it sets none, before the incident). Judged once per
 * deployment the incident's decisions ran on.
 */
public final class AlertNotActedRule implements Rule {

    @Override
    public String id() {
        return "MONITOR-ALERT-NOT-ACTED";
    }

    @Override
    public String statement() {
        return "An alert on this deployment before the incident was not acknowledged or not acted on within the authorization's "
                + "response time; the manufacturer too if the alert was a post-market signal sent to it.";
    }

    @Override
    public String basis() {
        return "EU AI Act Art. 26(5) (deployer monitors and informs) and Art. 72 (provider's post-market monitoring); "
                + "EU MDR Art. 83-86 (post-market surveillance, trend reporting)";
    }

    @Override
    public Link link() {
        return Link.MONITORING;
    }

    @Override
    public String parties() {
        return "deployer; manufacturer too if the alert was a post-market signal sent to it";
    }

    @Override
    public String undeterminedWhen() {
        return "the incident concerns no recorded decision, so no deployment to look at";
    }

    @Override
    public List<Finding> evaluate(Reconstruction r) {
        Map<String, DecisionFacts> byDeployment = new LinkedHashMap<>();
        r.decisions().forEach(d -> byDeployment.putIfAbsent(d.deployment(), d));
        List<Finding> out = new ArrayList<>();
        if (byDeployment.isEmpty()) {
            out.add(new Finding(id(), link(), "deployer", null, Verdict.UNDETERMINED, "the incident concerns no recorded decision",
                    List.of("a decision linked to the incident"), null, List.of(r.incident().filing().index())));
            return out;
        }
        Instant t = r.incident().occurredAt();
        for (DecisionFacts d : byDeployment.values()) {
            List<AlertFacts> before = r.alertsOn(d.deployment()).stream().filter(a -> a.raisedAt().isBefore(t)).toList();
            if (before.isEmpty()) {
                out.add(new Finding(id(), link(), "deployer", d.site(), Verdict.NOT_IMPLICATED, "no alert entry was raised on deployment "
                        + d.deployment() + " in the monitoring window before the incident", List.of(), d.id(), List.of(d.index())));
                continue;
            }
            Double hours = d.auth().map(a -> a.oversight() == null ? null : a.oversight().alertResponseHours()).orElse(null);
            for (AlertFacts a : before) {
                Instant deadline = a.respondBy() != null ? a.respondBy()
                        : hours == null ? t : a.raisedAt().plus(Duration.ofMinutes(Math.round(hours * 60)));
                List<Long> evidence = new ArrayList<>(List.of(a.index()));
                if (a.acknowledgementIndex() != null) {
                    evidence.add(a.acknowledgementIndex());
                }
                if (a.actionIndex() != null) {
                    evidence.add(a.actionIndex());
                }
                if (d.authorization() != null) {
                    evidence.add(d.authorization().index());
                }
                boolean timed = a.respondBy() != null || hours != null;
                String window = !timed ? "before the incident" : "within the response time (by " + deadline + ")";
                if (timed && deadline.isAfter(t)) {
                    out.add(new Finding(id(), link(), "deployer", d.site(), Verdict.NOT_IMPLICATED, "alert " + a.id() + " (" + a.summary()
                            + ") was raised on " + a.raisedAt() + "; the incident came before its response time ran out (" + deadline + ")",
                            List.of(), d.id(), evidence));
                    continue;
                }
                boolean acked = a.acknowledgedAt() != null && !a.acknowledgedAt().isAfter(deadline);
                boolean acted = a.actedAt() != null && !a.actedAt().isAfter(deadline);
                if (acked && acted) {
                    out.add(new Finding(id(), link(), "deployer", d.site(), Verdict.NOT_IMPLICATED, "alert " + a.id() + " was acknowledged on "
                            + a.acknowledgedAt() + " and acted on on " + a.actedAt() + ", " + window, List.of(), d.id(), evidence));
                    continue;
                }
                String because = "alert " + a.id() + " (" + a.summary() + ") raised on " + a.raisedAt()
                        + (a.sentTo().isEmpty() ? "" : " to " + String.join(", ", a.sentTo())) + " was " + (acked ? "acknowledged but not acted on"
                        : "not acknowledged" + (acted ? "" : " nor acted on")) + " " + window;
                out.add(new Finding(id(), link(), "deployer", d.site(), Verdict.IMPLICATED, because, List.of(), d.id(), evidence));
                if (a.manufacturerNotified()) {
                    out.add(new Finding(id(), link(), "manufacturer", d.manufacturer().orElse(null), Verdict.IMPLICATED,
                            because + "; it was a post-market signal sent to the manufacturer", List.of(), d.id(), evidence));
                }
            }
        }
        return out;
    }
}
