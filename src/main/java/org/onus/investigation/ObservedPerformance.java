package org.onus.investigation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.onus.ledger.Entries;
import org.onus.ledger.TenantLog;
import org.onus.monitoring.Confusion;
import org.onus.monitoring.Monitor;
import org.onus.recording.Recorder;
import org.onus.registry.Registry;
import org.onus.store.Annex;
import org.onus.store.StoredEntry;

/**
 * A deployment's observed sensitivity and specificity before an incident, for outputs that are a
 * score or a class.
 *
 * <h2>What is counted</h2>
 * The deployment's decisions whose event time lies from 00:00 UTC of the day {@code N} days before
 * the incident's day up to the incident's time, each as last corrected, called at the card's
 * operating threshold (or positive class), with the first outcome recorded for it that says
 * {@code positive} — as known when the investigation runs, whenever that outcome was observed:
 * no decision made after the incident counts, and the truth learned since about the decisions
 * before it does, as corrections of the registry do. A flagged output is not counted. That is
 * exactly what monitoring counts in its day cells, so {@code N} days are read as whole UTC days:
 * the span is the most recent of 7, 30, 90 days or the whole monitoring window that holds at
 * least {@link #ENOUGH_OUTCOMES} outcomes.
 *
 * <h2>Where the counts come from</h2>
 * The whole days before the incident's day come from monitoring's day cells once the monitor has
 * taken in every entry committed when the reconstruction began (a bounded wait); the incident's
 * own day, which the cells cannot cut at the incident's time, and every day while the monitor is
 * still replaying the ledger at start, are counted from the ledger with monitoring's own code
 * ({@link Confusion#replay}) over each decision's entries (the {@code decision} lookup: its
 * corrections and outcomes, however late). Both paths give the same figures; the equivalence test
 * holds them to it.
 */
final class ObservedPerformance {

    static final int ENOUGH_OUTCOMES = 1_000;
    static final int[] SPANS_DAYS = {7, 30, 90};
    /** How long a reconstruction waits for the monitor to take in what was committed before it began. */
    static final Duration MONITOR_WAIT = Duration.ofMillis(250);
    private static final int PAGE = 5_000;

    private final TenantLog log;
    private final Registry registry;
    private final Monitor monitor;

    /** @param monitor the tenant's monitor, or null to count everything from the ledger */
    ObservedPerformance(TenantLog log, Registry registry, Monitor monitor) {
        this.log = log;
        this.registry = registry;
        this.monitor = monitor;
    }

    /** Which path answered, for tests and the benchmark. */
    enum Source { CELLS, LEDGER }

    record Answer(List<ObservedRate> rates, Source source) {
    }

    /**
     * @param windowDays the monitoring window (days)
     * @param size the ledger size when the reconstruction began
     */
    Answer rates(String deployment, Instant incident, int windowDays, long size) {
        int incidentDay = (int) Math.floorDiv(incident.toEpochMilli(), Confusion.DAY_MILLIS);
        int firstDay = incidentDay - windowDays;
        Optional<NavigableMap<Integer, Confusion>> cells = monitor == null ? Optional.empty()
                : monitor.confusionByDay(deployment, firstDay, incidentDay - 1, size, MONITOR_WAIT);
        NavigableMap<Integer, Confusion> days = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        days.putAll(replay(deployment, dayStart(incidentDay), incident, seen));
        int replayedFrom = incidentDay;
        List<ObservedRate> rates = List.of();
        for (int i = 0; i <= SPANS_DAYS.length; i++) {
            int start = Math.max(firstDay, i < SPANS_DAYS.length ? incidentDay - SPANS_DAYS[i] : firstDay);
            if (cells.isPresent()) {
                days.putAll(cells.get().subMap(start, true, incidentDay - 1, true));
            } else if (start < replayedFrom) {
                // spans are nested: only the days not read yet are replayed
                replay(deployment, dayStart(start), dayStart(replayedFrom).minusMillis(1), seen)
                        .forEach((day, c) -> days.merge(day, c, Confusion::plus));
                replayedFrom = start;
            }
            Confusion sum = Confusion.NONE;
            for (Confusion c : days.subMap(start, true, incidentDay, true).values()) {
                sum = sum.plus(c);
            }
            rates = rates(sum, dayStart(start), incident);
            if (start <= firstDay || sum.positives() + sum.negatives() >= ENOUGH_OUTCOMES) {
                break;
            }
        }
        return new Answer(rates, cells.isPresent() ? Source.CELLS : Source.LEDGER);
    }

    private static Instant dayStart(int day) {
        return Instant.ofEpochMilli(day * Confusion.DAY_MILLIS);
    }

    private static List<ObservedRate> rates(Confusion c, Instant from, Instant to) {
        List<ObservedRate> out = new ArrayList<>();
        if (c.positives() > 0) {
            out.add(new ObservedRate("sensitivity", c.truePositives(), c.positives(), from, to, List.of(), false));
        }
        if (c.negatives() > 0) {
            out.add(new ObservedRate("specificity", c.trueNegatives(), c.negatives(), from, to, List.of(), false));
        }
        return out;
    }

    /**
     * Counts, by day, the deployment's decisions filed under it with event time in [from, until]
     * whose latest version still lies there, from each decision's own entries; {@code seen} keeps
     * a decision found in two spans from counting twice.
     */
    private NavigableMap<Integer, Confusion> replay(String deployment, Instant from, Instant until, Set<String> seen) {
        TreeMap<Long, StoredEntry> entries = new TreeMap<>();
        Annex.Key after = null;
        while (true) {
            List<Annex.Key> page = log.lookup(Recorder.DEPLOYMENT, deployment, from.toEpochMilli(), until.toEpochMilli() + 1, after, PAGE);
            for (Annex.Key k : page) {
                Optional<StoredEntry> e = log.entry(k.index());
                if (e.isEmpty() || !e.get().type().startsWith("decision")) {
                    continue;
                }
                String id = Entries.parse(e.get().bytes()).get("data").path("id").asText();
                if (!seen.contains(id) && decisionEntries(id, from, until, entries)) {
                    seen.add(id);
                }
            }
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1);
        }
        NavigableMap<Integer, Confusion> all = Confusion.replay(registry, this::data, entries.values(), deployment);
        int fromDay = (int) Math.floorDiv(from.toEpochMilli(), Confusion.DAY_MILLIS);
        int toDay = (int) Math.floorDiv(until.toEpochMilli(), Confusion.DAY_MILLIS);
        return new TreeMap<>(all.subMap(fromDay, true, toDay, true));
    }

    /** Adds the decision's entries when its latest version's event time lies in [from, until]; answers whether it did. */
    private boolean decisionEntries(String id, Instant from, Instant until, Map<Long, StoredEntry> into) {
        List<StoredEntry> mine = new ArrayList<>();
        StoredEntry latest = null;
        for (Annex.Key k : log.lookup(Recorder.DECISION, id, Long.MIN_VALUE, Long.MAX_VALUE, null, 10_000)) {
            Optional<StoredEntry> e = log.entry(k.index());
            if (e.isEmpty()) {
                continue;
            }
            mine.add(e.get());
            if (e.get().type().startsWith("decision") && (latest == null || e.get().index() > latest.index())) {
                latest = e.get();
            }
        }
        if (latest == null) {
            return false;
        }
        Instant at = Instant.parse(Entries.parse(latest.bytes()).get("data").get("eventTime").asText());
        if (at.isBefore(from) || at.isAfter(until)) {
            return false;
        }
        mine.forEach(e -> into.put(e.index(), e));
        return true;
    }

    private JsonNode data(long index) {
        return log.entry(index).map(e -> Entries.parse(e.bytes()).get("data")).orElse(null);
    }
}
