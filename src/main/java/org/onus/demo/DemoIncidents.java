package org.onus.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.onus.investigation.Finding;
import org.onus.investigation.IncidentServices;
import org.onus.investigation.Investigation;
import org.onus.investigation.Verdict;
import org.onus.ledger.Entries;
import org.onus.ledger.TenantLog;
import org.onus.investigation.clocks.IncidentFacts;
import org.onus.investigation.clocks.OwedReport;
import org.onus.investigation.clocks.RegulatoryReports;
import org.onus.investigation.clocks.ReportStatus;
import org.onus.investigation.clocks.Schedule;
import org.onus.registry.RecordKind;
import org.onus.validation.Fields;

/**
 * Files the demo hospital's scripted incident cases as incidents, as each site's patient-safety
 * officer would, with the determinations an investigator would enter for each, and runs the
 * investigation: what {@code onus demo} shows an investigator on first start. Every write goes
 * through the same services as the API.
 *
 * <p>Given the regulatory clocks, it also files the reports the device incidents owe, as the
 * site and the manufacturer would ({@link #FILING}): the Köln mammography case's MDR report and
 * the thermal injury's user facility report on time, the thermal injury's manufacturer's 30-day
 * report late, the missed cancer's user facility report late, and no user facility report for
 * the untrained surgeon's case, which is overdue once its ten work days have passed. A filing
 * that would lie in the future (a case too recent for it) is not made, so the report stays due.
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

    /**
     * When each case's reports are filed, by the report's kind (its JSON word): days after its
     * clock started (positive), or days after it fell due (negative: late by that many days);
     * a kind not listed is not filed.
     */
    static final Map<String, Map<String, Integer>> FILING = Map.of(
            "mammo-implants-known-limitation", Map.of("serious-incident-to-competent-authority", 6),
            "robot-thermal-injury-notice-late", Map.of("user-facility-serious-injury-to-manufacturer", 2, "manufacturer-30-day", -4),
            "robot-conversion-untrained-surgeon", Map.of("manufacturer-30-day", 12),
            "mammo-missed-cancer-drift", Map.of("user-facility-serious-injury-to-manufacturer", -3, "manufacturer-30-day", 12));

    /**
     * One case filed and investigated: its code, the incident's id, the investigation's conclusion,
     * and the reports it owes as of its filing (null without the clocks, or when they cannot say).
     */
    public record Filed(String code, String incident, Investigation investigation, Schedule reports) {

        public Filed(String code, String incident, Investigation investigation) {
            this(code, incident, investigation, null);
        }

        public long implicated() {
            return investigation.findings().stream().filter(f -> f.verdict() == Verdict.IMPLICATED).count();
        }
    }

    private final IncidentServices services;
    private final RegulatoryReports reports;
    private final Clock clock;

    public DemoIncidents(IncidentServices services, Clock clock) {
        this(services, null, clock);
    }

    /** @param reports the regulatory clocks, to file the reports the incidents owe; null to file none */
    public DemoIncidents(IncidentServices services, RegulatoryReports reports, Clock clock) {
        this.services = services;
        this.reports = reports;
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
        Schedule schedule = reports == null ? null : fileReports(c.code(), id);
        Investigation i = services.investigate(id, new IncidentServices.Reader(ACTOR, "investigator", false));
        return new Filed(c.code(), id, i, schedule);
    }

    /** Files the case's reports as {@link #FILING} says; answers where they stand now. */
    private Schedule fileReports(String code, String id) {
        TenantLog log = services.tenant().log();
        Optional<IncidentFacts> facts = reports.facts(log, id);
        if (facts.isEmpty()) {
            return null;
        }
        Instant now = clock.instant();
        Map<String, Integer> plan = FILING.getOrDefault(code, Map.of());
        for (ReportStatus st : reports.schedule(log, facts.get(), now).reports()) {
            OwedReport r = st.report();
            Integer days = plan.get(Fields.wordOf(r.kind()));
            if (days == null || st.initial() != null || (days < 0 && r.dueBy() == null)) {
                continue;
            }
            Instant at = days >= 0 ? r.startsAt().plus(Duration.ofDays(days)) : r.dueBy().plus(Duration.ofDays(-days));
            if (at.isAfter(now)) {
                continue;
            }
            ObjectNode body = Json.obj("regime", Fields.wordOf(r.kind().regime()), "kind", Fields.wordOf(r.kind()), "stage", "initial",
                    "filedAt", at.toString(), "reference", reference(r, id), "by", r.owedBy());
            reports.file(log, facts.get(), body, ACTOR);
        }
        return reports.schedule(log, facts.get(), now);
    }

    private static String reference(OwedReport r, String incident) {
        String prefix = switch (r.kind().regime()) {
            case EU_MDR -> "DE-BfArM-";
            case US_FDA_803 -> "MW";
            default -> "REF-";
        };
        return prefix + String.format("%07d", Math.floorMod((incident + "/" + r.kind()).hashCode(), 10_000_000));
    }

    /** One line per report owed, for the console: what, by whom, the deadline and where it stands. */
    public static List<String> reportLines(Schedule s) {
        List<String> out = new ArrayList<>();
        if (s == null) {
            return out;
        }
        for (ReportStatus st : s.reports()) {
            OwedReport r = st.report();
            String due = r.dueBy() == null ? "immediately" : "due " + r.dueBy();
            String where = switch (st.status()) {
                case DUE -> "due";
                case OVERDUE -> "OVERDUE";
                case FILED, FOLLOWED_UP -> st.late() ? "filed LATE " + st.initial().filedAt() : "filed on time " + st.initial().filedAt();
            };
            out.add(r.kind().title() + " by " + r.owedBy() + ", " + due + ": " + where);
        }
        return out;
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
