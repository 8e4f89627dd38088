package org.onus.reporting;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import org.onus.investigation.clocks.ReportStatus;
import org.onus.validation.Fields;

/**
 * Everything the investigation report shows, as plain values: the view model that
 * {@link ReportRenderer} turns into HTML and PDF. It holds no logic of its own; whoever builds it
 * (the investigation, once it produces its result) decides what it says, and the renderer only
 * lays it out. Times are instants, shown in the {@link Cover#zone()} of the report.
 *
 * <p>{@code regulatoryNotes} says what the deadlines alone do not: why the other regimes owe
 * nothing, or that the clocks could not tell which reports are owed at all.
 */
public record InvestigationReport(Cover cover, Summary summary, List<Contributor> primaryContributors, List<Finding> findings,
                                  List<TimelineStep> timeline, List<Deadline> deadlines, List<Determination> determinations,
                                  Verification verification, List<String> regulatoryNotes) {

    /** A report without notes on the regulatory reports. */
    public InvestigationReport(Cover cover, Summary summary, List<Contributor> primaryContributors, List<Finding> findings,
                               List<TimelineStep> timeline, List<Deadline> deadlines, List<Determination> determinations,
                               Verification verification) {
        this(cover, summary, primaryContributors, findings, timeline, deadlines, determinations, verification, List.of());
    }

    public InvestigationReport {
        Objects.requireNonNull(cover, "cover");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(verification, "verification");
        primaryContributors = List.copyOf(primaryContributors);
        findings = List.copyOf(findings);
        timeline = List.copyOf(timeline);
        deadlines = List.copyOf(deadlines);
        determinations = List.copyOf(determinations);
        regulatoryNotes = List.copyOf(regulatoryNotes);
    }

    /** The title block. */
    public record Cover(String title, String organisation, String incidentId, String preparedFor, String preparedBy,
                        Instant generatedAt, ZoneId zone) {
    }

    /**
     * What happened, to whom (by pseudonym), how badly, when it became known, and what the rules
     * concluded.
     *
     * @param conclusion the investigation's conclusion in words, with what is still undetermined; null if none yet
     */
    public record Summary(String whatHappened, String severity, String severityScale, String patientPseudonym,
                          Instant occurredAt, Instant awareAt, String site, String unit, String aiSystem, String version,
                          String conclusion) {
    }

    /** A party found to have contributed, and in one sentence how. */
    public record Contributor(String party, String role, Link link, String statement) {
    }

    /** The links of the value chain where an error can enter, in the order the report groups findings. */
    public enum Link { DESIGN, DATA, DEPLOYMENT, USE, MONITORING, REPORTING }

    /** What a rule answered for a party. */
    public enum Outcome { IMPLICATED, NOT_IMPLICATED, UNDETERMINED }

    /**
     * One rule's answer for one party and one link.
     *
     * @param missing what the rule lacked, when undetermined
     * @param evidence the ledger indices of the entries it rests on
     */
    public record Finding(Link link, String rule, String party, Outcome outcome, List<String> missing, String statement,
                          String regulationBasis, List<Long> evidence) {
        public Finding {
            missing = List.copyOf(missing);
            evidence = List.copyOf(evidence);
        }
    }

    /**
     * One step of the reconstructed timeline: a decision, its being shown, a clinician's action,
     * an outcome (or an alert, a notice), with the model card version and authorization in force.
     */
    public record TimelineStep(Instant at, String kind, String actor, String description, String cardInForce,
                               String authorizationInForce, Long evidence) {
    }

    /**
     * A regulatory deadline as of the report's generation.
     *
     * @param dueBy null when due immediately
     * @param timeLeft null once filed or when due immediately; negative when overdue
     */
    public record Deadline(String regime, String report, String owedBy, String to, String basis, Instant dueBy, String status,
                           Duration timeLeft, Instant filedAt, String reference, boolean late) {

        /** The deadline of a report as the regulatory clocks computed it. */
        public static Deadline of(ReportStatus s) {
            var r = s.report();
            return new Deadline(r.kind().regime().law(), r.kind().title(), r.owedBy(), r.to(), r.basis(), r.dueBy(),
                    Fields.wordOf(s.status()), s.timeLeft(), s.initial() == null ? null : s.initial().filedAt(),
                    s.initial() == null ? null : s.initial().reference(), s.late());
        }
    }

    /** A human determination an investigator entered and signed. */
    public record Determination(String question, String answer, String by, Instant at, Long evidence) {
    }

    /**
     * How to check the evidence the report rests on, offline.
     *
     * @param bundleFile the evidence bundle's file name, e.g. {@code bundle.json}
     * @param checkpointOrigin the log's origin line, e.g. {@code onus.local/st-marys}
     * @param checkpointSize the tree size of the signed checkpoint the bundle's proofs lead to
     * @param rootHash its root hash, base64
     * @param verifierKey the tenant's verifier key, signed-note encoding
     */
    public record Verification(String bundleFile, String checkpointOrigin, long checkpointSize, String rootHash,
                               String verifierKey) {

        /** The command that checks the bundle against the pinned key. */
        public String command() {
            return "./onus verify --key '" + verifierKey + "' " + bundleFile;
        }
    }
}
