package org.onus.investigation;

import java.time.Instant;
import java.util.List;

/**
 * An incident rebuilt as it stood: the patient's timeline in a window around it, each decision
 * it concerns with the registry state at that decision's moment, the alerts raised on those
 * deployments before it and what was done about them, and the reports it owes. This is the only
 * input of the responsibility rules, and it is a plain immutable value, so a report can render it.
 *
 * @param decisionsProposed true when the incident linked no decisions and these are the patient's decisions in the
 *     window before it, proposed by Onus
 * @param owedReports the reports owed with their status; null when the regulatory clocks could not say
 */
public record Reconstruction(IncidentState incident, Instant evaluatedAt, Instant windowFrom, Instant windowTo,
                             List<TimelineEvent> timeline, boolean decisionsProposed, List<DecisionFacts> decisions,
                             List<AlertFacts> alerts, List<OwedReports.OwedReport> owedReports) {

    public Reconstruction {
        timeline = List.copyOf(timeline);
        decisions = List.copyOf(decisions);
        alerts = List.copyOf(alerts);
        owedReports = owedReports == null ? null : List.copyOf(owedReports);
    }

    /** One entry of the patient's timeline: its index, type, the time it happened and the decision it belongs to. */
    public record TimelineEvent(long index, String type, Instant time, String decision) {
    }

    /** The alerts raised on a deployment. */
    public List<AlertFacts> alertsOn(String deployment) {
        return alerts.stream().filter(a -> a.deployment().equals(deployment)).toList();
    }
}
