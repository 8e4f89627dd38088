package org.onus.investigation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.onus.ledger.Entries;
import org.onus.ledger.EntryDraft;
import org.onus.ledger.EvidenceBundle;
import org.onus.ledger.LedgerException;
import org.onus.ledger.TenantLog;
import org.onus.monitoring.Monitor;
import org.onus.recording.Recorder;
import org.onus.recording.TenantServices;

/**
 * One tenant's incidents and investigations: filing and amending incidents, reconstructing them,
 * running the rules, and bundling the evidence. Reading an incident, its reconstruction or its
 * investigation reads patient-linked data, so each read appends an {@code access} entry first
 * (the same shape the recording reads write); if that append fails nothing is handed out.
 */
public final class IncidentServices {

    private final TenantServices tenant;
    private final Incidents incidents;
    private final Reconstructor reconstructor;
    private final Investigator investigator;
    private final Clock clock;

    public IncidentServices(TenantServices tenant, Clock clock, OwedReports owed, List<Rule> rules) {
        this(tenant, clock, owed, rules, null);
    }

    /** @param monitor the tenant's monitor, whose day cells answer observed performance; null to count it from the ledger */
    public IncidentServices(TenantServices tenant, Clock clock, OwedReports owed, List<Rule> rules, Monitor monitor) {
        this.tenant = tenant;
        this.clock = clock;
        this.incidents = new Incidents(tenant, clock);
        this.reconstructor = new Reconstructor(tenant, clock, owed, monitor);
        this.investigator = new Investigator(rules);
    }

    public Incidents incidents() {
        return incidents;
    }

    public Investigator investigator() {
        return investigator;
    }

    public TenantServices tenant() {
        return tenant;
    }

    /** Every incident as it stands (for a vendor, those with its products, restricted to them); the read is logged. */
    public List<IncidentState> all(Reader reader) {
        List<IncidentState> out = new ArrayList<>();
        for (String id : incidents.ids()) {
            incidents.state(id).flatMap(s -> visible(s, reader)).ifPresent(out::add);
        }
        logAccess(reader, "incident-list", "*", out.size());
        return out;
    }

    /** The incident as it stands; the read is logged. */
    public IncidentState read(String id, Reader reader) {
        IncidentState s = state(id, reader);
        logAccess(reader, "incident", id, s.indexes().size());
        return s;
    }

    /** The incident rebuilt as it stood; the read is logged. */
    public Reconstruction reconstruct(String id, Reader reader) {
        Reconstruction r = rebuild(id, reader).reconstruction();
        logAccess(reader, "incident-reconstruction", id, r.timeline().size() + r.decisions().size());
        return r;
    }

    /** The incident rebuilt and judged by every rule; the read is logged. */
    public Investigation investigate(String id, Reader reader) {
        Investigation i = investigator.investigate(rebuild(id, reader).reconstruction());
        logAccess(reader, "incident-investigation", id, i.evidence().size());
        return i;
    }

    /**
     * An evidence bundle of the incident: its own entries and every entry a finding cites, with
     * inclusion proofs against one signed checkpoint. The access entry is written first, so the
     * bundle's checkpoint covers the record of its own export. A vendor's bundle leaves out the
     * incident's entries that name a decision of another manufacturer's product.
     */
    public Bundled bundle(String id, Reader reader) {
        Rebuilt b = rebuild(id, reader);
        Investigation i = investigator.investigate(b.reconstruction());
        TreeSet<Long> indexes = b.bundled(i);
        logAccess(reader, "incident-bundle", id, indexes.size());
        return new Bundled(i, EvidenceBundle.build(tenant.log(), indexes));
    }

    /**
     * Everything the investigation report shows, in one logged read: the incident, its
     * reconstruction, the investigation, the evidence bundle of what it cites (built after the
     * access entry, like {@link #bundle}), and the sealed texts opened for a reader who may open
     * them (digest to text; a digest whose key was destroyed is left out).
     */
    public Reported report(String id, Reader reader) {
        Rebuilt b = rebuild(id, reader);
        Reconstruction r = b.reconstruction();
        IncidentState state = r.incident();
        Investigation i = investigator.investigate(r);
        TreeSet<Long> indexes = b.bundled(i);
        logAccess(reader, "incident-report", id, indexes.size());
        Map<String, String> opened = new java.util.LinkedHashMap<>();
        if (reader.opensSealed()) {
            // each sealed text is filed with the entry that carries it
            Map<String, Long> digests = new java.util.LinkedHashMap<>();
            digests.put(state.incident().narrative(), state.filing().index());
            state.information().forEach(x -> digests.put(x.value().narrative(), x.index()));
            state.determinations().forEach(d -> digests.put(d.value().rationale(), d.index()));
            digests.forEach((d, index) -> {
                if (d != null) {
                    incidents.open(state, index, d).ifPresent(t -> opened.put(d, t));
                }
            });
        }
        return new Reported(state, r, i, EvidenceBundle.build(tenant.log(), indexes), opened);
    }

    /**
     * A reconstruction and the incident's own entries its bundle holds; a vendor's bundle holds
     * of the incident's entries only those, even where a finding cites another.
     */
    private record Rebuilt(Reconstruction reconstruction, List<Long> ownEntries) {

        TreeSet<Long> bundled(Investigation i) {
            TreeSet<Long> out = new TreeSet<>(ownEntries);
            List<Long> withheld = new ArrayList<>(reconstruction.incident().indexes());
            withheld.removeAll(ownEntries);
            i.evidence().stream().filter(x -> !withheld.contains(x)).forEach(out::add);
            return out;
        }
    }

    /** The reconstruction, for a vendor restricted to its products ({@link VendorView}); not found for a vendor it does not concern. */
    private Rebuilt rebuild(String id, Reader reader) {
        IncidentState full = incidents.state(id).orElseThrow(() -> new Incidents.NoSuchIncidentException(id));
        if (reader.onlySystems() == null) {
            return new Rebuilt(reconstructor.reconstruct(full), full.indexes());
        }
        IncidentState restricted = visible(full, reader).orElseThrow(() -> new Incidents.NoSuchIncidentException(id));
        // the regulatory clocks judge the incident by its first linked decision's product: only its maker sees its reports
        boolean regulatedProduct = reader.onlySystems().contains(systemOf(full.decisions().get(0)));
        return new Rebuilt(VendorView.restrict(reconstructor.reconstruct(full), restricted, reader.onlySystems(), regulatedProduct),
                VendorView.shareable(full, restricted));
    }

    /** The incident as the reader may see it; empty for a vendor when it links no decision of its products. */
    private Optional<IncidentState> visible(IncidentState s, Reader reader) {
        if (reader.onlySystems() == null) {
            return Optional.of(s);
        }
        return VendorView.restrict(s, reader.onlySystems(), this::systemOf);
    }

    private String systemOf(String decision) {
        return tenant.recorder().decisionRef(decision).map(Recorder.DecisionRef::system).orElse(null);
    }

    /** What {@link #report} hands the report: plain values. */
    public record Reported(IncidentState incident, Reconstruction reconstruction, Investigation investigation, EvidenceBundle bundle,
                           Map<String, String> opened) {
        public Reported {
            opened = Map.copyOf(opened);
        }
    }

    /** An investigation and the evidence bundle of what it cites. */
    public record Bundled(Investigation investigation, EvidenceBundle bundle) {
    }

    /**
     * Who reads: the token id and role, whether sealed content may be opened for them, and for a
     * vendor the AI systems of its manufacturer (null: every product).
     */
    public record Reader(String actor, String role, boolean opensSealed, Set<String> onlySystems) {

        public Reader {
            onlySystems = onlySystems == null ? null : Set.copyOf(onlySystems);
        }

        public Reader(String actor, String role, boolean opensSealed) {
            this(actor, role, opensSealed, null);
        }
    }

    /** Any of the investigation's values as JSON (times as RFC 3339, absent fields left out). */
    public static com.fasterxml.jackson.databind.JsonNode json(Object value) {
        return Incidents.JSON.valueToTree(value);
    }

    /**
     * The incident as JSON for {@code reader}: the narratives and rationales are opened for a
     * reader who may open sealed content ({@code {"sealed":..., "erased":true}} once the
     * patient's key is destroyed), and stay {@code {"sealed": digest}} for anyone else.
     */
    public ObjectNode view(IncidentState s, Reader reader) {
        ObjectNode out = (ObjectNode) json(s);
        open(out.path("filing"), "narrative", s, reader);
        out.path("information").forEach(i -> open(i, "narrative", s, reader));
        out.path("determinations").forEach(d -> open(d, "rationale", s, reader));
        return out;
    }

    /** Opens {@code field} of a recorded value, whose sealed text is filed with the recording entry. */
    private void open(com.fasterxml.jackson.databind.JsonNode recorded, String field, IncidentState s, Reader reader) {
        if (!(recorded.path("value") instanceof ObjectNode obj) || !obj.hasNonNull(field)) {
            return;
        }
        long index = recorded.path("index").asLong(-1);
        String digest = obj.get(field).asText();
        ObjectNode sealed = Incidents.JSON.createObjectNode().put("sealed", digest);
        if (reader.opensSealed()) {
            java.util.Optional<String> plain = incidents.open(s, index, digest);
            if (plain.isPresent()) {
                obj.put(field, plain.get());
                return;
            }
            sealed.put("erased", true);
        }
        obj.set(field, sealed);
    }

    private IncidentState state(String id, Reader reader) {
        return incidents.state(id).flatMap(s -> visible(s, reader)).orElseThrow(() -> new Incidents.NoSuchIncidentException(id));
    }

    private void logAccess(Reader reader, String query, String subject, int count) {
        ObjectNode data = Incidents.JSON.createObjectNode();
        data.put("reader", reader.actor());
        data.put("role", reader.role());
        data.put("query", query);
        data.put("subject", subject);
        data.put("entries", count);
        data.put("contentOpened", reader.opensSealed());
        if (reader.onlySystems() != null) {
            data.set("onlySystems", Incidents.JSON.valueToTree(new TreeSet<>(reader.onlySystems())));
        }
        TenantLog log = tenant.log();
        try {
            log.append(Entries.draft("access", clock.instant(), reader.actor(), data)
                    .withLookups(List.of(new EntryDraft.Lookup("access", "incident/" + subject, clock.millis())))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException("interrupted while logging a read of incident data; nothing was returned", e);
        } catch (ExecutionException e) {
            throw new LedgerException("the read could not be logged, so nothing is returned: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Every tenant's incident services, made on first use. */
    public static final class Directory {
        private final TenantServices.Directory tenants;
        private final Clock clock;
        private final Function<TenantServices, OwedReports> owed;
        private final List<Rule> rules;
        private final Function<TenantServices, Monitor> monitors;
        private final Map<String, IncidentServices> byTenant = new ConcurrentHashMap<>();

        /**
         * @param owed the reports owed, per tenant: the regulatory clocks ({@link ClockedReports}), or {@link OwedReports#UNKNOWN}
         * @param rules the responsibility rules to run
         */
        public Directory(TenantServices.Directory tenants, Clock clock, Function<TenantServices, OwedReports> owed, Collection<Rule> rules) {
            this(tenants, clock, owed, rules, s -> null);
        }

        /** @param monitors each tenant's monitor (observed performance from its day cells), or null for none */
        public Directory(TenantServices.Directory tenants, Clock clock, Function<TenantServices, OwedReports> owed, Collection<Rule> rules,
                         Function<TenantServices, Monitor> monitors) {
            this.monitors = monitors;
            this.tenants = tenants;
            this.clock = clock;
            this.owed = owed;
            this.rules = new ArrayList<>(rules);
        }

        public IncidentServices of(TenantLog log) {
            return byTenant.computeIfAbsent(log.tenant(), t -> {
                TenantServices s = tenants.of(log);
                return new IncidentServices(s, clock, owed.apply(s), rules, monitors.apply(s));
            });
        }
    }
}
