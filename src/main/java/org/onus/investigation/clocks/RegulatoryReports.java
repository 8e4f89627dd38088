package org.onus.investigation.clocks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.onus.ledger.CanonicalJson;
import org.onus.ledger.Entries;
import org.onus.ledger.EntryDraft;
import org.onus.ledger.LedgerException;
import org.onus.ledger.TenantLog;
import org.onus.store.Annex;
import org.onus.store.StoredEntry;
import org.onus.validation.Fields;

/**
 * The regulatory reports of incidents: what is owed ({@link RegulatoryClocks}, from the facts
 * an {@link IncidentFactsSource} gives), what was filed (entries of type {@value #ENTRY_TYPE} in
 * the tenant's log, found under the lookup key ({@value #LOOKUP}, incident id)), and so the
 * status of each report as of any instant.
 *
 * <p>A filing is recorded once: the initial report of a kind holds the unique key
 * {@code report.filing/<incident>/<kind>/initial}, so sending the same filing again answers the
 * same index and a different initial filing of the same report is refused as a duplicate
 * ({@link org.onus.ledger.DuplicateKeyException}); a correction is a follow-up. Follow-ups are
 * keyed by their reference and time.
 */
public final class RegulatoryReports {

    public static final String ENTRY_TYPE = "report.filing";
    public static final String LOOKUP = "incident";
    static final int MAX_REFERENCE = 200;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 1000;

    private final IncidentFactsSource source;
    private final RegulatoryClocks clocks;
    private final Clock clock;

    public RegulatoryReports(IncidentFactsSource source, RegulatoryClocks clocks, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.clocks = Objects.requireNonNull(clocks, "clocks");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The incident's facts, if the source knows the incident. */
    public Optional<IncidentFacts> facts(TenantLog log, String incidentId) {
        return source.facts(log, incidentId);
    }

    /** Every owed report with its status as of {@code asOf}. */
    public Schedule schedule(TenantLog log, IncidentFacts facts, Instant asOf) {
        RegulatoryClocks.Assessment a = clocks.assess(facts);
        List<Filing> filings = filings(log, facts.incidentId());
        List<ReportStatus> reports = a.owed().stream().map(r -> ReportStatus.of(r, filings, asOf)).toList();
        List<Filing> other = filings.stream()
                .filter(f -> !f.filedAt().isAfter(asOf) && a.owed().stream().noneMatch(r -> r.kind() == f.kind()))
                .toList();
        return new Schedule(facts, asOf, reports, a.notOwed(), other);
    }

    /** A recorded filing: its ledger index and what was recorded. */
    public record Filed(long index, Filing filing) {
    }

    /**
     * Records the filing a request body describes ({@code regime}, {@code kind}, {@code stage},
     * {@code filedAt}, {@code reference}, {@code by}), after checking it against the facts: the
     * report must be one these facts owe, filed no earlier than its clock started, and a
     * follow-up must follow a recorded initial report. Every broken rule is reported at once
     * ({@link org.onus.validation.InvalidInputException}); nothing is written then.
     */
    public Filed file(TenantLog log, IncidentFacts facts, JsonNode body, String actor) {
        Fields.Errors errors = new Fields.Errors(clock);
        Fields f = Fields.of(body, "", errors);
        Regime regime = f.enumValue("regime", true, Regime.class);
        ReportKind kind = f.enumValue("kind", true, ReportKind.class);
        Filing.Stage stage = f.enumValue("stage", true, Filing.Stage.class);
        Instant filedAt = f.instant("filedAt", true, true);
        String reference = f.requiredString("reference");
        if (reference != null && reference.length() > MAX_REFERENCE) {
            errors.add(f.at("reference"), "must be at most " + MAX_REFERENCE + " characters");
            reference = null;
        }
        String by = f.id("by", true);
        f.end();
        if (regime != null && kind != null && kind.regime() != regime) {
            errors.add("/kind", "is a report of regime " + Fields.wordOf(kind.regime()) + ", not " + Fields.wordOf(regime));
            kind = null;
        }
        List<OwedReport> owed = clocks.assess(facts).owed();
        OwedReport report = null;
        if (kind != null) {
            ReportKind k = kind;
            report = owed.stream().filter(r -> r.kind() == k).findFirst().orElse(null);
            if (report == null) {
                errors.add("/kind", "is not owed for incident " + facts.incidentId() + " on its facts; owed are: "
                        + (owed.isEmpty() ? "none" : owed.stream().map(r -> Fields.wordOf(r.kind())).collect(Collectors.joining(", "))));
            }
        }
        if (report != null && filedAt != null && filedAt.isBefore(report.startsAt())) {
            errors.add("/filedAt", "is before " + report.startsAt() + ", when the clock of this report started (awareness); "
                    + "a report cannot be filed before the incident was known");
        }
        if (report != null && filedAt != null && stage == Filing.Stage.FOLLOW_UP) {
            ReportKind k = kind;
            boolean initialBefore = filings(log, facts.incidentId()).stream()
                    .anyMatch(x -> x.kind() == k && x.stage() == Filing.Stage.INITIAL && !x.filedAt().isAfter(filedAt));
            if (!initialBefore) {
                errors.add("/stage", "is follow-up, but no initial " + Fields.wordOf(k) + " report filed at or before "
                        + filedAt + " is recorded; record the initial report first");
            }
        }
        errors.throwIfAny();

        ObjectNode data = JSON.createObjectNode();
        data.put("incident", facts.incidentId());
        data.put("regime", Fields.wordOf(regime));
        data.put("kind", Fields.wordOf(kind));
        data.put("stage", Fields.wordOf(stage));
        data.put("filedAt", filedAt.toString());
        data.put("reference", reference);
        data.put("by", by);
        String key = "report.filing/" + facts.incidentId() + "/" + Fields.wordOf(kind) + "/"
                + (stage == Filing.Stage.INITIAL ? "initial" : "follow-up/" + filedAt + "/" + reference);
        Instant now = clock.instant();
        EntryDraft draft = Entries.draft(ENTRY_TYPE, now, actor, data)
                .withLookups(List.of(new EntryDraft.Lookup(LOOKUP, facts.incidentId(), filedAt.toEpochMilli())))
                .withUniqueKey(key, sha256(CanonicalJson.bytes(data)));
        long index = log.appendGroup(List.of(draft)).join()[0];
        return new Filed(index, read(log.entry(index).orElseThrow(() -> new LedgerException("entry " + index + " vanished"))));
    }

    /** Every filing recorded for the incident, in ledger order of their filing time. */
    public List<Filing> filings(TenantLog log, String incidentId) {
        List<Filing> out = new ArrayList<>();
        Annex.Key after = null;
        while (true) {
            List<Annex.Key> page = log.lookup(LOOKUP, incidentId, Long.MIN_VALUE, Long.MAX_VALUE, after, PAGE);
            for (Annex.Key k : page) {
                log.entry(k.index()).filter(e -> e.type().equals(ENTRY_TYPE)).ifPresent(e -> out.add(read(e)));
            }
            if (page.size() < PAGE) {
                return out;
            }
            after = page.get(page.size() - 1);
        }
    }

    private static Filing read(StoredEntry e) {
        JsonNode envelope = Entries.parse(e.bytes());
        JsonNode d = envelope.get("data");
        return new Filing(d.get("incident").asText(), word(ReportKind.class, d.get("kind").asText()),
                word(Filing.Stage.class, d.get("stage").asText()), Instant.parse(d.get("filedAt").asText()),
                d.get("reference").asText(), d.get("by").asText(), e.index(), Instant.parse(envelope.get("recordedAt").asText()));
    }

    private static <E extends Enum<E>> E word(Class<E> type, String word) {
        for (E c : type.getEnumConstants()) {
            if (Fields.wordOf(c).equals(word)) {
                return c;
            }
        }
        throw new LedgerException("a " + ENTRY_TYPE + " entry names an unknown " + type.getSimpleName() + ": " + word);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
