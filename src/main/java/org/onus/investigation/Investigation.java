package org.onus.investigation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an investigation hands back: every finding, grouped by link of the chain and by party,
 * the primary contributors, a conclusion in words, what is still undetermined, and the human
 * determinations it used. A plain immutable value, so a report can render it as it is.
 *
 * @param byLink findings per link (design, data, deployment, use, monitoring, reporting), in chain order
 * @param byParty findings per party, keyed {@code role:id} (e.g. {@code manufacturer:acme})
 * @param primaryContributors the implicated parties, most implicated first
 * @param undetermined every distinct piece of missing information named by an undetermined finding
 * @param determinationsUsed ledger indexes of the determinations the findings rest on
 */
public record Investigation(String incident, Instant evaluatedAt, boolean decisionsProposed, List<String> decisions,
                            List<Finding> findings, Map<String, List<Finding>> byLink, Map<String, List<Finding>> byParty,
                            List<Contributor> primaryContributors, String conclusion, List<String> undetermined,
                            List<Long> determinationsUsed) {

    public Investigation {
        decisions = List.copyOf(decisions);
        findings = List.copyOf(findings);
        byLink = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byLink));
        byParty = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byParty));
        primaryContributors = List.copyOf(primaryContributors);
        undetermined = List.copyOf(undetermined);
        determinationsUsed = List.copyOf(determinationsUsed);
    }

    /** An implicated party: its role and id, the links and rules that implicate it. */
    public record Contributor(String role, String party, List<String> links, List<String> rules) {
        public Contributor {
            links = List.copyOf(links);
            rules = List.copyOf(rules);
        }
    }

    /** Every ledger index any finding cites. */
    public List<Long> evidence() {
        return findings.stream().flatMap(f -> f.evidence().stream()).distinct().sorted().toList();
    }

    /** The findings of one rule. */
    public List<Finding> of(String rule) {
        return findings.stream().filter(f -> f.rule().equals(rule)).toList();
    }
}
