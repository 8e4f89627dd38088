package org.onus.investigation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.onus.ledger.Entries;
import org.onus.ledger.TenantLog;
import org.onus.monitoring.Monitor;
import org.onus.recording.Recorder;
import org.onus.recording.TenantServices;
import org.onus.registry.AiSystem;
import org.onus.registry.AiVersion;
import org.onus.registry.Authorization;
import org.onus.registry.LocalValidation;
import org.onus.registry.ModelCard;
import org.onus.registry.Notice;
import org.onus.registry.Party;
import org.onus.registry.RecordKind;
import org.onus.registry.Registry;
import org.onus.registry.Revision;
import org.onus.store.Annex;
import org.onus.store.StoredEntry;

/**
 * Rebuilds an incident from the ledger (see {@link Reconstruction}).
 *
 * <h2>As of when</h2>
 * Registry state is taken as of each decision's event time (the authorization, version and card
 * in force then; a clinician's training as of their action), as known when the investigation
 * runs: a correction recorded since is honoured, because an investigation wants the truth about
 * that moment, and the revision index cited lets anyone see what was known when.
 *
 * <h2>Observed performance</h2>
 * For a score or a class, sensitivity over confirmed positives and specificity over confirmed
 * negatives, as {@link ObservedPerformance} defines and counts them (monitoring's day cells, or
 * the ledger while the monitor replays). For generated text, recommendations and device actions,
 * where an outcome's {@code positive} says the output was in error, the error rate, counted from
 * the decisions and outcomes filed under the deployment with their time before the incident, over
 * the most recent span holding enough outcomes, within the monitoring window (the authorization's
 * {@code windowDays}, else a year); outputs the system flagged instead of answering are not
 * counted. Alerts are those monitoring raised on the deployment in
 * the window ({@code alert}, with its addressees, post-market flag and {@code respondBy}; and the
 * {@code alert.acknowledgement} and {@code alert.action} entries that name it).
 */
public final class Reconstructor {

    public static final Duration DEFAULT_PERFORMANCE_WINDOW = Duration.ofDays(365);
    public static final String ALERT = "alert";
    public static final String ALERT_ACK = "alert.acknowledgement";
    public static final String ALERT_ACTION = "alert.action";
    /** The lookup kind monitoring files its alerts and their responses under, keyed by alert id. */
    public static final String ALERT_LOOKUP = "alert";
    private static final Instant END_OF_TIME = Instant.parse("9999-12-31T23:59:59Z");
    private static final int PAGE = 5_000;

    private final TenantLog log;
    private final Registry registry;
    private final Clock clock;
    private final OwedReports owedReports;

    private final ObservedPerformance observed;

    public Reconstructor(TenantServices services, Clock clock, OwedReports owedReports) {
        this(services, clock, owedReports, null);
    }

    /** @param monitor the tenant's monitor, whose day cells answer observed performance; null to count it from the ledger */
    public Reconstructor(TenantServices services, Clock clock, OwedReports owedReports, Monitor monitor) {
        this.log = services.log();
        this.registry = services.registry();
        this.clock = clock;
        this.owedReports = owedReports;
        this.observed = new ObservedPerformance(log, registry, monitor);
    }

    public Reconstruction reconstruct(IncidentState incident) {
        long size = log.size();
        Instant now = clock.instant();
        Instant t = incident.occurredAt();
        Duration window = Duration.ofHours(incident.incident().window());
        Instant from = t.minus(window);
        Instant to = t.plus(window);
        List<Reconstruction.TimelineEvent> timeline = new ArrayList<>();
        for (Annex.Key k : log.lookup(Recorder.PATIENT, incident.patient(), from.toEpochMilli(), to.toEpochMilli() + 1, null, 10_001)) {
            log.entry(k.index()).ifPresent(e -> timeline.add(new Reconstruction.TimelineEvent(k.index(), e.type(),
                    Instant.ofEpochMilli(k.atMillis()), decisionOf(e))));
        }
        List<String> ids = new ArrayList<>(incident.decisions());
        boolean proposed = ids.isEmpty();
        if (proposed) {
            timeline.stream().filter(e -> e.type().startsWith("decision") && !e.time().isAfter(t) && e.decision() != null)
                    .map(Reconstruction.TimelineEvent::decision).distinct().forEach(ids::add);
        }
        Map<String, DeploymentHistory> histories = new HashMap<>();
        List<DecisionFacts> decisions = new ArrayList<>();
        for (String id : ids) {
            decision(id, t, now, size, histories).ifPresent(decisions::add);
        }
        List<AlertFacts> alerts = new ArrayList<>();
        histories.values().forEach(h -> alerts.addAll(h.alerts()));
        List<OwedReports.OwedReport> owed = owedReports.owed(incident, now).orElse(null);
        return new Reconstruction(incident, now, from, to, timeline, proposed, decisions, alerts, owed);
    }

    private static String decisionOf(StoredEntry e) {
        JsonNode data = Entries.parse(e.bytes()).get("data");
        if (e.type().startsWith("decision")) {
            return data.path("id").asText(null);
        }
        if (e.type().startsWith("action")) {
            return data.path("decision").asText(null);
        }
        if (e.type().startsWith("outcome")) {
            return data.path("decisions").path(0).asText(null);
        }
        return null;
    }

    private Optional<DecisionFacts> decision(String id, Instant incidentTime, Instant now, long size, Map<String, DeploymentHistory> histories) {
        long decisionIndex = -1;
        JsonNode d = null;
        Map<String, Map.Entry<Long, JsonNode>> actions = new LinkedHashMap<>();
        Map<String, Map.Entry<Long, JsonNode>> outcomes = new LinkedHashMap<>();
        for (Annex.Key k : log.lookup(Recorder.DECISION, id, Long.MIN_VALUE, Long.MAX_VALUE, null, 10_000)) {
            Optional<StoredEntry> e = log.entry(k.index());
            if (e.isEmpty()) {
                continue;
            }
            JsonNode data = Entries.parse(e.get().bytes()).get("data");
            String type = e.get().type();
            if ((type.equals("decision") || type.equals("decision.correction")) && k.index() > decisionIndex) {
                decisionIndex = k.index();
                d = data;
            } else if (type.startsWith("action")) {
                latest(actions, data.path("id").asText(), k.index(), data);
            } else if (type.startsWith("outcome")) {
                latest(outcomes, data.path("id").asText(), k.index(), data);
            }
        }
        if (d == null) {
            return Optional.empty();
        }
        Instant at = Instant.parse(d.get("eventTime").asText());
        String authId = text(d, "authorization");
        String site = text(d, "site");
        String unit = text(d, "unit");
        String systemId = text(d, "system");
        String version = text(d, "reportedVersion");
        String digest = text(d, "artifactDigest");
        Registered<AiSystem> system = systemId == null ? null : reg(RecordKind.AI_SYSTEM, systemId, at, now, AiSystem.class);
        Registered<AiVersion> ver = systemId == null ? null : reg(RecordKind.VERSION, systemId + "@" + version, at, now, AiVersion.class);
        Registered<Authorization> auth = authId == null ? null : reg(RecordKind.AUTHORIZATION, authId, at, now, Authorization.class);
        if (site == null && auth != null) {
            site = auth.record().site();
        }
        Registered<LocalValidation> lv = auth == null || auth.record().localValidation() == null ? null
                : reg(RecordKind.LOCAL_VALIDATION, auth.record().localValidation(), at, now, LocalValidation.class);

        List<DecisionFacts.ActionFacts> acts = new ArrayList<>();
        Map<String, Registered<Party>> clinicians = new TreeMap<>();
        for (Map.Entry<Long, JsonNode> a : actions.values()) {
            JsonNode x = a.getValue();
            Instant time = Instant.parse(x.get("time").asText());
            String clinician = x.get("clinician").asText();
            acts.add(new DecisionFacts.ActionFacts(x.get("id").asText(), a.getKey(), clinician, x.get("kind").asText(), time,
                    x.hasNonNull("editedShare") ? x.get("editedShare").asDouble() : null));
            Registered<Party> p = reg(RecordKind.PARTY, clinician, time, now, Party.class);
            if (p != null) {
                clinicians.putIfAbsent(clinician, p);
            }
        }
        acts.sort(java.util.Comparator.comparing(DecisionFacts.ActionFacts::time).thenComparingLong(DecisionFacts.ActionFacts::index));
        for (JsonNode shown : d.path("shownTo")) {
            Registered<Party> p = reg(RecordKind.PARTY, shown.asText(), at, now, Party.class);
            if (p != null) {
                clinicians.putIfAbsent(shown.asText(), p);
            }
        }
        List<DecisionFacts.OutcomeFacts> outs = new ArrayList<>();
        for (Map.Entry<Long, JsonNode> o : outcomes.values()) {
            JsonNode x = o.getValue();
            outs.add(new DecisionFacts.OutcomeFacts(x.get("id").asText(), o.getKey(), Instant.parse(x.get("observedAt").asText()),
                    x.hasNonNull("positive") ? x.get("positive").asBoolean() : null, text(x, "label"), text(x, "adverseEvent")));
        }
        JsonNode p = d.path("patient");
        Map<String, String> attrs = new TreeMap<>();
        p.path("attributes").fields().forEachRemaining(f -> attrs.put(f.getKey(), f.getValue().asText()));
        DecisionFacts.PatientFacts patient = new DecisionFacts.PatientFacts(text(p, "pseudonym"),
                p.hasNonNull("age") ? p.get("age").asDouble() : null, text(p, "sex"), text(p, "careSetting"), text(p, "indication"), attrs);
        DecisionFacts.InputFacts input = null;
        if (d.hasNonNull("input")) {
            JsonNode in = d.get("input");
            Map<String, Double> quality = new TreeMap<>();
            in.path("quality").fields().forEachRemaining(f -> quality.put(f.getKey(), f.getValue().asDouble()));
            List<String> present = new ArrayList<>();
            in.path("fieldsPresent").forEach(f -> present.add(f.asText()));
            input = new DecisionFacts.InputFacts(text(in, "modality"), quality, present);
        }
        JsonNode o = d.path("output");
        DecisionFacts.OutputFacts output = new DecisionFacts.OutputFacts(text(o, "kind"), text(o, "label"),
                o.hasNonNull("score") ? o.get("score").asDouble() : null, o.path("flagged").asBoolean(false), text(o, "flagReason"),
                text(o.path("deviceAction"), "kind"), text(o.path("deviceAction"), "code"));
        List<String> flags = new ArrayList<>();
        d.path("flags").forEach(f -> flags.add(f.path("code").asText()));

        String deployment = Recorder.deploymentKey(authId, text(d, "site"), unit);
        int windowDays = auth == null ? -1 : auth.record().monitoringThresholds().getOrDefault("windowDays", -1.0).intValue();
        Duration perfWindow = windowDays > 0 ? Duration.ofDays(windowDays) : DEFAULT_PERFORMANCE_WINDOW;
        boolean called = "score".equals(output.kind()) || "class".equals(output.kind());
        DeploymentHistory history = histories.computeIfAbsent(deployment, dep -> new DeploymentHistory(log, registry, dep,
                incidentTime.minus(perfWindow), incidentTime, now, called ? observed.rates(dep, incidentTime, (int) perfWindow.toDays(), size) : null));

        return Optional.of(new DecisionFacts(id, decisionIndex, at, deployment, site, unit, systemId, system, version, digest, ver,
                withDigest(digest, at, now), auth, authorizationsAt(systemId, site, at, now), lv, patient, input, output, flags, acts,
                outs, clinicians, notices(systemId, version, site, now), history.performance()));
    }

    private static void latest(Map<String, Map.Entry<Long, JsonNode>> byId, String id, long index, JsonNode data) {
        Map.Entry<Long, JsonNode> prev = byId.get(id);
        if (prev == null || prev.getKey() < index) {
            byId.put(id, Map.entry(index, data));
        }
    }

    private <T> Registered<T> reg(RecordKind kind, String id, Instant validAt, Instant knownAt, Class<T> type) {
        return registry.asOf(kind, id, validAt, knownAt).map(r -> registered(r, type)).orElse(null);
    }

    private <T> Registered<T> registered(Revision r, Class<T> type) {
        return new Registered<>(registry.typed(r, type), r.index(), r.effectiveAt(), r.revoked(), r.reason());
    }

    private List<Registered<AiVersion>> withDigest(String digest, Instant at, Instant now) {
        List<Registered<AiVersion>> out = new ArrayList<>();
        if (digest == null) {
            return out;
        }
        for (String id : registry.ids(RecordKind.VERSION)) {
            registry.asOf(RecordKind.VERSION, id, at, now).filter(r -> !r.revoked()).map(r -> registered(r, AiVersion.class))
                    .filter(v -> digest.equals(v.record().artifactDigest())).ifPresent(out::add);
        }
        return out;
    }

    /** Every authorization of the system at the site: the revision in force at the event, else the latest known. */
    private List<Registered<Authorization>> authorizationsAt(String system, String site, Instant at, Instant now) {
        List<Registered<Authorization>> out = new ArrayList<>();
        if (system == null || site == null) {
            return out;
        }
        for (String id : registry.ids(RecordKind.AUTHORIZATION)) {
            Optional<Revision> r = registry.asOf(RecordKind.AUTHORIZATION, id, at, now)
                    .or(() -> registry.asOf(RecordKind.AUTHORIZATION, id, END_OF_TIME, now));
            r.map(x -> registered(x, Authorization.class))
                    .filter(a -> a.record().system().equals(system) && a.record().site().equals(site)).ifPresent(out::add);
        }
        return out;
    }

    private List<DecisionFacts.NoticeFacts> notices(String system, String version, String site, Instant now) {
        List<DecisionFacts.NoticeFacts> out = new ArrayList<>();
        if (system == null) {
            return out;
        }
        for (String id : registry.ids(RecordKind.NOTICE)) {
            Registered<Notice> n = reg(RecordKind.NOTICE, id, END_OF_TIME, now, Notice.class);
            if (n == null || n.revoked() || !n.record().system().equals(system)
                    || (!n.record().versions().isEmpty() && !n.record().versions().contains(version))) {
                continue;
            }
            Registered<Notice.Receipt> receipt = site == null ? null
                    : reg(RecordKind.NOTICE_RECEIPT, id + "/" + site, END_OF_TIME, now, Notice.Receipt.class);
            out.add(new DecisionFacts.NoticeFacts(n, receipt));
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        return n != null && n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    /**
     * A deployment's history before the incident: its observed rates, counted from its decisions
     * and outcomes, and its alerts with their acknowledgements and actions.
     *
     * <p>Rates are counted over the most recent span before the incident that holds at least
     * {@link #ENOUGH_OUTCOMES} outcomes: the last 7 days, else 30, else 90, else the whole
     * monitoring window. A busy deployment is thus judged on its recent weeks (what it was when the
     * incident happened, and a bounded read), a quiet one on everything the window holds. Alerts
     * are read through monitoring's own {@code alert} lookup, so they need no scan.
     */
    private static final class DeploymentHistory {
        static final int ENOUGH_OUTCOMES = 1_000;
        private static final int[] SPANS_DAYS = {7, 30, 90};

        private final List<ObservedRate> performance;
        private final List<AlertFacts> alerts;

        /** @param called the sensitivity and specificity monitoring counts, for a score or class; null to scan for the error rate */
        DeploymentHistory(TenantLog log, Registry registry, String deployment, Instant from, Instant to, Instant now,
                          ObservedPerformance.Answer called) {
            this.alerts = alerts(log, deployment, from, to);
            if (called != null) {
                this.performance = called.rates();
                return;
            }
            Counts counts = new Counts();
            Instant scanned = to.plusMillis(1);
            List<ObservedRate> rates = List.of();
            for (int i = 0; i <= SPANS_DAYS.length; i++) {
                Instant start = i < SPANS_DAYS.length ? to.minus(Duration.ofDays(SPANS_DAYS[i])) : from;
                if (start.isBefore(from)) {
                    start = from;
                }
                if (start.isBefore(scanned)) {
                    // Spans are nested: only the part not read yet is scanned, into the same counts.
                    scan(log, registry, deployment, start, scanned, now, counts);
                    scanned = start;
                }
                rates = rates(counts.predicted, counts.kinds, counts.outcomes, start, to);
                if (!start.isAfter(from) || rates.stream().mapToLong(ObservedRate::trials).sum() >= ENOUGH_OUTCOMES) {
                    break;
                }
            }
            this.performance = rates;
        }

        /** What the scans found so far: each decision's call and kind, and each outcome's latest entry. */
        private static final class Counts {
            final Map<String, Boolean> predicted = new HashMap<>();
            final Map<String, String> kinds = new HashMap<>();
            final Map<String, Map.Entry<Long, JsonNode>> outcomes = new LinkedHashMap<>();
            final Map<String, ModelCard.Output> outputs = new HashMap<>();
        }

        /** Reads the deployment's entries in [from, until) into {@code c}. */
        private static void scan(TenantLog log, Registry registry, String deployment, Instant from, Instant until, Instant now, Counts c) {
            Map<String, Boolean> predicted = c.predicted;
            Map<String, String> kinds = c.kinds;
            Map<String, Map.Entry<Long, JsonNode>> outcomes = c.outcomes;
            Map<String, ModelCard.Output> outputs = c.outputs;
            Annex.Key after = null;
            while (true) {
                List<Annex.Key> page = log.lookup(Recorder.DEPLOYMENT, deployment, from.toEpochMilli(), until.toEpochMilli(), after, PAGE);
                for (Annex.Key k : page) {
                    Optional<StoredEntry> e = log.entry(k.index());
                    if (e.isEmpty()) {
                        continue;
                    }
                    String type = e.get().type();
                    if (type.equals("decision") || type.equals("decision.correction")) {
                        JsonNode data = Entries.parse(e.get().bytes()).get("data");
                        String id = data.path("id").asText();
                        JsonNode out = data.path("output");
                        String kind = out.path("kind").asText();
                        if (out.path("flagged").asBoolean(false)) {
                            predicted.remove(id);
                            kinds.remove(id);
                            continue;
                        }
                        kinds.put(id, kind);
                        ModelCard.Output spec = outputs.computeIfAbsent(data.path("system").asText() + "@" + data.path("reportedVersion").asText(),
                                v -> registry.asOf(RecordKind.VERSION, v, Instant.ofEpochMilli(k.atMillis()), now)
                                        .map(r -> registry.typed(r, AiVersion.class).card()).map(ModelCard::output).orElse(null));
                        Boolean positive = predictedPositive(kind, out, spec);
                        if (positive != null) {
                            predicted.put(id, positive);
                        } else {
                            predicted.remove(id);
                        }
                    } else if (type.equals("outcome") || type.equals("outcome.correction")) {
                        JsonNode data = Entries.parse(e.get().bytes()).get("data");
                        latest(outcomes, data.path("id").asText(), k.index(), data);
                    }
                }
                if (page.size() < PAGE) {
                    break;
                }
                after = page.get(page.size() - 1);
            }
        }

        /** The alerts monitoring raised on the deployment in [from, to], with their acknowledgements and actions by then. */
        private static List<AlertFacts> alerts(TenantLog log, String deployment, Instant from, Instant to) {
            List<AlertFacts> list = new ArrayList<>();
            for (String id : log.lookupKeys(ALERT_LOOKUP)) {
                JsonNode[] parts = new JsonNode[3];
                long[] idx = {-1, -1, -1, 0, 0, 0};
                for (Annex.Key k : log.lookup(ALERT_LOOKUP, id, Long.MIN_VALUE, to.toEpochMilli() + 1, null, 10_000)) {
                    Optional<StoredEntry> e = log.entry(k.index());
                    if (e.isEmpty()) {
                        continue;
                    }
                    String type = e.get().type();
                    int slot = type.equals(ALERT) ? 0 : type.equals(ALERT_ACK) ? 1 : type.equals(ALERT_ACTION) ? 2 : -1;
                    if (slot < 0 || parts[slot] != null) {
                        continue;
                    }
                    JsonNode data = Entries.parse(e.get().bytes()).get("data");
                    if (!deployment.equals(data.path("deployment").asText())) {
                        break;
                    }
                    parts[slot] = data;
                    idx[slot] = k.index();
                    idx[slot + 3] = k.atMillis();
                }
                if (parts[0] == null || Instant.ofEpochMilli(idx[3]).isBefore(from)) {
                    continue;
                }
                List<String> sentTo = new ArrayList<>();
                parts[0].path("addressees").forEach(x -> sentTo.add(x.isObject() ? x.path("party").asText(x.toString()) : x.asText()));
                boolean maker = parts[0].path("postMarketSignal").asBoolean(false);
                String summary = parts[0].path("rule").asText("alert") + (parts[0].hasNonNull("subject") ? " (" + parts[0].get("subject").asText() + ")" : "");
                Instant respondBy = parts[0].hasNonNull("respondBy") ? Instant.parse(parts[0].get("respondBy").asText()) : null;
                list.add(new AlertFacts(alertId(parts[0], idx[0]), idx[0], Instant.ofEpochMilli(idx[3]), deployment, summary, sentTo, maker,
                        respondBy, idx[1] < 0 ? null : idx[1], idx[1] < 0 ? null : Instant.ofEpochMilli(idx[4]),
                        idx[2] < 0 ? null : idx[2], idx[2] < 0 ? null : Instant.ofEpochMilli(idx[5])));
            }
            return list;
        }

        private static String alertId(JsonNode data, long index) {
            return data.hasNonNull("id") ? data.get("id").asText() : "alert-" + index;
        }

        /** Whether the output called the case positive; null when the card does not say how to tell. */
        private static Boolean predictedPositive(String kind, JsonNode out, ModelCard.Output spec) {
            if (kind.equals("score")) {
                return spec == null || spec.operatingThreshold() == null || !out.hasNonNull("score") ? null
                        : out.get("score").asDouble() >= spec.operatingThreshold();
            }
            if (kind.equals("class")) {
                return spec == null || spec.positiveClass() == null || !out.hasNonNull("label") ? null
                        : out.get("label").asText().equals(spec.positiveClass());
            }
            return Boolean.FALSE;
        }

        private static List<ObservedRate> rates(Map<String, Boolean> predicted, Map<String, String> kinds,
                                                Map<String, Map.Entry<Long, JsonNode>> outcomes, Instant from, Instant to) {
            long[][] counts = new long[3][2];
            List<List<Long>> evidence = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (Map.Entry<Long, JsonNode> o : outcomes.values()) {
                JsonNode data = o.getValue();
                if (!data.hasNonNull("positive")) {
                    continue;
                }
                boolean truth = data.get("positive").asBoolean();
                for (JsonNode dec : data.path("decisions")) {
                    String id = dec.asText();
                    Boolean said = predicted.get(id);
                    if (said == null) {
                        continue;
                    }
                    String kind = kinds.get(id);
                    int metric;
                    boolean event;
                    if (kind.equals("score") || kind.equals("class")) {
                        metric = truth ? 0 : 1;
                        event = truth ? said : !said;
                    } else {
                        metric = 2;
                        event = truth;
                    }
                    counts[metric][0] += event ? 1 : 0;
                    counts[metric][1]++;
                    if (evidence.get(metric).size() < ObservedRate.MAX_EVIDENCE) {
                        evidence.get(metric).add(o.getKey());
                    }
                }
            }
            String[] names = {"sensitivity", "specificity", "error-rate"};
            List<ObservedRate> out = new ArrayList<>();
            for (int m = 0; m < 3; m++) {
                if (counts[m][1] > 0) {
                    out.add(new ObservedRate(names[m], counts[m][0], counts[m][1], from, to, evidence.get(m),
                            counts[m][1] > ObservedRate.MAX_EVIDENCE));
                }
            }
            return out;
        }

        List<ObservedRate> performance() {
            return performance;
        }

        List<AlertFacts> alerts() {
            return alerts;
        }
    }
}
