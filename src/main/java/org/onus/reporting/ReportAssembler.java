package org.onus.reporting;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.onus.investigation.AlertFacts;
import org.onus.investigation.DecisionFacts;
import org.onus.investigation.IncidentServices;
import org.onus.investigation.IncidentState;
import org.onus.investigation.Investigation;
import org.onus.investigation.Recorded;
import org.onus.investigation.Rule;
import org.onus.investigation.Verdict;
import org.onus.investigation.clocks.Schedule;
import org.onus.ledger.Checkpoint;
import org.onus.ledger.Entries;
import org.onus.ledger.EvidenceBundle;
import org.onus.ledger.NoteKey;
import org.onus.ledger.TenantLog;
import org.onus.registry.Party;
import org.onus.registry.RecordKind;
import org.onus.registry.Registry;
import org.onus.reporting.InvestigationReport.Contributor;
import org.onus.reporting.InvestigationReport.Cover;
import org.onus.reporting.InvestigationReport.Deadline;
import org.onus.reporting.InvestigationReport.Determination;
import org.onus.reporting.InvestigationReport.Finding;
import org.onus.reporting.InvestigationReport.Link;
import org.onus.reporting.InvestigationReport.Outcome;
import org.onus.reporting.InvestigationReport.Summary;
import org.onus.reporting.InvestigationReport.TimelineStep;
import org.onus.reporting.InvestigationReport.Verification;

/**
 * Builds the {@link InvestigationReport} of one incident from what the investigation produced:
 * the incident as it stands, its reconstruction (each decision with the card and authorization
 * in force at its moment, the clinicians' actions, the outcomes, the alerts before it), the
 * findings, the human determinations, the regulatory schedule as of the report's time, and the
 * signed checkpoint of the evidence bundle that holds every entry the report cites.
 *
 * <p>It decides nothing: every sentence it writes restates a recorded fact or a rule's answer,
 * and every cited index is one the evidence bundle holds. Parties are named as the registry
 * knows them now ("Acme Clinical AI (acme)"); times are shown in the site's time zone, the one
 * the regulatory clocks count days in. A rule that did not apply ({@link Verdict#NOT_APPLICABLE})
 * spoke neither for nor against anyone, so it is left out of the findings.
 */
public final class ReportAssembler {

    /** The file name the report tells its reader to save the incident's evidence bundle as. */
    public static final String BUNDLE_FILE = "bundle.json";

    static final String CLOCKS_CANNOT_SAY = "The regulatory clocks cannot say which reports this incident owes: it links no "
            + "recorded decision of a registered AI system, or its site has no jurisdiction on record. Until they can, no "
            + "deadline is shown here, which does not mean that none runs.";

    private static final Map<String, String> QUESTIONS = Map.of(
            org.onus.investigation.Determination.STANDARD_OF_CARE, "Was the AI's output the standard of care?",
            org.onus.investigation.Determination.CORRECT, "Was the AI's output correct?",
            org.onus.investigation.Determination.HARM_CAUSED, "Did acting on the AI's output cause the harm?",
            org.onus.investigation.Determination.DEVICE_MALFUNCTION, "Did the device malfunction?",
            org.onus.investigation.Determination.FAILURE_MODE, "Which failure mode occurred?",
            org.onus.investigation.Determination.PRECAUTION_NEEDED, "Was a precaution needed that nobody stated?",
            org.onus.investigation.Determination.WORKFLOW_FORCED, "Did the product's workflow force acceptance?");

    private final Registry registry;
    private final TenantLog log;
    private final List<Rule> rules;

    /**
     * @param registry the tenant's registry, for the names of parties, sites and units
     * @param log the tenant's log, for what a decision entry says beyond the rules' facts (to whom it was shown)
     * @param rules the rules that ran, for the basis each finding rests on
     */
    public ReportAssembler(Registry registry, TenantLog log, List<Rule> rules) {
        this.registry = registry;
        this.log = log;
        this.rules = List.copyOf(rules);
    }

    /**
     * The report of {@code reported}, as of {@code now}.
     *
     * @param schedule the regulatory reports owed with their status as of {@code now}; null when the clocks cannot say
     * @param preparedFor whom the report is for, as the reader's role states it
     */
    public InvestigationReport assemble(IncidentServices.Reported reported, Schedule schedule, Instant now, String preparedFor) {
        IncidentState st = reported.incident();
        Investigation inv = reported.investigation();
        ZoneId zone = schedule == null ? ZoneOffset.UTC : schedule.facts().zone();
        List<DecisionFacts> decisions = reported.reconstruction().decisions();
        DecisionFacts first = decisions.isEmpty() ? null : decisions.get(0);
        String site = partyName(st.incident().site(), st.occurredAt());
        String title = title(st, first);
        Cover cover = new Cover(title, site, st.id(), preparedFor, "Onus, from the ledger of " + log.origin(), now, zone);
        Summary summary = new Summary(whatHappened(reported), word(st.severity().value()), scale(st.severity().scale()),
                st.patient(), st.occurredAt(), st.awareAt(), site, unitName(st.incident().site(), st.incident().unit(), st.occurredAt()),
                first == null ? "none linked" : systemName(first),
                first == null ? null : version(first), inv.conclusion());
        List<Deadline> deadlines = schedule == null ? List.of() : schedule.reports().stream().map(Deadline::of)
                .map(d -> new Deadline(d.regime(), d.report(), partyName(d.owedBy(), st.awareAt()), d.to(), d.basis(), d.dueBy(), d.status(),
                        d.timeLeft(), d.filedAt(), d.reference(), d.late()))
                .toList();
        List<String> notes = schedule == null ? List.of(CLOCKS_CANNOT_SAY)
                : schedule.notOwed().stream().map(n -> "Not owed: " + n).toList();
        return new InvestigationReport(cover, summary, contributors(inv), findings(inv), timeline(reported, zone), deadlines,
                determinations(reported), verification(reported.bundle()), notes);
    }

    /** "2.0, made by Lumen Retina (lumen)": the version reported and the maker as registered. */
    private String version(DecisionFacts d) {
        String maker = d.system() == null ? null : "made by " + partyName(d.system().record().manufacturer(), d.eventTime());
        return d.reportedVersion() == null ? maker : maker == null ? d.reportedVersion() : d.reportedVersion() + ", " + maker;
    }

    /** "Moderate harm after RetinaScreen 2.0 at St Mary's Hospital", "Near miss with ...". */
    private String title(IncidentState st, DecisionFacts first) {
        String what = st.incident().kind().equals("near-miss") ? "Near miss with " : word(st.severity().value()) + " after ";
        String tool = first == null ? "an AI output" : systemName(first) + (first.reportedVersion() == null ? "" : " " + first.reportedVersion());
        String at = registry.current(RecordKind.PARTY, st.incident().site(), st.occurredAt(), Party.class).map(Party::name)
                .orElse(st.incident().site());
        return what + tool + " at " + at;
    }

    private String whatHappened(IncidentServices.Reported reported) {
        IncidentState st = reported.incident();
        List<String> parts = new ArrayList<>();
        if (st.incident().narrative() == null) {
            // a vendor's report: the narrative is the hospital's account of the patient, not shown to the manufacturer
            return "The narrative is not shown to the manufacturer; the findings below rest on the recorded events.";
        }
        parts.add(opened(reported, st.incident().narrative()));
        st.information().stream().map(i -> i.value().narrative()).filter(n -> n != null)
                .forEach(n -> parts.add("Later: " + opened(reported, n)));
        return String.join(" ", parts);
    }

    private static String opened(IncidentServices.Reported reported, String digest) {
        String text = reported.opened().get(digest);
        return text != null ? text : "[narrative sealed: " + digest + "]";
    }

    private List<Contributor> contributors(Investigation inv) {
        List<Contributor> out = new ArrayList<>();
        for (Investigation.Contributor c : inv.primaryContributors()) {
            List<org.onus.investigation.Finding> theirs = inv.findings().stream()
                    .filter(f -> f.verdict() == Verdict.IMPLICATED && f.partyRole().equals(c.role()) && java.util.Objects.equals(f.party(), c.party()))
                    .toList();
            String how = theirs.stream().map(f -> f.rule() + ": " + f.because()).collect(Collectors.joining(" "));
            Link link = Link.valueOf(c.links().get(0).toUpperCase(Locale.ROOT));
            out.add(new Contributor(c.party() == null ? "(not registered)" : partyName(c.party(), inv.evaluatedAt()), c.role(), link, how));
        }
        return out;
    }

    private List<Finding> findings(Investigation inv) {
        List<Finding> out = new ArrayList<>();
        for (org.onus.investigation.Finding f : inv.findings()) {
            Outcome outcome = switch (f.verdict()) {
                case IMPLICATED -> Outcome.IMPLICATED;
                case NOT_IMPLICATED -> Outcome.NOT_IMPLICATED;
                case UNDETERMINED -> Outcome.UNDETERMINED;
                case NOT_APPLICABLE -> null;
            };
            if (outcome == null) {
                continue;
            }
            String party = f.party() == null ? f.partyRole() : partyName(f.party(), inv.evaluatedAt()) + ", " + f.partyRole();
            String basis = rules.stream().filter(r -> r.id().equals(f.rule())).map(Rule::basis).findFirst().orElse("");
            out.add(new Finding(Link.valueOf(f.link().name()), f.rule(), party, outcome, f.missing(), f.because(), basis, f.evidence()));
        }
        return out;
    }

    /**
     * Decision, shown, action and outcome for each decision of the incident, with the alerts
     * raised before it and the incident itself, in time order; every step of a decision carries
     * the card and authorization in force at the decision's moment.
     */
    private List<TimelineStep> timeline(IncidentServices.Reported reported, ZoneId zone) {
        List<TimelineStep> steps = new ArrayList<>();
        IncidentState st = reported.incident();
        for (DecisionFacts d : reported.reconstruction().decisions()) {
            String card = d.version() == null ? "no registered version " + d.reportedVersion()
                    : d.reportedVersion() + ", card of entry #" + d.version().index();
            String auth = d.authorization() == null ? "none in force"
                    : d.authorization().record().id() + (d.authorization().revoked() ? " (revoked)" : "") + ", entry #" + d.authorization().index();
            JsonNode data = entryData(d.index());
            String tool = systemName(d) + " " + d.reportedVersion();
            steps.add(new TimelineStep(d.eventTime(), "decision", tool, describe(d, data), card, auth,
                    d.index()));
            List<String> shownTo = new ArrayList<>();
            data.path("shownTo").forEach(n -> shownTo.add(n.asText()));
            if (!shownTo.isEmpty()) {
                steps.add(new TimelineStep(d.eventTime(), "shown", names(shownTo, d.eventTime()),
                        "Output shown to " + names(shownTo, d.eventTime()) + " in " + unitName(d.site(), d.unit(), d.eventTime()),
                        card, auth, d.index()));
            }
            for (DecisionFacts.ActionFacts a : d.actions()) {
                String what = capitalised(a.kind()) + " " + after(Duration.between(d.eventTime(), a.time()).abs())
                        + " after the output" + (a.editedShare() == null ? "" : String.format(Locale.ROOT, "; %.0f%% of the text edited", a.editedShare() * 100));
                steps.add(new TimelineStep(a.time(), "action", partyName(a.clinician(), a.time()), what, card, auth, a.index()));
            }
            for (DecisionFacts.OutcomeFacts o : d.outcomes()) {
                List<String> what = new ArrayList<>();
                if (o.positive() != null) {
                    what.add(o.positive() ? "Condition confirmed present" : "Condition confirmed absent");
                }
                if (o.label() != null) {
                    what.add("label " + o.label());
                }
                if (o.adverseEvent() != null) {
                    what.add("adverse event: " + o.adverseEvent());
                }
                steps.add(new TimelineStep(o.observedAt(), "outcome", "recorded outcome", String.join("; ", what), card, auth, o.index()));
            }
        }
        for (AlertFacts a : reported.reconstruction().alerts()) {
            String handled = a.actedAt() != null ? "acted on " + TimeText.of(a.actedAt(), zone)
                    : a.acknowledgedAt() != null ? "acknowledged " + TimeText.of(a.acknowledgedAt(), zone) + ", no action recorded"
                    : "neither acknowledged nor acted on";
            steps.add(new TimelineStep(a.raisedAt(), "alert", "monitoring", a.summary() + "; sent to " + String.join(", ", a.sentTo())
                    + "; " + handled, "", a.deployment(), a.index()));
        }
        steps.add(new TimelineStep(st.occurredAt(), "incident", partyName(st.incident().reporter(), st.occurredAt()),
                "The incident occurred (" + word(st.severity().value()) + ")", "", "", st.filing().index()));
        steps.add(new TimelineStep(st.awareAt(), "awareness", site(st), "The organisation became aware: every regulatory clock starts here",
                "", "", st.filing().index()));
        steps.sort(Comparator.comparing(TimelineStep::at));
        return steps;
    }

    private String site(IncidentState st) {
        return partyName(st.incident().site(), st.awareAt());
    }

    private static String describe(DecisionFacts d, JsonNode data) {
        DecisionFacts.OutputFacts o = d.output();
        List<String> parts = new ArrayList<>();
        if (o.score() != null) {
            Double threshold = d.card().map(c -> c.output() == null ? null : c.output().operatingThreshold()).orElse(null);
            parts.add("Score " + trim(o.score()) + (threshold == null ? "" : " (operating threshold " + trim(threshold) + ")"));
        }
        if (o.label() != null) {
            parts.add("class " + o.label());
        }
        JsonNode recommendation = data.path("output").path("recommendation");
        if (recommendation.isTextual()) {
            parts.add("\"" + recommendation.asText() + "\"");
        }
        if (o.deviceActionKind() != null) {
            parts.add("device " + o.deviceActionKind() + (o.deviceCode() == null ? "" : " " + o.deviceCode()));
        }
        if (o.flagged()) {
            parts.add("flagged" + (o.flagReason() == null ? "" : ": " + o.flagReason()));
        }
        if (parts.isEmpty()) {
            parts.add(o.kind() + " output");
        }
        if (!d.flags().isEmpty()) {
            parts.add("recorded flags: " + String.join(", ", d.flags()));
        }
        return String.join("; ", parts);
    }

    private List<Determination> determinations(IncidentServices.Reported reported) {
        List<Determination> out = new ArrayList<>();
        for (Recorded<org.onus.investigation.Determination> r : reported.incident().determinations()) {
            org.onus.investigation.Determination d = r.value();
            String question = QUESTIONS.getOrDefault(d.kind(), d.kind()) + (d.decision() == null ? "" : " (decision " + d.decision() + ")");
            String answer = d.value() == null ? "" : d.value() ? "Yes" : "No";
            if (d.failureMode() != null) {
                answer += (answer.isEmpty() ? "" : ": ") + "failure mode " + d.failureMode();
            }
            if (d.precautionKind() != null) {
                answer += (answer.isEmpty() ? "" : ": ") + d.precautionKind();
            }
            String rationale = d.rationale() == null ? null : reported.opened().get(d.rationale());
            answer += ". " + (rationale != null ? rationale : "[rationale sealed: " + d.rationale() + "]");
            out.add(new Determination(question, answer, partyName(d.investigator(), r.recordedAt()), r.recordedAt(), r.index()));
        }
        return out;
    }

    private static Verification verification(EvidenceBundle bundle) {
        Checkpoint cp = Checkpoint.open(bundle.checkpoint(), NoteKey.parseVerifier(bundle.verifierKey()));
        return new Verification(BUNDLE_FILE, cp.origin(), cp.size(), java.util.Base64.getEncoder().encodeToString(cp.root()),
                bundle.verifierKey());
    }

    // ---- names ---------------------------------------------------------------------------------

    private String systemName(DecisionFacts d) {
        if (d.system() == null) {
            return d.systemId() == null ? "unregistered AI system" : d.systemId() + " (not registered)";
        }
        return d.system().record().name();
    }

    /** "Name (id)" as the registry knows the party at {@code at}, or the id alone. */
    private String partyName(String id, Instant at) {
        if (id == null) {
            return "";
        }
        Optional<Party> p = registry.current(RecordKind.PARTY, id, at, Party.class);
        return p.map(x -> x.name() == null || x.name().equals(id) ? id : x.name() + " (" + id + ")").orElse(id);
    }

    private String names(List<String> ids, Instant at) {
        return ids.stream().map(i -> partyName(i, at)).collect(Collectors.joining(", "));
    }

    private String unitName(String site, String unit, Instant at) {
        if (unit == null) {
            return null;
        }
        return registry.current(RecordKind.PARTY, site, at, Party.class).flatMap(p -> p.units().stream()
                .filter(u -> u.id().equals(unit)).findFirst()).map(u -> u.name() + " (" + unit + ")").orElse(unit);
    }

    private JsonNode entryData(long index) {
        return log.entry(index).map(e -> Entries.parse(e.bytes()).path("data")).orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
    }

    private static String scale(String scale) {
        return switch (scale) {
            case org.onus.investigation.Severity.AHRQ -> "AHRQ Common Formats Harm Scale";
            case org.onus.investigation.Severity.NCC_MERP -> "NCC MERP index";
            default -> scale;
        };
    }

    private static String word(String value) {
        return capitalised(value.replace('-', ' '));
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Review times are seconds: "20 s", "1 h 5 min". */
    private static String after(Duration d) {
        return d.toMinutes() < 1 ? d.toSeconds() + " s" : ReportTemplate.duration(d);
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** Times in running text, as the template prints them in its tables. */
    private static final class TimeText {
        private static final java.time.format.DateTimeFormatter FORMAT =
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ENGLISH);

        static String of(Instant t, ZoneId zone) {
            return FORMAT.format(t.atZone(zone));
        }
    }
}
