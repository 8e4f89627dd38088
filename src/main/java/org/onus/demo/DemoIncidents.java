package org.onus.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.onus.investigation.Finding;
import org.onus.investigation.IncidentServices;
import org.onus.investigation.Investigation;
import org.onus.investigation.Verdict;
import org.onus.ledger.Entries;
import org.onus.ledger.TenantLog;
import org.onus.registry.RecordKind;

/**
 * Files the demo hospital's scripted incident cases as incidents, as each site's patient-safety
 * officer would, with the determinations an investigator would enter for each, and runs the
 * investigation: what {@code onus demo} shows an investigator on first start. Every write goes
 * through the same services as the API.
 */
public final class DemoIncidents {

    static final String ACTOR = "demo-patient-safety";

    /** The determinations each case's investigator enters: kind, value, failure mode. */
    private static final Map<String, List<String[]>> DETERMINATIONS = Map.of(
            "srs-correct-alert-overridden", List.<String[]>of(new String[] {"ai-standard-of-care", "true", null}, new String[] {"ai-correct", "true", null}),
            "robot-conversion-untrained-surgeon", List.<String[]>of(new String[] {"failure-mode", "true", "E-217"}),
            "mammo-implants-known-limitation", List.<String[]>of(new String[] {"failure-mode", "true", "breast-implants"}),
            "scribe-wrong-dose-signed-unreviewed", List.<String[]>of(new String[] {"failure-mode", "true", "medication-dose-transcription"}),
            "srs-adolescent-wider-authorization", List.<String[]>of(new String[] {"failure-mode", "true", "under-18"}));

    /** One case filed and investigated: its code, the incident's id and the investigation's conclusion. */
    public record Filed(String code, String incident, Investigation investigation) {
        public long implicated() {
            return investigation.findings().stream().filter(f -> f.verdict() == Verdict.IMPLICATED).count();
        }
    }

    private final IncidentServices services;
    private final Clock clock;

    public DemoIncidents(IncidentServices services, Clock clock) {
        this.services = services;
        this.clock = clock;
    }

    public List<Filed> fileAll(DemoSummary summary) {
        List<Filed> out = new ArrayList<>();
        for (DemoSummary.IncidentCandidate c : summary.incidents()) {
            out.add(file(c));
        }
        return out;
    }

    Filed file(DemoSummary.IncidentCandidate c) {
        String officer = "pso-" + c.site().replaceFirst("^site-", "");
        if (!services.tenant().registry().exists(RecordKind.PARTY, officer)) {
            services.tenant().registry().write(RecordKind.PARTY, Json.obj("id", officer, "kind", "clinician", "name",
                    "Patient-safety officer, " + c.site(), "role", "patient-safety officer", "affiliation", c.site()), ACTOR, null, null, null);
        }
        Instant harm = harmTime(c);
        Instant now = clock.instant();
        Instant aware = harm.plus(Duration.ofHours(6)).isAfter(now) ? now : harm.plus(Duration.ofHours(6));
        boolean nearMiss = c.code().contains("near-miss");
        String id = "inc-" + c.code();
        ObjectNode body = Json.obj("id", id, "kind", nearMiss ? "near-miss" : "harm", "occurredAt", harm.toString(),
                "awareAt", aware.toString(), "site", c.site(), "patient", Json.obj("id", c.patient()),
                "severity", Json.obj("scale", "ahrq-harm", "value", nearMiss ? "no-harm" : "severe-harm"), "seriousInjury", !nearMiss,
                "decisions", c.decisions(), "narrative", c.narrative(), "reporter", officer);
        services.incidents().file(body, ACTOR);
        for (String[] d : DETERMINATIONS.getOrDefault(c.code(), List.of())) {
            // A failure mode is the incident's, whichever of its decisions showed it; the other judgements are about the first.
            ObjectNode det = Json.obj("kind", d[0], "investigator", officer,
                    "rationale", "Demo investigator's review of the record for case " + c.code() + ".");
            if (d[0].equals("failure-mode")) {
                det.put("failureMode", d[2]);
            } else {
                det.put("decision", c.decisions().get(0));
                det.put("value", Boolean.parseBoolean(d[1]));
            }
            services.incidents().determine(id, det, ACTOR);
        }
        Investigation i = services.investigate(id, new IncidentServices.Reader(ACTOR, "investigator", false));
        return new Filed(c.code(), id, i);
    }

    /** When the harm showed: the outcome's observation time, else the decision's. */
    private Instant harmTime(DemoSummary.IncidentCandidate c) {
        TenantLog log = services.tenant().log();
        if (c.outcome() != null) {
            var index = log.uniqueKeyIndex("outcome/" + c.outcome());
            if (index.isPresent()) {
                JsonNode data = Entries.parse(log.entry(index.get()).orElseThrow().bytes()).get("data");
                return Instant.parse(data.get("observedAt").asText());
            }
        }
        return c.occurredAt();
    }

    /** One line per finding that implicates someone, for the console. */
    public static List<String> implicatedLines(Investigation i) {
        List<String> out = new ArrayList<>();
        for (Finding f : i.findings()) {
            if (f.verdict() == Verdict.IMPLICATED) {
                out.add(f.rule() + " -> " + f.partyRole() + (f.party() == null ? "" : " " + f.party()));
            }
        }
        return out;
    }
}
