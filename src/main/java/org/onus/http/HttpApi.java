package org.onus.http;

import io.javalin.Javalin;
import java.util.ArrayList;
import java.util.List;
import org.onus.investigation.ExactIntervals;
import org.onus.investigation.IncidentServices;
import org.onus.investigation.Incidents;
import org.onus.investigation.ClockedReports;
import org.onus.investigation.rules.Catalogue;
import org.onus.investigation.clocks.RegulatoryReports;
import org.onus.ledger.DuplicateKeyException;
import org.onus.recording.BatchTooLargeException;
import org.onus.recording.TenantServices;
import org.onus.registry.RecordKind;
import org.onus.validation.InvalidInputException;
import org.onus.validation.Violation;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.http.NotFoundResponse;
import io.javalin.router.Endpoint;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.onus.auth.Permission;
import org.onus.auth.Tokens;
import org.onus.ledger.Ledger;
import org.onus.ledger.LedgerException;
import org.onus.monitoring.Monitoring;

/**
 * The HTTP API, built with plain calls: every route, the permission it needs, and how each
 * failure becomes an RFC 9457 problem, all in {@link #create}.
 *
 * <pre>
 * GET  /health                              no token     {"status":"ok"}
 * GET  /openapi.json                        no token     the OpenAPI document of every route here
 * GET  /metrics                             READ_METRICS Prometheus text (operator tenant only)
 * GET  /v1/ledger/checkpoint                READ_PROOFS  signed note, signed on demand if stale
 * GET  /v1/ledger/key                       READ_PROOFS  verifier key, signed-note encoding
 * GET  /v1/ledger/entries/{index}           READ_ENTRIES entry: canonical bytes, leaf hash, parsed JSON
 * GET  /v1/ledger/proofs/inclusion?index=&size=   READ_PROOFS  both required
 * GET  /v1/ledger/proofs/consistency?from=&to=    READ_PROOFS  both required
 * POST /v1/ledger/entries                   APPEND_ENTRIES 201 after durable commit
 * POST /v1/tokens                           ISSUE_TOKENS 201, secret shown once
 * GET  /v1/tokens                           ISSUE_TOKENS the tenant's tokens (no secrets)
 * DELETE /v1/tokens/{id}?reason=            ISSUE_TOKENS revokes a token (a token.revoked entry)
 * POST /v1/tenants                          CREATE_TENANTS 201, a new tenant and its first admin token (operator tenant only)
 * POST /v1/incidents, .../{id}/information, .../{id}/determinations, .../{id}/closure   RECORD_INCIDENTS
 * GET  /v1/incidents, /v1/incidents/{id}, .../reconstruction, .../investigation, .../bundle   READ_INCIDENTS (logged)
 * GET  /v1/incidents/{id}/report            READ_INCIDENTS the investigation report, HTML or PDF by Accept or ?format= (logged)
 * GET  /v1/rules                            READ_REGISTRY the responsibility rules' catalogue
 * GET  /v1/monitoring/...                   READ_MONITORING figures by deployment (JSON, CSV) and alerts
 * POST /v1/monitoring/alerts/{id}/...       RESPOND_TO_ALERTS acknowledgements and actions (ledger entries)
 * GET  /v1/incidents/{id}/reports?asOf=     READ_REPORTS the regulatory reports owed, with their status
 * POST /v1/incidents/{id}/reports           FILE_REPORTS 201, the filing of a report or its follow-up
 * </pre>
 */
public final class HttpApi {

    /** Largest body accepted by {@code POST /v1/ledger/entries}. */
    public static final long MAX_ENTRY_BYTES = 1024 * 1024;

    /**
     * Jetty's request threads. Writes of events answer asynchronously once committed (see
     * {@link EventRoutes}), so a request thread only parses, validates and drafts; more threads
     * than cores would only take turns on them, each wake-up costing CPU the requests need. A few
     * beyond the cores are kept for the routes that still wait on a commit (registry writes) and
     * for Jetty's own acceptor and selector. Javalin's default is 250.
     */
    static final int REQUEST_THREADS = Integer.getInteger("onus.http.threads",
            Math.max(8, 4 * Runtime.getRuntime().availableProcessors()));

    private HttpApi() {
    }

    /** The server, configured but not started. */
    public static Javalin create(Ledger ledger, Tokens tokens, Metrics metrics, Clock clock, long maxEntryBytes,
                                 TenantServices.Directory services, Monitoring monitoring, RegulatoryReports regulatoryReports) {
        return create(ledger, tokens, metrics, clock, maxEntryBytes, services, monitoring, regulatoryReports,
                incidentServices(services, clock, regulatoryReports, monitoring), config -> { });
    }

    /**
     * Every tenant's incident services, with the regulatory clocks, the rule catalogue and the
     * tenant's monitor (observed performance from its day cells): one per process, shared with the console.
     */
    public static IncidentServices.Directory incidentServices(TenantServices.Directory services, Clock clock, RegulatoryReports regulatoryReports,
                                                              Monitoring monitoring) {
        return new IncidentServices.Directory(services, clock, s -> new ClockedReports(regulatoryReports, s.log()), Catalogue.rules(new ExactIntervals()),
                s -> monitoring.of(s.log(), s.registry()));
    }

    /**
     * As above, with the incident services given and {@code more} adding routes of its own (the web
     * console's) to the same server; the API's routes take precedence.
     */
    public static Javalin create(Ledger ledger, Tokens tokens, Metrics metrics, Clock clock, long maxEntryBytes,
                                 TenantServices.Directory services, Monitoring monitoring, RegulatoryReports regulatoryReports,
                                 IncidentServices.Directory incidentServices, java.util.function.Consumer<io.javalin.config.JavalinConfig> more) {
        Guard guard = new Guard(tokens, ledger);
        Writes writes = new Writes();
        RegistryRoutes registry = new RegistryRoutes(services, writes, clock);
        QueuedThreadPool requestThreads = new QueuedThreadPool(REQUEST_THREADS, Math.min(4, REQUEST_THREADS), 60_000);
        EventRoutes events = new EventRoutes(services, writes, metrics, requestThreads);
        LedgerRoutes entries = new LedgerRoutes(clock, metrics, maxEntryBytes, services);
        TokenRoutes tokenRoutes = new TokenRoutes(tokens, services, ledger);
        IncidentRoutes incidents = new IncidentRoutes(incidentServices, writes);
        IncidentReportRoutes incidentReport = new IncidentReportRoutes(incidentServices, regulatoryReports, clock);
        MonitoringRoutes watch = new MonitoringRoutes(services, monitoring);
        ReportRoutes reports = new ReportRoutes(regulatoryReports, writes, clock);
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = Math.max(Math.max(maxEntryBytes, TokenRoutes.MAX_BODY_BYTES), EventRoutes.MAX_BATCH_BYTES);
            config.router.ignoreTrailingSlashes = true;
            config.jetty.threadPool = requestThreads;
            config.jetty.modifyServer(server -> server.setErrorHandler(new ProblemErrorHandler()));
            config.requestLogger.http((ctx, millis) -> metrics.request(ctx.method().name(), route(ctx), ctx.statusCode(), millis));

            config.routes.get("/health", ctx -> Json.write(ctx, 200, Map.of("status", "ok")));
            config.routes.get(OpenApi.PATH, ctx -> ctx.contentType(Json.MEDIA_TYPE).result(OpenApi.json()));
            config.routes.get("/metrics", guard.require(Permission.READ_METRICS, (ctx, who, log) ->
                    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape(ledger))));
            config.routes.get("/v1/ledger/checkpoint", guard.require(Permission.READ_PROOFS, entries::checkpoint));
            config.routes.get("/v1/ledger/key", guard.require(Permission.READ_PROOFS, entries::key));
            config.routes.get("/v1/ledger/entries/{index}", guard.require(Permission.READ_ENTRIES, entries::entry));
            config.routes.post("/v1/ledger/entries", guard.require(Permission.APPEND_ENTRIES, entries::append));
            config.routes.get("/v1/ledger/proofs/inclusion", guard.require(Permission.READ_PROOFS, entries::inclusion));
            config.routes.get("/v1/ledger/proofs/consistency", guard.require(Permission.READ_PROOFS, entries::consistency));
            config.routes.post("/v1/ledger/bundles", guard.require(Permission.READ_ENTRIES, entries::bundle));
            config.routes.post("/v1/tokens", guard.require(Permission.ISSUE_TOKENS, tokenRoutes::issue));
            config.routes.get("/v1/tokens", guard.require(Permission.ISSUE_TOKENS, tokenRoutes::list));
            config.routes.delete("/v1/tokens/{id}", guard.require(Permission.ISSUE_TOKENS, tokenRoutes::revoke));
            config.routes.post("/v1/tenants", guard.require(Permission.CREATE_TENANTS, tokenRoutes::createTenant));

            for (RecordKind kind : RecordKind.values()) {
                if (kind == RecordKind.VERSION) {
                    continue;
                }
                String base = "/v1/" + kind.path();
                config.routes.post(base, guard.require(Permission.WRITE_REGISTRY, registry.write(kind)));
                config.routes.get(base, guard.require(Permission.READ_REGISTRY, registry.list(kind)));
                config.routes.get(base + "/{id}", guard.require(Permission.READ_REGISTRY, registry.read(kind)));
                config.routes.get(base + "/{id}/history", guard.require(Permission.READ_REGISTRY, registry.history(kind)));
            }
            config.routes.post("/v1/authorizations/{id}/revocations", guard.require(Permission.WRITE_REGISTRY, registry.revoke(RecordKind.AUTHORIZATION)));
            config.routes.post("/v1/ai-systems/{system}/versions", guard.require(Permission.WRITE_REGISTRY, registry.writeVersion()));
            config.routes.get("/v1/ai-systems/{system}/versions/{version}", guard.require(Permission.READ_REGISTRY, registry.read(RecordKind.VERSION)));

            config.routes.post("/v1/decisions", guard.require(Permission.RECORD_EVENTS, events.single(EventRoutes.Kind.DECISION)));
            config.routes.post("/v1/decisions:batch", guard.require(Permission.RECORD_EVENTS, events.batch(EventRoutes.Kind.DECISION, "decisions")));
            config.routes.post("/v1/actions", guard.require(Permission.RECORD_EVENTS, events.single(EventRoutes.Kind.ACTION)));
            config.routes.post("/v1/actions:batch", guard.require(Permission.RECORD_EVENTS, events.batch(EventRoutes.Kind.ACTION, "actions")));
            config.routes.post("/v1/outcomes", guard.require(Permission.RECORD_EVENTS, events.single(EventRoutes.Kind.OUTCOME)));
            config.routes.post("/v1/outcomes:batch", guard.require(Permission.RECORD_EVENTS, events.batch(EventRoutes.Kind.OUTCOME, "outcomes")));
            config.routes.post("/v1/decisions/{id}/corrections", guard.require(Permission.RECORD_EVENTS, events.correction(EventRoutes.Kind.DECISION)));
            config.routes.post("/v1/actions/{id}/corrections", guard.require(Permission.RECORD_EVENTS, events.correction(EventRoutes.Kind.ACTION)));
            config.routes.post("/v1/outcomes/{id}/corrections", guard.require(Permission.RECORD_EVENTS, events.correction(EventRoutes.Kind.OUTCOME)));
            config.routes.get("/v1/decisions/{id}", guard.require(Permission.READ_PATIENT_DATA, events::decision));
            config.routes.get("/v1/patients/{id}/timeline", guard.require(Permission.READ_PATIENT_DATA, events::patientTimeline));
            config.routes.delete("/v1/patients/{id}/personal-data", guard.require(Permission.ERASE_PATIENT_DATA, events::erase));
            config.routes.get("/v1/deployments/{id}/events", guard.require(Permission.READ_DEPLOYMENT_EVENTS, events::deploymentEvents));

            config.routes.post("/v1/incidents", guard.require(Permission.RECORD_INCIDENTS, incidents::file));
            config.routes.get("/v1/incidents", guard.require(Permission.READ_INCIDENTS, incidents::list));
            config.routes.get("/v1/incidents/{id}", guard.require(Permission.READ_INCIDENTS, incidents::read));
            config.routes.post("/v1/incidents/{id}/information", guard.require(Permission.RECORD_INCIDENTS, incidents::information));
            config.routes.post("/v1/incidents/{id}/determinations", guard.require(Permission.RECORD_INCIDENTS, incidents::determination));
            config.routes.post("/v1/incidents/{id}/closure", guard.require(Permission.RECORD_INCIDENTS, incidents::closure));
            config.routes.get("/v1/incidents/{id}/reconstruction", guard.require(Permission.READ_INCIDENTS, incidents::reconstruction));
            config.routes.get("/v1/incidents/{id}/investigation", guard.require(Permission.READ_INCIDENTS, incidents::investigation));
            config.routes.get("/v1/incidents/{id}/bundle", guard.require(Permission.READ_INCIDENTS, incidents::bundle));
            config.routes.get("/v1/incidents/{id}/report", guard.require(Permission.READ_INCIDENTS, incidentReport::report));
            config.routes.get("/v1/rules", guard.require(Permission.READ_REGISTRY, incidents::rules));
            config.routes.get("/v1/monitoring/deployments", guard.require(Permission.READ_MONITORING, watch::deployments));
            config.routes.get("/v1/monitoring/deployments/{id}", guard.require(Permission.READ_MONITORING, watch::metrics));
            config.routes.get("/v1/monitoring/deployments/{id}/csv", guard.require(Permission.READ_MONITORING, watch::csv));
            config.routes.get("/v1/monitoring/alerts", guard.require(Permission.READ_MONITORING, watch::alerts));
            config.routes.get("/v1/monitoring/alerts/{id}", guard.require(Permission.READ_MONITORING, watch::alert));
            config.routes.post("/v1/monitoring/alerts/{id}/acknowledgements", guard.require(Permission.RESPOND_TO_ALERTS, watch::acknowledge));
            config.routes.post("/v1/monitoring/alerts/{id}/actions", guard.require(Permission.RESPOND_TO_ALERTS, watch::act));
            config.routes.get("/v1/incidents/{id}/reports", guard.require(Permission.READ_REPORTS, reports::schedule));
            config.routes.post("/v1/incidents/{id}/reports", guard.require(Permission.FILE_REPORTS, reports::file));
            more.accept(config);

            // Javalin answers its own HttpResponseExceptions (404, 405, ...) in plain text unless a
            // handler is registered for that class itself, hence two registrations.
            config.routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, toProblem(e, ctx, maxEntryBytes)));
            config.routes.exception(Exception.class, (e, ctx) -> write(ctx, toProblem(unwrap(e), ctx, maxEntryBytes)));
        });
    }

    /** Route template of the matched endpoint, or {@code unmatched}: bounded, for metrics. */
    private static String route(Context ctx) {
        try {
            Endpoint e = ctx.endpoints().matchedHttpEndpoint();
            return e == null ? "unmatched" : e.path;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }

    private static Throwable unwrap(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private static Problem toProblem(Throwable e, Context ctx, long bodyLimit) {
        if (e instanceof Problem.ProblemException) {
            return ((Problem.ProblemException) e).problem();
        }
        if (e instanceof InvalidInputException iie) {
            List<Problem.FieldError> errors = new ArrayList<>();
            for (Violation v : iie.violations()) {
                boolean query = !v.pointer().isEmpty() && !v.pointer().startsWith("/");
                errors.add(new Problem.FieldError(v.pointer().isEmpty() ? "(body)" : v.pointer(), query ? "query" : "body", v.rule()));
            }
            return Problems.invalidBody(errors);
        }
        if (e instanceof Incidents.NoSuchIncidentException n) {
            return Problems.recordNotFound("incidents", n.id());
        }
        if (e instanceof DuplicateKeyException) {
            return Problems.duplicateKey(e.getMessage());
        }
        if (e instanceof BatchTooLargeException) {
            return Problem.of(413, "batch-too-large", "The batch is too large", e.getMessage());
        }
        if (e instanceof NotFoundResponse) {
            return Problems.routeNotFound(ctx.method().name(), ctx.path());
        }
        if (e instanceof MethodNotAllowedResponse) {
            String allowed = String.join(", ", ((MethodNotAllowedResponse) e).getDetails().values())
                    .replace("[", "").replace("]", "");
            return Problems.methodNotAllowed(ctx.method().name(), ctx.path(), allowed);
        }
        if (e instanceof ContentTooLargeResponse) {
            return Problems.tooLarge(bodyLimit);
        }
        if (e instanceof HttpResponseException) {
            return Problems.httpStatus(((HttpResponseException) e).getStatus(), e.getMessage());
        }
        String incident = UUID.randomUUID().toString();
        System.err.println("onus: request " + ctx.method().name() + " " + ctx.path() + " failed (incident " + incident + ")");
        e.printStackTrace();
        if (e instanceof LedgerException) {
            return Problems.unavailable("the ledger could not complete the request (" + e.getMessage()
                    + "); a write was not acknowledged and may or may not have been recorded; incident " + incident);
        }
        return Problems.internal("the request could not be completed because of an internal error; incident " + incident);
    }

    private static void write(Context ctx, Problem p) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", p.type());
        body.put("title", p.title());
        body.put("status", p.status());
        body.put("detail", p.detail());
        body.put("instance", ctx.path());
        if (!p.errors().isEmpty()) {
            body.put("errors", p.errors());
        }
        p.headers().forEach(ctx::header);
        Json.write(ctx, p.status(), body);
        ctx.contentType(Problem.MEDIA_TYPE);
    }
}
