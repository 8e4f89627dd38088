package org.onus.investigation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the responsibility rules over a reconstruction and draws the result together.
 *
 * <p>The primary contributors are the parties at least one finding implicates, ranked by the
 * number of distinct rules that implicate them, then by the earliest link of the chain. When
 * none is implicated the conclusion says so, and when the performance rule found the tool within
 * its validated claim it says that the harm is the residual risk of a validated tool used as
 * authorized. Whatever is undetermined is listed, never silently read as "not implicated".
 */
public final class Investigator {

    public static final String PERFORMANCE_RULE = "DESIGN-PERFORMANCE-BELOW-CLAIM";
    public static final String LIMITATION_RULE = "DESIGN-KNOWN-LIMITATION";
    private final List<Rule> rules;

    public Investigator(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public List<Rule> rules() {
        return rules;
    }

    public Investigation investigate(Reconstruction r) {
        List<Finding> findings = new ArrayList<>();
        for (Rule rule : rules) {
            findings.addAll(collapse(rule.evaluate(r)));
        }
        Map<String, List<Finding>> byLink = new LinkedHashMap<>();
        for (Link l : Link.values()) {
            List<Finding> of = findings.stream().filter(f -> f.link() == l).toList();
            if (!of.isEmpty()) {
                byLink.put(l.wireName(), of);
            }
        }
        Map<String, List<Finding>> byParty = new LinkedHashMap<>();
        for (Finding f : findings) {
            byParty.computeIfAbsent(partyKey(f), k -> new ArrayList<>()).add(f);
        }
        Map<String, Set<String>> rulesOf = new LinkedHashMap<>();
        Map<String, Set<Link>> linksOf = new LinkedHashMap<>();
        for (Finding f : findings) {
            if (f.verdict() == Verdict.IMPLICATED) {
                rulesOf.computeIfAbsent(partyKey(f), k -> new LinkedHashSet<>()).add(f.rule());
                linksOf.computeIfAbsent(partyKey(f), k -> new java.util.TreeSet<>()).add(f.link());
            }
        }
        List<Investigation.Contributor> contributors = new ArrayList<>();
        rulesOf.forEach((key, rs) -> {
            String[] parts = key.split(":", 2);
            contributors.add(new Investigation.Contributor(parts[0], parts[1].isEmpty() ? null : parts[1],
                    linksOf.get(key).stream().map(Link::wireName).toList(), List.copyOf(rs)));
        });
        contributors.sort(Comparator.comparingInt((Investigation.Contributor c) -> -c.rules().size())
                .thenComparing(c -> Link.valueOf(c.links().get(0).toUpperCase(java.util.Locale.ROOT))));
        List<String> missing = findings.stream().filter(f -> f.verdict() == Verdict.UNDETERMINED).flatMap(f -> f.missing().stream())
                .distinct().toList();
        Set<Long> determinations = new java.util.TreeSet<>();
        Set<Long> detIndexes = new java.util.HashSet<>();
        r.incident().determinations().forEach(d -> detIndexes.add(d.index()));
        findings.forEach(f -> f.evidence().stream().filter(detIndexes::contains).forEach(determinations::add));
        return new Investigation(r.incident().id(), r.evaluatedAt(), r.decisionsProposed(),
                r.decisions().stream().map(DecisionFacts::id).toList(), findings, byLink, byParty, contributors,
                conclusion(findings, contributors, missing), missing, List.copyOf(determinations));
    }

    /**
     * One finding per party and verdict of a rule: when several of an incident's decisions give
     * a rule the same answer about the same party (a robot's procedure is dozens of device events
     * under one authorization), the first decision's finding stands for them, citing the evidence
     * of all and saying how many decisions it covers.
     */
    static List<Finding> collapse(List<Finding> findings) {
        Map<String, List<Finding>> groups = new LinkedHashMap<>();
        for (Finding f : findings) {
            groups.computeIfAbsent(f.partyRole() + ":" + f.party() + ":" + f.verdict(), k -> new ArrayList<>()).add(f);
        }
        List<Finding> out = new ArrayList<>();
        for (List<Finding> g : groups.values()) {
            Finding first = g.get(0);
            if (g.size() == 1) {
                out.add(first);
                continue;
            }
            Set<Long> evidence = new java.util.TreeSet<>();
            Set<String> missing = new LinkedHashSet<>();
            g.forEach(f -> {
                evidence.addAll(f.evidence());
                missing.addAll(f.missing());
            });
            long others = g.stream().map(Finding::decision).filter(x -> x != null && !x.equals(first.decision())).distinct().count();
            String because = others == 0 ? first.because() : first.because() + " (the same answer for " + others + " more of the incident's decisions)";
            out.add(new Finding(first.rule(), first.link(), first.partyRole(), first.party(), first.verdict(), because,
                    List.copyOf(missing), first.decision(), List.copyOf(evidence)));
        }
        return out;
    }

    private static String partyKey(Finding f) {
        return f.partyRole() + ":" + (f.party() == null ? "" : f.party());
    }

    private static String conclusion(List<Finding> findings, List<Investigation.Contributor> contributors, List<String> missing) {
        String open = missing.isEmpty() ? "" : " Still undetermined: " + String.join("; ", missing) + ".";
        if (!contributors.isEmpty()) {
            List<String> named = new ArrayList<>();
            for (Investigation.Contributor c : contributors) {
                named.add(c.role() + (c.party() == null ? "" : " " + c.party()) + " (" + String.join(", ", c.links()) + ": "
                        + String.join(", ", c.rules()) + ")");
            }
            return "Implicated: " + String.join("; ", named) + "." + open;
        }
        String limitation = findings.stream().anyMatch(f -> f.rule().equals(LIMITATION_RULE) && f.verdict() == Verdict.NOT_IMPLICATED)
                ? " The failure was in a documented known limitation's mode: not the manufacturer for that mode." : "";
        boolean residual = findings.stream().anyMatch(f -> f.rule().equals(PERFORMANCE_RULE) && f.verdict() == Verdict.NOT_IMPLICATED
                && f.because().startsWith("no defect shown"));
        if (residual) {
            return "No party is implicated: validated tool, used as authorized, residual risk. The tool erred within its validated "
                    + "performance, which is not a defect." + limitation + open;
        }
        return "No party is implicated by the evidence on record." + limitation + open;
    }
}
