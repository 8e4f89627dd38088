package org.onus.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the demo hospital holds and, above all, what was planted in it on purpose, so that tests,
 * the monitoring dashboards and the investigation demo can find each problem by its ids.
 *
 * @param counts records produced per kind
 * @param problems planted problems, each with a stable code
 * @param incidents scripted cases fit to be filed as incidents, each with its decisions
 */
public record DemoSummary(long seed, double scale, Instant start, Instant end, Map<String, Long> counts,
                          List<PlantedProblem> problems, List<IncidentCandidate> incidents) {

    /**
     * One planted problem.
     *
     * @param code stable code, e.g. {@code unregistered-version}
     * @param subjects ids of the registry objects concerned (authorization, unit, clinician, version, notice)
     * @param decisions ids of the decisions that exhibit it (empty when it is a property of the registry alone)
     */
    public record PlantedProblem(String code, String description, List<String> subjects, List<String> decisions) {
    }

    /**
     * A scripted case with harm or a near miss, for an investigation to start from.
     *
     * @param code stable code, e.g. {@code robot-thermal-injury}
     * @param patient the hospital's patient id (MRN)
     * @param decisions the decisions involved, first the one the incident turns on
     * @param outcome the outcome record that reports the harm
     * @param expectedFindings what a correct investigation should conclude, in words
     */
    public record IncidentCandidate(String code, String site, String patient, Instant occurredAt, String narrative,
                                    List<String> decisions, String outcome, String expectedFindings) {
    }

    public PlantedProblem problem(String code) {
        return problems.stream().filter(p -> p.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no planted problem " + code));
    }

    public IncidentCandidate incident(String code) {
        return incidents.stream().filter(p -> p.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no incident candidate " + code));
    }

    /** The summary as JSON, e.g. for {@code ./onus demo} to print or serve. */
    public ObjectNode toJson() {
        return Json.obj("seed", seed, "scale", scale, "start", start, "end", end, "counts", counts,
                "problems", problems.stream().map(p -> Json.obj("code", p.code(), "description", p.description(),
                        "subjects", p.subjects(), "decisions", p.decisions())).toList(),
                "incidents", incidents.stream().map(i -> Json.obj("code", i.code(), "site", i.site(), "patient", i.patient(),
                        "occurredAt", i.occurredAt(), "narrative", i.narrative(), "decisions", i.decisions(),
                        "outcome", i.outcome(), "expectedFindings", i.expectedFindings())).toList());
    }
}
