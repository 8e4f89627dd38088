package org.onus.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.onus.ledger.Entries;
import org.onus.ledger.EntryDraft;
import org.onus.ledger.LedgerException;
import org.onus.ledger.TenantLog;
import org.onus.recording.Recorder;
import org.onus.registry.AiSystem;
import org.onus.registry.Authorization;
import org.onus.registry.RecordKind;
import org.onus.registry.Registry;
import org.onus.store.StoredEntry;
import org.onus.validation.Fields;

/**
 * Watches one tenant's deployments: live metrics, observed performance beside the card's
 * claims, input drift, and alerts written to the ledger.
 *
 * <h2>Feed</h2>
 * The monitor reads committed ledger entries, never the recorder's internals. It registers a
 * {@link TenantLog.CommitListener} that only enqueues (so ingest threads and the sequencer do no
 * monitoring work), then, on its own thread, reads the tenant's ledger once from the start and
 * continues with what the listener queued, skipping what the scan already covered. Start-up
 * rebuild and live operation are the same code path, so the figures after a restart are the
 * figures before it.
 *
 * <h2>Alerts</h2>
 * After every {@value #EVALUATE_EVERY} events of a deployment, and after each batch taken from
 * the queue, the rules are evaluated on the deployment's sliding-window sums (see
 * {@link DeploymentState}): cost in slices, not in history. A crossing that begins an episode
 * (see {@link AlertBook}) becomes an {@code alert} entry, appended by this thread outside the
 * lock that queries take; it comes back through the listener like any entry. While the ledger is
 * replayed no alert is written (those raised back then are read from it); after the replay, an
 * episode that holds and was never alerted (e.g. events arrived while Onus was down) is.
 *
 * <p>On a database several nodes share, every node's monitor sees every crossing and raises it;
 * the alert claims the unique key of its episode ({@link AlertBook#nextEpisode}), so the store
 * keeps the first raise and answers the others with its index.
 *
 * <h2>Concurrency</h2>
 * One writer (the monitor thread) and many readers (queries) share the aggregates under a
 * read-write lock, taken per batch of at most {@value #CHUNK} entries.
 */
public final class Monitor implements AutoCloseable {

    static final int EVALUATE_EVERY = 50;
    static final int CHUNK = 2_000;
    public static final String ALERT_LOOKUP = "alert";

    /** Who asks: a vendor ({@code onlySystems} non-null) sees its own products and the post-market signals sent to its party. */
    public record Viewer(String actor, String role, String party, Set<String> onlySystems) {
        boolean vendor() {
            return onlySystems != null;
        }
    }

    private final TenantLog log;
    private final Registry registry;
    private final Clock clock;
    private final Aggregator aggregator;
    private final AlertBook book = new AlertBook();
    private final LinkedBlockingQueue<List<StoredEntry>> queue = new LinkedBlockingQueue<>();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final TenantLog.CommitListener listener = queue::add;
    private final Thread thread;
    private final Object progress = new Object();
    private volatile long next;
    /** What {@link #awaitProcessed} waits for: entries taken in and the alerts they raised written. */
    private volatile long published;
    private volatile long skipped;
    private volatile boolean closed;
    private volatile Throwable failure;

    public Monitor(TenantLog log, Registry registry, Clock clock) {
        this(log, registry, clock, Thresholds.DEFAULTS);
    }

    Monitor(TenantLog log, Registry registry, Clock clock, Thresholds defaults) {
        this.log = log;
        this.registry = registry;
        this.clock = clock;
        this.aggregator = new Aggregator(registry, defaults, this::entryData);
        log.addCommitListener(listener);
        this.thread = new Thread(this::run, "onus-monitor-" + log.tenant());
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private JsonNode entryData(long index) {
        return log.entry(index).map(e -> Entries.parse(e.bytes()).get("data")).orElse(null);
    }

    private void run() {
        try {
            long target = log.size();
            List<StoredEntry> page = new ArrayList<>(CHUNK);
            for (long from = 0; from < target && !closed; from += CHUNK) {
                page.clear();
                log.scan(from, Math.min(target, from + CHUNK), page::add);
                process(page, false);
            }
            raiseUnalerted();
            synchronized (progress) {
                published = next;
                progress.notifyAll();
            }
            while (!closed) {
                List<StoredEntry> batch = queue.poll(100, TimeUnit.MILLISECONDS);
                if (batch == null) {
                    continue;
                }
                List<StoredEntry> all = new ArrayList<>(batch);
                for (List<StoredEntry> more; all.size() < CHUNK && (more = queue.poll()) != null; ) {
                    all.addAll(more);
                }
                if (!all.isEmpty() && all.get(0).index() > next) {
                    // committed between the scan's end and the listener's first call: read the gap
                    List<StoredEntry> gap = new ArrayList<>();
                    log.scan(next, all.get(0).index(), gap::add);
                    process(gap, true);
                }
                process(all, true);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure = t;
            System.err.println("onus: monitoring of tenant " + log.tenant() + " stopped: " + t);
            t.printStackTrace();
        } finally {
            synchronized (progress) {
                progress.notifyAll();
            }
        }
    }

    void process(List<StoredEntry> entries, boolean isLive) {
        List<EntryDraft> drafts = new ArrayList<>();
        List<String[]> raised = new ArrayList<>();
        lock.writeLock().lock();
        try {
            Set<DeploymentState> touched = new LinkedHashSet<>();
            for (StoredEntry e : entries) {
                if (e.index() < next) {
                    continue;
                }
                String type = e.type();
                if (type.startsWith("decision") || type.startsWith("action") || type.startsWith("outcome")) {
                    DeploymentState d;
                    try {
                        d = aggregator.accept(e.index(), type, Entries.parse(e.bytes()).get("data"));
                    } catch (RuntimeException unreadable) {
                        // one entry the monitor cannot read must not stop the watch over every other
                        skipped++;
                        System.err.println("onus: monitoring of tenant " + log.tenant() + " skipped entry " + e.index() + ": " + unreadable);
                        d = null;
                    }
                    if (d != null) {
                        touched.add(d);
                        if (d.unevaluated >= EVALUATE_EVERY) {
                            evaluate(d, isLive, drafts, raised);
                        }
                    }
                } else if (type.startsWith("alert")) {
                    JsonNode env = Entries.parse(e.bytes());
                    book.accept(e.index(), type, env.path("recordedAt").asText(), env.get("data"));
                }
                next = e.index() + 1;
            }
            for (DeploymentState d : touched) {
                if (d.unevaluated > 0) {
                    evaluate(d, isLive, drafts, raised);
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
        write(drafts, raised);
        if (!isLive) {
            // while replaying, "caught up" waits for the alerts the replay owes (raiseUnalerted), published by run()
            return;
        }
        synchronized (progress) {
            published = next;
            progress.notifyAll();
        }
    }

    private void evaluate(DeploymentState d, boolean isLive, List<EntryDraft> drafts, List<String[]> raised) {
        d.unevaluated = 0;
        for (Rules.Crossing c : book.update(d.key, Rules.evaluate(d, aggregator), isLive, d.endDay, d.windowDays)) {
            drafts.add(alertDraft(d, c));
            raised.add(new String[] {d.key, c.key()});
        }
    }

    private void raiseUnalerted() {
        List<EntryDraft> drafts = new ArrayList<>();
        List<String[]> raised = new ArrayList<>();
        lock.writeLock().lock();
        try {
            for (DeploymentState d : aggregator.deployments.values()) {
                List<String> missing = book.unalerted(d.key);
                if (missing.isEmpty()) {
                    continue;
                }
                for (Rules.Crossing c : Rules.evaluate(d, aggregator)) {
                    if (missing.contains(c.key())) {
                        book.episode(d.key, c.key()).alerted = true;
                        drafts.add(alertDraft(d, c));
                        raised.add(new String[] {d.key, c.key()});
                    }
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
        write(drafts, raised);
    }

    private void write(List<EntryDraft> drafts, List<String[]> raised) {
        if (drafts.isEmpty()) {
            return;
        }
        try {
            log.appendGroup(drafts).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            System.err.println("onus: could not record " + drafts.size() + " alert(s) of tenant " + log.tenant() + ": " + e.getCause());
            lock.writeLock().lock();
            try {
                raised.forEach(r -> book.failedToRaise(r[0], r[1]));
            } finally {
                lock.writeLock().unlock();
            }
        }
    }

    private EntryDraft alertDraft(DeploymentState d, Rules.Crossing c) {
        Instant now = clock.instant();
        Instant windowEnd = Instant.ofEpochMilli((d.endDay + 1L) * Aggregator.DAY_MILLIS);
        Authorization auth = aggregator.authorization(d.authorization, windowEnd.minusMillis(1));
        Thresholds th = aggregator.defaults().over(auth);
        ObjectNode data = Rules.JSON.createObjectNode();
        String id = "alert-" + HexFormat.of().formatHex(sha256(c.key() + "|" + next)).substring(0, 16);
        data.put("id", id);
        data.put("key", c.key());
        data.put("deployment", d.key);
        if (d.authorization != null) {
            data.put("authorization", d.authorization);
        }
        if (d.system != null) {
            data.put("system", d.system);
        }
        if (d.site != null) {
            data.put("site", d.site);
        }
        data.put("rule", c.rule());
        data.put("slice", c.slice());
        if (c.subject() != null) {
            data.put("subject", c.subject());
        }
        data.set("figures", c.figures());
        ObjectNode window = data.putObject("window");
        window.put("from", windowEnd.minus(Duration.ofDays(d.windowDays)).toString());
        window.put("to", windowEnd.toString());
        window.put("days", d.windowDays);
        ArrayNode to = data.putArray("addressees");
        if (auth != null && auth.authorizedBy() != null) {
            to.addObject().put("party", auth.authorizedBy().party()).put("as", "deployer-responsible")
                    .put("role", auth.authorizedBy().role());
        } else {
            to.addObject().put("party", d.site == null ? "unknown" : d.site).put("as", "deployer-responsible");
        }
        if (c.postMarketSignal() && d.system != null) {
            registry.current(RecordKind.AI_SYSTEM, d.system, now, AiSystem.class).ifPresent(s ->
                    to.addObject().put("party", s.manufacturer()).put("as", "manufacturer"));
        }
        data.put("postMarketSignal", c.postMarketSignal());
        data.put("responseHours", th.alertResponseHours());
        data.put("respondBy", now.plusSeconds(Math.round(th.alertResponseHours() * 3600)).toString());
        data.put("basedOnEntries", next);
        long at = now.toEpochMilli();
        // one alert per episode across nodes: each node that sees the crossing raises it under the
        // same key, whose digest is the key itself, so a second raise is answered with the first
        String episode = "alert-episode/" + c.key() + "#" + book.nextEpisode(c.key());
        return Entries.draft("alert", now, "onus", data).withLookups(List.of(
                new EntryDraft.Lookup(Recorder.DEPLOYMENT, d.key, at), new EntryDraft.Lookup(ALERT_LOOKUP, id, at)))
                .withUniqueKey(episode, sha256(episode));
    }

    private static byte[] sha256(String s) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until every entry below {@code size} has been processed; false on timeout or if monitoring stopped. */
    public boolean awaitProcessed(long size, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (published < size && failure == null && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    progress.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return published >= size;
        }
    }

    /**
     * Waits until everything committed so far has been processed, the alerts that raised
     * included: an alert is committed before the entries that raised it count as processed, but
     * is taken in (and served) only when it comes back through the listener.
     */
    public boolean awaitCaughtUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long size = log.size(); ; ) {
            if (!awaitProcessed(size, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                return false;
            }
            long now = log.size();
            if (now == size) {
                return true;
            }
            size = now;
        }
    }

    /** Entries processed so far: figures describe the ledger up to this size. */
    public long processed() {
        return next;
    }

    /**
     * The whole deployment's confusion counts by UTC day of the decision in [fromDay, toDay]
     * (epoch days), read from the day cells once every entry below {@code size} has been taken in;
     * empty when the monitor has not caught up with {@code size} within {@code wait} (it is
     * replaying the ledger, or stopped), so that the caller counts from the ledger instead.
     */
    public Optional<java.util.NavigableMap<Integer, Confusion>> confusionByDay(String deployment, int fromDay, int toDay, long size,
                                                                               Duration wait) {
        if (!awaitProcessed(size, wait)) {
            return Optional.empty();
        }
        lock.readLock().lock();
        try {
            return Optional.of(Confusion.byDay(aggregator.deployments.get(deployment), fromDay, toDay));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Entries of the kinds monitoring reads that it could not read (each reported on standard error). */
    public long skipped() {
        return skipped;
    }

    // ---- queries ----

    /** Every deployment seen, with its volume and open alerts. */
    public ArrayNode deployments(Viewer viewer) {
        lock.readLock().lock();
        try {
            return Report.deployments(aggregator, book, viewer);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The deployment's figures over [from, to) by slice, beside the card's claims, with drift. Empty if unknown or not the vendor's. */
    public Optional<ObjectNode> metrics(String deployment, Instant from, Instant to, Viewer viewer) {
        lock.readLock().lock();
        try {
            DeploymentState d = aggregator.deployments.get(deployment);
            if (d == null || !visible(d, viewer)) {
                return Optional.empty();
            }
            ObjectNode out = Report.metrics(aggregator, d, from, to);
            out.put("asOfEntries", next);
            out.put("ledgerSize", log.size());
            return Optional.of(out);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The same figures as CSV, one row per slice and metric. */
    public Optional<String> metricsCsv(String deployment, Instant from, Instant to, Viewer viewer) {
        return metrics(deployment, from, to, viewer).map(Report::csv);
    }

    public ArrayNode alerts(String status, String deployment, Viewer viewer) {
        lock.readLock().lock();
        try {
            ArrayNode out = Rules.JSON.createArrayNode();
            for (AlertBook.Alert a : book.alerts.values()) {
                if (!visible(a, viewer) || (deployment != null && !deployment.equals(a.deployment()))) {
                    continue;
                }
                ObjectNode j = a.json();
                if (status == null || status.equals("all") || status.equals(j.path("status").asText())
                        || (status.equals("unresolved") && !a.resolved)) {
                    out.add(j);
                }
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    public Optional<ObjectNode> alert(String id, Viewer viewer) {
        lock.readLock().lock();
        try {
            AlertBook.Alert a = book.alerts.get(id);
            return a == null || !visible(a, viewer) ? Optional.empty() : Optional.of(a.json());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The outcome of a response: the entry's index, or why it was refused. */
    public record Response(long index, Refusal refusal) {
    }

    public enum Refusal { NOT_FOUND, ALREADY_RESOLVED }

    /**
     * Records an acknowledgement ({@code {"note": ...}}) of an alert: an {@code alert.acknowledgement}
     * entry filed under the deployment and the alert. Answers once the monitor has taken it in.
     */
    public Response acknowledge(String alertId, JsonNode body, Viewer viewer) {
        Fields.Errors errors = new Fields.Errors(clock);
        Fields f = Fields.of(body, "", errors);
        String note = f.optionalString("note");
        f.end();
        errors.throwIfAny();
        ObjectNode data = Rules.JSON.createObjectNode();
        if (note != null) {
            data.put("note", note);
        }
        return respond("alert.acknowledgement", alertId, data, viewer);
    }

    /** Records an action taken on an alert ({@code {"action": ..., "resolves": true|false}}); one that resolves it closes it. */
    public Response act(String alertId, JsonNode body, Viewer viewer) {
        Fields.Errors errors = new Fields.Errors(clock);
        Fields f = Fields.of(body, "", errors);
        String action = f.requiredString("action");
        Boolean resolves = f.bool("resolves", false);
        f.end();
        errors.throwIfAny();
        ObjectNode data = Rules.JSON.createObjectNode();
        data.put("action", action);
        data.put("resolves", resolves != null && resolves);
        return respond("alert.action", alertId, data, viewer);
    }

    private Response respond(String type, String alertId, ObjectNode data, Viewer viewer) {
        String deployment;
        lock.readLock().lock();
        try {
            AlertBook.Alert a = book.alerts.get(alertId);
            if (a == null || !visible(a, viewer)) {
                return new Response(-1, Refusal.NOT_FOUND);
            }
            if (a.resolved) {
                return new Response(-1, Refusal.ALREADY_RESOLVED);
            }
            deployment = a.deployment();
        } finally {
            lock.readLock().unlock();
        }
        Instant now = clock.instant();
        ObjectNode full = Rules.JSON.createObjectNode();
        full.put("alert", alertId);
        full.put("deployment", deployment);
        full.setAll(data);
        ObjectNode by = full.putObject("by");
        by.put("actor", viewer.actor());
        by.put("role", viewer.role());
        if (viewer.party() != null) {
            by.put("party", viewer.party());
        }
        long at = now.toEpochMilli();
        long index;
        try {
            index = log.append(Entries.draft(type, now, viewer.actor(), full).withLookups(List.of(
                    new EntryDraft.Lookup(Recorder.DEPLOYMENT, deployment, at), new EntryDraft.Lookup(ALERT_LOOKUP, alertId, at)))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException("interrupted while recording the response", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new LedgerException(e.getCause().getMessage(), e.getCause());
        }
        awaitProcessed(index + 1, Duration.ofSeconds(10));
        return new Response(index, null);
    }

    private boolean visible(DeploymentState d, Viewer v) {
        return v == null || !v.vendor() || (d.system != null && v.onlySystems().contains(d.system));
    }

    private boolean visible(AlertBook.Alert a, Viewer v) {
        return v == null || !v.vendor() || (a.postMarketSignal() && a.addressedTo(v.party()));
    }

    @Override
    public void close() {
        closed = true;
        log.removeCommitListener(listener);
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
