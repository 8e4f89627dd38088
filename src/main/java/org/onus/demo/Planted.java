package org.onus.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.onus.demo.DemoSummary.IncidentCandidate;
import org.onus.demo.DemoSummary.PlantedProblem;

/** Collects, while the story is generated, which records carry which planted problem. */
final class Planted {

    private record Problem(String description, Set<String> subjects, Set<String> decisions) {
    }

    private final Map<String, Problem> problems = new LinkedHashMap<>();
    private final List<IncidentCandidate> incidents = new ArrayList<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();

    Planted() {
        DemoRecord.KINDS.forEach(k -> counts.put(k, 0L));
    }

    /** Declares a problem (in the order the summary lists them) with the registry objects it concerns. */
    void declare(String code, String description, String... subjects) {
        problems.computeIfAbsent(code, c -> new Problem(description, new LinkedHashSet<>(), new LinkedHashSet<>()))
                .subjects().addAll(List.of(subjects));
    }

    void subject(String code, String subject) {
        problem(code).subjects().add(subject);
    }

    void decision(String code, String decision) {
        problem(code).decisions().add(decision);
    }

    private Problem problem(String code) {
        Problem p = problems.get(code);
        if (p == null) {
            throw new IllegalStateException("undeclared planted problem " + code);
        }
        return p;
    }

    void incident(String code, String site, String patient, Instant at, String narrative, List<String> decisions, String outcome,
                  String expected) {
        incidents.add(new IncidentCandidate(code, site, patient, at, narrative, List.copyOf(decisions), outcome, expected));
    }

    void count(String kind) {
        counts.merge(kind, 1L, Long::sum);
    }

    DemoSummary summary(long seed, double scale, Instant start, Instant end) {
        List<PlantedProblem> list = new ArrayList<>();
        problems.forEach((code, p) -> list.add(new PlantedProblem(code, p.description(), List.copyOf(p.subjects()),
                List.copyOf(p.decisions()))));
        return new DemoSummary(seed, scale, start, end, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts)), List.copyOf(list), List.copyOf(incidents));
    }
}
