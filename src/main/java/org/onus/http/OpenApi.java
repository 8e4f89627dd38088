package org.onus.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.onus.auth.Permission;
import org.onus.auth.Role;
import org.onus.investigation.clocks.Filing;
import org.onus.investigation.clocks.Recipient;
import org.onus.investigation.clocks.Regime;
import org.onus.investigation.clocks.ReportKind;
import org.onus.investigation.clocks.ReportStatus;
import org.onus.investigation.clocks.Reporter;
import org.onus.recording.ClinicianAction;
import org.onus.recording.Decision;
import org.onus.recording.Recorder;
import org.onus.registry.AiSystem;
import org.onus.registry.Authorization;
import org.onus.registry.ModelCard;
import org.onus.registry.Notice;
import org.onus.registry.Party;
import org.onus.registry.Population;
import org.onus.registry.RecordKind;

/**
 * The OpenAPI 3.1 document served at {@code GET /openapi.json}, written in code so that it
 * takes its enumerations (party kinds, output kinds, roles, ...) from the classes that enforce
 * them. {@code OpenApiTest} holds it to the routes {@link HttpApi} actually registers, in both
 * directions, and to the fields each record reader actually accepts.
 */
final class OpenApi {

    static final String PATH = "/openapi.json";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");
    private static final String DATE_TIME = "date-time";
    private static final byte[] DOCUMENT = build();

    private OpenApi() {
    }

    /** The document as served. */
    static byte[] json() {
        return DOCUMENT.clone();
    }

    private static byte[] build() {
        ObjectNode doc = F.objectNode();
        doc.put("openapi", "3.1.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Onus API");
        info.put("version", "1");
        info.put("description", "Tamper-evident flight recorder for clinical AI. Every write is a ledger entry and answers its "
                + "index (with ?proof=true, an inclusion proof against a fresh signed checkpoint). Errors are RFC 9457 "
                + "problem+json naming the field (a JSON pointer into the body, or a parameter name) and the rule broken.");
        doc.putArray("servers").addObject().put("url", "/");
        ObjectNode components = doc.putObject("components");
        components.putObject("securitySchemes").putObject("bearer").put("type", "http").put("scheme", "bearer")
                .put("description", "An API token (onus_...). Each token acts in its own tenant only, with its role's permissions.");
        schemas(components.putObject("schemas"));
        problemResponses(components.putObject("responses"));
        paths(doc.putObject("paths"));
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- paths -------------------------------------------------------------------------------

    private static void paths(ObjectNode paths) {
        new Op(paths, "get", "/health", "Liveness").open().ok(200, ref("Health")).add();
        new Op(paths, "get", PATH, "This OpenAPI document").open().ok(200, F.objectNode().put("type", "object")).add();
        new Op(paths, "get", "/metrics", "Prometheus metrics (operator tenant only)").permission(Permission.READ_METRICS)
                .text(200, "Prometheus text exposition format").add();
        new Op(paths, "get", "/v1/ledger/checkpoint", "The tenant log's latest signed checkpoint (C2SP signed note)")
                .permission(Permission.READ_PROOFS).text(200, "a signed note").add();
        new Op(paths, "get", "/v1/ledger/key", "The verifier key of the tenant log, in signed-note encoding")
                .permission(Permission.READ_PROOFS).text(200, "a note verifier key").add();
        new Op(paths, "get", "/v1/ledger/entries/{index}", "One entry: its canonical bytes, leaf hash and parsed JSON. "
                + "Reading a patient-linked entry appends an access entry.").permission(Permission.READ_ENTRIES)
                .ok(200, ref("LedgerEntry")).problems(400, 404).add();
        new Op(paths, "post", "/v1/ledger/entries", "Append an annotation entry; answered after a durable commit")
                .permission(Permission.APPEND_ENTRIES).body(ref("Annotation")).ok(201, ref("Appended")).problems(400, 413, 415, 422).add();
        new Op(paths, "get", "/v1/ledger/proofs/inclusion", "RFC 9162 inclusion proof of an entry in the tree of a given size")
                .permission(Permission.READ_PROOFS).query("index", integer(), true, "the entry's index")
                .query("size", integer(), true, "the tree size, that of a checkpoint").ok(200, ref("InclusionProof")).problems(400).add();
        new Op(paths, "get", "/v1/ledger/proofs/consistency", "RFC 9162 consistency proof between two tree sizes")
                .permission(Permission.READ_PROOFS).query("from", integer(), true, "the older tree size")
                .query("to", integer(), true, "the newer tree size").ok(200, ref("ConsistencyProof")).problems(400).add();
        new Op(paths, "post", "/v1/ledger/bundles", "An evidence bundle: the entries, their inclusion proofs against one signed "
                + "checkpoint and the verifier key, verifiable offline with `onus verify bundle.json`; patient-linked entries are logged as read")
                .permission(Permission.READ_ENTRIES).body(object(new String[] {"indexes"}, "indexes", array(integer())))
                .ok(200, F.objectNode().put("type", "object").put("description", "onus-evidence-bundle/1")).problems(413, 415, 422).add();
        new Op(paths, "post", "/v1/tokens", "Issue a token in the caller's tenant; the secret is shown once")
                .permission(Permission.ISSUE_TOKENS).body(ref("TokenRequest")).ok(201, ref("IssuedToken")).problems(400, 415, 422).add();
        ObjectNode listed = object(new String[] {"id", "role", "label", "createdAt"}, "id", string(), "role", string(), "label", string(),
                "createdAt", dateTime(), "revokedAt", dateTime(), "party", string());
        new Op(paths, "get", "/v1/tokens", "The caller's tenant's tokens, revoked ones included; never a secret")
                .permission(Permission.ISSUE_TOKENS).ok(200, object(new String[] {"tokens"}, "tokens", array(listed))).add();
        new Op(paths, "delete", "/v1/tokens/{id}", "Revoke a token: a token.revoked entry, after which the token is refused "
                + "(by this node at once, by others within 5 s); the tenant's last valid admin token is not revoked")
                .permission(Permission.ISSUE_TOKENS).query("reason", string(), false, "why, recorded in the entry")
                .ok(200, object(new String[] {"id", "revokedAt"}, "id", string(), "revokedAt", dateTime(), "ledgerIndex", integer(),
                        "alreadyRevoked", bool())).problems(400, 404, 409).add();
        new Op(paths, "post", "/v1/tenants", "Create a tenant (a hospital organisation) with its own log and signing key, and "
                + "its first admin token, shown once; operator tenant only").permission(Permission.CREATE_TENANTS)
                .body(object(new String[] {"name"}, "name", string())).ok(201, object(new String[] {"tenant", "origin", "verifierKey", "adminToken"},
                        "tenant", string(), "origin", string(), "verifierKey", string(), "adminToken", object(new String[] {"id", "secret"},
                                "id", string(), "secret", string()))).problems(400, 409, 415, 422).add();

        for (RecordKind kind : RecordKind.values()) {
            if (kind == RecordKind.VERSION) {
                continue;
            }
            String base = "/v1/" + kind.path();
            String schema = schemaName(kind);
            new Op(paths, "post", base, "Record a revision of a " + schema + " (a new record, an amendment, or with ?corrects= a correction)")
                    .permission(Permission.WRITE_REGISTRY).registryWrite().body(ref(schema)).ok(201, ref("RegistryWritten"))
                    .problems(400, 413, 415, 422).add();
            new Op(paths, "get", base, "Every " + schema + " in force at asOf, as known at knownAt (a vendor sees its own products only)")
                    .permission(Permission.READ_REGISTRY).asOf().ok(200, list(kind.path())).problems(400).add();
            new Op(paths, "get", base + "/{id}", "The " + schema + " revision in force at asOf, as known at knownAt")
                    .permission(Permission.READ_REGISTRY).asOf().ok(200, ref("Revision")).problems(400, 404).add();
            new Op(paths, "get", base + "/{id}/history", "Every revision of a " + schema + ", in ledger order")
                    .permission(Permission.READ_REGISTRY).ok(200, ref("History")).problems(404).add();
        }
        new Op(paths, "post", "/v1/authorizations/{id}/revocations", "Revoke an authorization from effectiveAt on")
                .permission(Permission.WRITE_REGISTRY).proof().body(ref("Revocation")).ok(201, ref("Revoked"))
                .problems(404, 413, 415, 422).add();
        new Op(paths, "post", "/v1/ai-systems/{system}/versions", "Register a version of an AI system (the system comes from the path)")
                .permission(Permission.WRITE_REGISTRY).registryWrite().body(ref("Version")).ok(201, ref("RegistryWritten"))
                .problems(400, 413, 415, 422).add();
        new Op(paths, "get", "/v1/ai-systems/{system}/versions/{version}", "The version revision in force at asOf")
                .permission(Permission.READ_REGISTRY).asOf().ok(200, ref("Revision")).problems(400, 404).add();

        events(paths, "decisions", "Decision", "a decision event: one AI output in one patient's care. Misuse is recorded with flags, "
                + "not refused; the same id and body again answers the original index, the same id with another body is 409");
        events(paths, "actions", "ClinicianAction", "a clinician's action on a recorded decision");
        events(paths, "outcomes", "Outcome", "later ground truth for recorded decisions");

        new Op(paths, "get", "/v1/decisions/{id}", "A decision with every action and outcome filed under it; the read is logged")
                .permission(Permission.READ_PATIENT_DATA).ok(200, ref("DecisionChain")).problems(404).add();
        new Op(paths, "get", "/v1/patients/{id}/timeline", "A patient's decisions, actions and outcomes in [from, to), each decision "
                + "with the card and authorization in force; the read is logged").permission(Permission.READ_PATIENT_DATA)
                .query("from", dateTime(), false, "window start (inclusive); default: the beginning")
                .query("to", dateTime(), false, "window end (exclusive); default: the end of time")
                .ok(200, ref("Timeline")).problems(400).add();
        new Op(paths, "delete", "/v1/patients/{id}/personal-data", "Erase a patient's personal data by destroying their key "
                + "(crypto-shredding); entries and proofs stay valid").permission(Permission.ERASE_PATIENT_DATA).proof()
                .query("reason", string(), false, "why, e.g. the erasure request's reference").ok(200, ref("Erased")).add();
        new Op(paths, "get", "/v1/deployments/{id}/events", "A deployment's events (id: an authorization id, or site:<site>/<unit>) "
                + "by time, a page at a time; the read is logged").permission(Permission.READ_DEPLOYMENT_EVENTS)
                .query("from", dateTime(), false, "window start (inclusive)").query("to", dateTime(), false, "window end (exclusive)")
                .query("cursor", string(), false, "the previous page's next").query("limit", integer().put("minimum", 1).put("maximum", 5000),
                        false, "page size, default 500").ok(200, ref("DeploymentEvents")).problems(400, 422).add();
        incidents(paths);
        monitoring(paths);
        reports(paths);
    }

    private static void incidents(ObjectNode paths) {
        new Op(paths, "post", "/v1/incidents", "File an incident (harm or near miss): severity on the AHRQ harm scale or NCC MERP "
                + "A-I, the regulatory facts, the patient (stored as a pseudonym), linked decisions (or none, for Onus to propose those in "
                + "the window before it), narrative (sealed) and reporter; the same id and body again answers the original index")
                .permission(Permission.RECORD_INCIDENTS).proof().body(ref("Incident")).ok(201, ref("IncidentWritten"))
                .problems(409, 413, 415, 422).add();
        new Op(paths, "get", "/v1/incidents", "Every incident of the tenant, in brief; for a vendor token, those that link a decision "
                + "of its manufacturer's products, and every incident read then shows only those products' decisions, without narrative, "
                + "rationale or conclusion (any other incident is 404); the read is logged").permission(Permission.READ_INCIDENTS)
                .ok(200, F.objectNode().put("type", "object")).add();
        new Op(paths, "get", "/v1/incidents/{id}", "The incident as it stands: the filing with later information applied, "
                + "determinations, closure; narratives opened for investigators; the read is logged").permission(Permission.READ_INCIDENTS)
                .ok(200, F.objectNode().put("type", "object")).problems(404).add();
        new Op(paths, "post", "/v1/incidents/{id}/information", "Add information to an open incident: narrative, decisions, revised "
                + "severity or regulatory facts").permission(Permission.RECORD_INCIDENTS).proof().body(ref("IncidentInformation"))
                .ok(201, ref("IncidentWritten")).problems(404, 409, 413, 415, 422).add();
        new Op(paths, "post", "/v1/incidents/{id}/determinations", "Record an investigator's signed determination (standard of care, "
                + "correctness, causation, device malfunction, failure mode, precaution needed, workflow forced acceptance)")
                .permission(Permission.RECORD_INCIDENTS).proof().body(ref("Determination")).ok(201, ref("IncidentWritten"))
                .problems(404, 409, 413, 415, 422).add();
        new Op(paths, "post", "/v1/incidents/{id}/closure", "Close the incident; nothing is added after it")
                .permission(Permission.RECORD_INCIDENTS).proof().body(ref("IncidentClosure")).ok(201, ref("IncidentWritten"))
                .problems(404, 409, 413, 415, 422).add();
        new Op(paths, "get", "/v1/incidents/{id}/reconstruction", "The incident rebuilt as it stood: the patient's timeline around it, "
                + "each decision with the card, version, authorization, clinician training, notices and the deployment's observed "
                + "performance as of that moment, the alerts before it; the read is logged").permission(Permission.READ_INCIDENTS)
                .ok(200, F.objectNode().put("type", "object")).problems(404).add();
        new Op(paths, "get", "/v1/incidents/{id}/investigation", "The responsibility rules run on the reconstruction: findings "
                + "(implicated, not implicated, undetermined, not applicable) citing ledger indexes, grouped by link and party, the "
                + "primary contributors and a conclusion; the read is logged").permission(Permission.READ_INCIDENTS)
                .ok(200, ref("Investigation")).problems(404).add();
        new Op(paths, "get", "/v1/incidents/{id}/bundle", "The incident's evidence bundle: its entries and every entry a finding "
                + "cites, with inclusion proofs against one signed checkpoint, verifiable offline with `onus verify bundle.json`")
                .permission(Permission.READ_INCIDENTS).ok(200, F.objectNode().put("type", "object")
                        .put("description", "onus-evidence-bundle/1")).problems(404).add();
        new Op(paths, "get", "/v1/incidents/{id}/report", "The investigation report of the incident: summary, primary "
                + "contributors, findings by link with their rule ids and evidence indices, the reconstructed timeline with the card "
                + "and authorization in force, regulatory deadlines as of now, determinations, and the checkpoint of the evidence "
                + "bundle with how to verify it offline; HTML or PDF (A4, with a Content-Disposition file name) by Accept or "
                + "?format=; the read is logged").permission(Permission.READ_INCIDENTS)
                .query("format", enumOf(java.util.List.of("html", "pdf")), false, "overrides Accept: html or pdf")
                .content(200, "the report", "text/html", "application/pdf").problems(400, 404, 406).add();
        new Op(paths, "get", "/v1/rules", "The responsibility rules' catalogue: id, link, statement, basis, parties, what makes "
                + "each undetermined").permission(Permission.READ_REGISTRY).ok(200, F.objectNode().put("type", "object")).add();
    }

    private static void monitoring(ObjectNode paths) {
        ObjectNode any = F.objectNode().put("type", "object");
        new Op(paths, "get", "/v1/monitoring/deployments", "Every monitored deployment with its volume and open alerts "
                + "(a vendor sees its own products only)").permission(Permission.READ_MONITORING)
                .ok(200, object(new String[] {"deployments"}, "deployments", array(any), "asOfEntries", integer(), "ledgerSize", integer(),
                        "skippedEntries", integer())).add();
        new Op(paths, "get", "/v1/monitoring/deployments/{id}", "A deployment's figures over [from, to), by slice (version, site, "
                + "unit, age band, sex, care setting, ethnicity, each subgroup the card names): use, review time, scope, and once "
                + "outcomes arrived sensitivity, specificity, PPV, NPV, AUROC and calibration with n and 95% intervals beside the "
                + "card's claim; input drift (PSI) and input quality. Aggregate only; a figure on too few cases says so")
                .permission(Permission.READ_MONITORING).query("from", dateTime(), false, "window start (inclusive); default: the beginning")
                .query("to", dateTime(), false, "window end (exclusive); default: the end").ok(200, any).problems(400, 404).add();
        new Op(paths, "get", "/v1/monitoring/deployments/{id}/csv", "The same figures as CSV, one row per slice and figure")
                .permission(Permission.READ_MONITORING).query("from", dateTime(), false, "window start (inclusive)")
                .query("to", dateTime(), false, "window end (exclusive)").text(200, "text/csv").problems(400, 404).add();
        new Op(paths, "get", "/v1/monitoring/alerts", "Alerts with their acknowledgements and actions (a vendor: the post-market "
                + "signals sent to it)").permission(Permission.READ_MONITORING)
                .query("status", enumOf(java.util.List.of("open", "acknowledged", "unresolved", "resolved", "all")), false, "default all")
                .query("deployment", string(), false, "only this deployment's").ok(200, object(new String[] {"alerts"}, "alerts", array(any)))
                .problems(400).add();
        new Op(paths, "get", "/v1/monitoring/alerts/{id}", "One alert: rule, figures, window, addressees, acknowledgements, actions")
                .permission(Permission.READ_MONITORING).ok(200, any).problems(404).add();
        ObjectNode answered = object(new String[] {"index", "alert"}, "index", integer(), "alert", string());
        new Op(paths, "post", "/v1/monitoring/alerts/{id}/acknowledgements", "Acknowledge an alert: an alert.acknowledgement entry")
                .permission(Permission.RESPOND_TO_ALERTS).body(object(null, "note", string())).ok(201, answered)
                .problems(400, 404, 409, 413, 415, 422).add();
        new Op(paths, "post", "/v1/monitoring/alerts/{id}/actions", "Record the action taken on an alert: an alert.action entry; "
                + "resolves: true closes the alert").permission(Permission.RESPOND_TO_ALERTS)
                .body(object(new String[] {"action"}, "action", string(), "resolves", bool())).ok(201, answered)
                .problems(400, 404, 409, 413, 415, 422).add();
    }

    private static void reports(ObjectNode paths) {
        new Op(paths, "get", "/v1/incidents/{id}/reports", "The regulatory reports the incident owes (EU MDR Art. 87, AI Act Art. 73 and "
                + "26(5), 21 CFR 803): by whom, to whom, by when, on which provisions, and each one's status as of asOf; "
                + "a vendor sees only incidents with its own products").permission(Permission.READ_REPORTS)
                .query("asOf", dateTime(), false, "the time the status is computed for (RFC 3339 with a zone); default now")
                .ok(200, ref("ReportSchedule")).problems(400, 404).add();
        new Op(paths, "post", "/v1/incidents/{id}/reports", "Record the filing of an owed report, initial or follow-up; the same "
                + "initial filing again answers its index, another initial filing of the same report is 409; a vendor records "
                + "only the manufacturer's reports").permission(Permission.FILE_REPORTS).proof()
                .body(ref("ReportFiling")).ok(201, ref("ReportFiled")).problems(400, 404, 409, 413, 415, 422).add();
    }

    private static void events(ObjectNode paths, String path, String schema, String what) {
        new Op(paths, "post", "/v1/" + path, "Record " + what).permission(Permission.RECORD_EVENTS).proof()
                .body(ref(schema)).ok(201, ref("Written")).problems(409, 413, 415, 422).add();
        ObjectNode batch = object(new String[] {path}, path, F.objectNode().put("type", "array").put("minItems", 1)
                .put("maxItems", Recorder.MAX_BATCH).set("items", ref(schema)));
        new Op(paths, "post", "/v1/" + path + ":batch", "Record up to " + Recorder.MAX_BATCH + " of them, all or nothing; error "
                + "pointers name the item (/" + path + "/<i>/...)").permission(Permission.RECORD_EVENTS).proof()
                .body(batch).ok(201, ref("BatchWritten")).problems(409, 413, 415, 422).add();
        ObjectNode correction = object(new String[] {"reason", "corrected"}, "reason", string(), "corrected", ref(schema));
        new Op(paths, "post", "/v1/" + path + "/{id}/corrections", "Correct a recorded " + schema + ": the whole event as it should "
                + "have been (same id) and why; a new entry pointing at the one corrected, which stays")
                .permission(Permission.RECORD_EVENTS).proof().body(correction).ok(201, ref("Written")).problems(413, 415, 422).add();
    }

    private static String schemaName(RecordKind kind) {
        return switch (kind) {
            case PARTY -> "Party";
            case AI_SYSTEM -> "AiSystem";
            case VERSION -> "Version";
            case AUTHORIZATION -> "Authorization";
            case LOCAL_VALIDATION -> "LocalValidation";
            case NOTICE -> "Notice";
            case NOTICE_RECEIPT -> "NoticeReceipt";
        };
    }

    /** One operation, added to {@code paths} by {@link #add()}. */
    private static final class Op {
        private final ObjectNode paths;
        private final String method;
        private final String path;
        private final ObjectNode op = F.objectNode();
        private final ArrayNode parameters = F.arrayNode();
        private final ObjectNode responses = F.objectNode();
        private final TreeSet<Integer> problems = new TreeSet<>();
        private boolean open;

        Op(ObjectNode paths, String method, String path, String summary) {
            this.paths = paths;
            this.method = method;
            this.path = path;
            op.put("summary", summary);
            op.put("operationId", method + path.replaceAll("[^A-Za-z0-9]+", "_"));
            Matcher m = PATH_PARAM.matcher(path);
            while (m.find()) {
                ObjectNode p = parameters.addObject();
                p.put("name", m.group(1)).put("in", "path").put("required", true);
                p.set("schema", m.group(1).equals("index") ? integer() : string());
            }
        }

        Op open() {
            open = true;
            return this;
        }

        Op permission(Permission p) {
            StringBuilder roles = new StringBuilder();
            for (Role r : Role.values()) {
                if (r.grants(p)) {
                    roles.append(roles.length() == 0 ? "" : ", ").append(r.wireName());
                }
            }
            op.put("x-permission", p.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            op.put("description", "Needs permission " + p.name() + ", granted to roles: " + roles + ".");
            return this;
        }

        Op query(String name, ObjectNode schema, boolean required, String description) {
            ObjectNode p = parameters.addObject();
            p.put("name", name).put("in", "query").put("required", required).put("description", description);
            p.set("schema", schema);
            return this;
        }

        Op asOf() {
            return query("asOf", dateTime(), false, "the time at which the record is to be in force (RFC 3339 with a zone); default now")
                    .query("knownAt", dateTime(), false, "answer as Onus knew it then (bitemporal); default now");
        }

        Op proof() {
            return query("proof", F.objectNode().put("type", "boolean"), false,
                    "true: also answer a fresh signed checkpoint and an inclusion proof of each written entry");
        }

        Op registryWrite() {
            return query("effectiveAt", dateTime(), false, "from when the revision is in force; default: the record's natural "
                    + "time (release, validFrom, ...) for a first revision, now for later ones")
                    .query("corrects", integer(), false, "the ledger index of the revision this one corrects")
                    .query("reason", string(), false, "why (for a correction or amendment)").proof();
        }

        Op body(ObjectNode schema) {
            ObjectNode rb = op.putObject("requestBody");
            rb.put("required", true);
            rb.putObject("content").putObject(Json.MEDIA_TYPE).set("schema", schema);
            return this;
        }

        Op ok(int status, ObjectNode schema) {
            ObjectNode r = responses.putObject(Integer.toString(status));
            r.put("description", status == 201 ? "written, after a durable commit" : "OK");
            r.putObject("content").putObject(Json.MEDIA_TYPE).set("schema", schema);
            return this;
        }

        Op text(int status, String description) {
            ObjectNode r = responses.putObject(Integer.toString(status));
            r.put("description", description);
            r.putObject("content").putObject("text/plain").set("schema", string());
            return this;
        }

        /** A response in other media types than JSON, each a string (binary for a PDF). */
        Op content(int status, String description, String... mediaTypes) {
            ObjectNode r = responses.putObject(Integer.toString(status));
            r.put("description", description);
            ObjectNode content = r.putObject("content");
            for (String m : mediaTypes) {
                content.putObject(m).set("schema", m.startsWith("text/") ? string() : string().put("format", "binary"));
            }
            return this;
        }

        Op problems(Integer... statuses) {
            problems.addAll(java.util.List.of(statuses));
            return this;
        }

        void add() {
            if (!open) {
                problems.add(401);
                problems.add(403);
                op.putArray("security").addObject().putArray("bearer");
            } else {
                op.putArray("security").addObject();
            }
            problems.add(500);
            problems.add(503);
            for (int s : problems) {
                responses.putObject(Integer.toString(s)).put("$ref", "#/components/responses/Problem" + s);
            }
            if (!parameters.isEmpty()) {
                op.set("parameters", parameters);
            }
            op.set("responses", responses);
            ObjectNode item = paths.has(path) ? (ObjectNode) paths.get(path) : paths.putObject(path);
            if (item.has(method)) {
                throw new IllegalStateException(method + " " + path + " documented twice");
            }
            item.set(method, op);
        }
    }

    private static void problemResponses(ObjectNode responses) {
        int[] statuses = {400, 401, 403, 404, 406, 409, 413, 415, 422, 500, 503};
        String[] what = {"malformed JSON or an invalid parameter", "no valid bearer token", "the token's role lacks the permission",
            "no such resource, record or entry, or the record was not in force then (record-not-in-force)",
            "no representation the Accept header accepts (not-acceptable)",
            "the idempotency key was already used with another body (duplicate-key)", "the body or batch is too large",
            "the Content-Type is not application/json", "the body breaks a rule (invalid-body); errors[] name each field",
            "internal error (an incident id is given)", "the ledger could not complete the write"};
        for (int i = 0; i < statuses.length; i++) {
            ObjectNode r = responses.putObject("Problem" + statuses[i]);
            r.put("description", what[i]);
            r.putObject("content").putObject(Problem.MEDIA_TYPE).set("schema", ref("Problem"));
        }
    }

    // ---- schemas -----------------------------------------------------------------------------

    private static void schemas(ObjectNode s) {
        s.set("Problem", object(new String[] {"type", "title", "status", "detail"},
                "type", string().put("format", "uri").put("description", Problem.TYPE_BASE + "<slug>"), "title", string(),
                "status", integer(), "detail", string(), "instance", string(),
                "errors", array(object(new String[] {"field", "in", "detail"}, "field", string().put("description",
                        "a JSON pointer into the body (/decisions/3/patient/age) or a parameter name"),
                        "in", enumOf(java.util.List.of("body", "query", "path", "header")), "detail", string()))));
        s.set("Health", object(new String[] {"status"}, "status", string()));

        // registry records: the fields each reader (Party.read, ...) accepts
        s.set("Population", object(null, "ageMin", number(), "ageMax", number(), "sexes", array(enumOf(Population.SEXES)),
                "careSettings", strings(), "exclusions", strings()));
        s.set("PerformanceClaim", object(new String[] {"metric", "value"}, "metric", enumOf(org.onus.registry.PerformanceClaim.METRICS),
                "value", number(), "ciLow", number(), "ciHigh", number(), "n", integer()));
        s.set("Party", object(new String[] {"id", "kind", "name"}, "id", id(), "kind", enumOf(Party.KINDS), "name", string(),
                "jurisdiction", string().put("pattern", "^[A-Z]{2}$"),
                "timeZone", string().put("description", "a site's IANA time zone (e.g. America/Los_Angeles): its regulatory days are counted "
                        + "in it; without one, in its country's capital's"),
                "units", array(object(new String[] {"id", "name"}, "id", id(), "name", string(), "careSetting", string())),
                "role", string().put("description", "a clinician's clinical role"), "affiliation", id(), "credentials", strings(),
                "training", array(object(new String[] {"aiSystem", "course", "completedAt"}, "aiSystem", id(), "course", string(),
                        "completedAt", dateTime(), "expiresAt", dateTime()))));
        s.set("AiSystem", object(new String[] {"id", "name", "manufacturer", "medicalDevice"}, "id", id(), "name", string(),
                "manufacturer", id(), "medicalDevice", bool(), "aiActRiskClass", enumOf(AiSystem.AI_ACT_CLASSES),
                "deviceClass", string(), "clearanceIds", strings(), "regulatory", stringMap()));
        s.set("ModelCard", object(new String[] {"intendedUse", "intendedPopulation", "output"},
                "intendedUse", object(new String[] {"task"}, "task", string(), "indications", strings()),
                "intendedPopulation", ref("Population"),
                "inputRequirements", object(null, "modality", string(), "requiredFields", strings(),
                        "quality", array(object(new String[] {"indicator"}, "indicator", string(), "min", number(), "max", number()))),
                "output", object(new String[] {"kind"}, "kind", enumOf(ModelCard.OUTPUT_KINDS), "classes", strings(),
                        "operatingThreshold", number(), "positiveClass", string()),
                "performance", object(null, "overall", array(ref("PerformanceClaim")), "subgroups", array(object(
                        new String[] {"name", "claims"}, "name", string(), "population", ref("Population"),
                        "attributes", stringMap(), "claims", array(ref("PerformanceClaim"))))),
                "trainingData", string(),
                "knownLimitations", array(object(new String[] {"failureMode", "description"}, "failureMode", id(), "description", string())),
                "requiredPrecautions", array(object(new String[] {"kind", "description"}, "kind", enumOf(ModelCard.PRECAUTION_KINDS),
                        "description", string())),
                "localValidationRequired", bool(), "updatePolicy", string(),
                "hti1", stringMap().put("description", "ONC HTI-1 source attributes, name to text"),
                "inputBaseline", F.objectNode().put("description", "free-form input distribution baseline for drift monitoring")));
        s.set("Version", object(new String[] {"version", "artifactDigest", "card"}, "system", id().put("description",
                        "the system in the path; may be left out"), "version", id(), "artifactDigest", digest(),
                "releasedAt", dateTime(), "card", ref("ModelCard")));
        s.set("Authorization", object(new String[] {"id", "system", "versions", "site", "validFrom", "authorizedBy"},
                "id", id(), "system", id(), "versions", strings(), "site", id(), "units", strings(), "permittedUses", strings(),
                "population", ref("Population"),
                "oversight", object(null, "reviewRequired", bool(), "minimumReviewSeconds", number(), "alertResponseHours", number()),
                "requiredTraining", strings(), "precautions", array(enumOf(ModelCard.PRECAUTION_KINDS)),
                "monitoringThresholds", object(null, Authorization.THRESHOLDS.stream().flatMap(t -> java.util.stream.Stream.of(t, number()))
                        .toArray()),
                "validFrom", dateTime(), "validUntil", dateTime(),
                "authorizedBy", object(new String[] {"party", "role"}, "party", id(), "role", string(), "decisionRef", string()),
                "localValidation", id()));
        s.set("LocalValidation", object(new String[] {"id", "site", "system", "version", "periodStart", "periodEnd", "conclusion"},
                "id", id(), "site", id(), "system", id(), "version", id(), "population", ref("Population"),
                "periodStart", dateTime(), "periodEnd", dateTime(), "figures", array(ref("PerformanceClaim")), "conclusion", string()));
        s.set("Notice", object(new String[] {"id", "manufacturer", "system", "versions", "kind", "issuedAt", "summary"},
                "id", id(), "manufacturer", id(), "system", id(), "versions", strings(), "kind", enumOf(Notice.KINDS),
                "issuedAt", dateTime(), "summary", string(), "correctiveAction", string(), "applyBy", dateTime(), "failureModes", strings()));
        s.set("NoticeReceipt", object(new String[] {"notice", "deployer", "receivedAt"}, "notice", id(), "deployer", id(),
                "receivedAt", dateTime(), "appliedAt", dateTime(), "note", string()));
        s.set("ReportFiling", object(new String[] {"regime", "kind", "stage", "filedAt", "reference", "by"},
                "regime", enumOf(words(Regime.values())), "kind", enumOf(words(ReportKind.values())).put("description",
                        "a report of that regime that the incident owes"), "stage", enumOf(words(Filing.Stage.values())),
                "filedAt", dateTime().put("description", "when it was filed: not before the clock started, not in the future"),
                "reference", string().put("maxLength", 200).put("description", "the recipient's reference number, e.g. an MDR report number"),
                "by", id().put("description", "the party (or person) that filed it")));
        s.set("Revocation", object(new String[] {"effectiveAt", "reason"}, "effectiveAt", dateTime(), "reason", string()));

        // recording
        s.set("Decision", object(new String[] {"id", "eventTime", "reportedVersion", "artifactDigest", "patient", "output"},
                "id", id().put("description", "the idempotency key"), "eventTime", dateTime(),
                "authorization", id().put("description", "required unless site (and unit) name the deployment"),
                "site", id(), "unit", id(), "system", id(), "reportedVersion", id(), "artifactDigest", digest(),
                "patient", object(new String[] {"id"}, "id", string().put("description", "the hospital's id; stored only as a keyed pseudonym"),
                        "age", number(), "sex", enumOf(Population.SEXES), "careSetting", string(), "indication", string(),
                        "attributes", stringMap()),
                "input", object(null, "digest", digest(), "modality", string(), "quality", F.objectNode().put("type", "object")
                                .set("additionalProperties", number()), "fieldsPresent", strings(),
                        "payload", F.objectNode().put("description", "optional; stored encrypted under the patient's key")),
                "output", object(new String[] {"kind"}, "kind", enumOf(ModelCard.OUTPUT_KINDS), "label", string(), "score", number(),
                        "recommendation", string().put("description", "stored encrypted"), "text", string().put("description", "stored encrypted"),
                        "deviceAction", object(new String[] {"kind"}, "kind", enumOf(Decision.DEVICE_ACTIONS), "code", string(),
                                "description", string()), "flagged", bool(), "flagReason", string()),
                "shownTo", strings().put("description", "clinician party ids")));
        s.set("ClinicianAction", object(new String[] {"id", "decision", "clinician", "kind", "time"}, "id", id(), "decision", id(),
                "clinician", id(), "kind", enumOf(ClinicianAction.KINDS), "time", dateTime(),
                "rationale", string().put("description", "stored encrypted"), "editedShare", number().put("minimum", 0).put("maximum", 1)));
        s.set("Outcome", object(new String[] {"id", "decisions", "observedAt"}, "id", id(), "decisions", strings(), "observedAt", dateTime(),
                "positive", bool().put("description", "required unless label gives the ground truth"), "label", string(),
                "adverseEvent", string(), "source", string(), "narrative", string().put("description", "stored encrypted")));

        // incidents
        ObjectNode severity = object(new String[] {"scale", "value"}, "scale", enumOf(org.onus.investigation.Severity.SCALES.keySet()),
                "value", string().put("description", "ahrq-harm: unknown, no-harm, mild-harm, moderate-harm, severe-harm, death; ncc-merp: A-I"));
        s.set("Incident", object(new String[] {"id", "kind", "occurredAt", "awareAt", "site", "patient", "severity", "narrative", "reporter"},
                "id", id(), "kind", enumOf(org.onus.investigation.Incident.KINDS), "occurredAt", dateTime(),
                "awareAt", dateTime().put("description", "when the organisation became aware: the start of every regulatory clock"),
                "site", id(), "unit", id(), "patient", object(new String[] {"id"}, "id", string()), "severity", severity,
                "medicationEvent", bool(), "death", bool(), "seriousInjury", bool(), "publicHealthThreat", bool(),
                "fundamentalRightsInfringement", bool(), "remedialAction", bool(),
                "unanticipatedDeterioration", bool().put("description", "the serious deterioration was unanticipated (MDR Art. 87(5): 10 days); "
                        + "needs seriousInjury"), "decisions", strings(),
                "windowHours", integer().put("minimum", 1).put("description", "hours before the incident in which decisions are proposed; default 72"),
                "narrative", string().put("description", "stored encrypted"), "reporter", id()));
        s.set("IncidentInformation", object(new String[] {"reporter"}, "id", id().put("description", "optional idempotency key"),
                "narrative", string(), "decisions", strings(), "severity", severity, "death", bool(), "seriousInjury", bool(),
                "publicHealthThreat", bool(), "fundamentalRightsInfringement", bool(), "remedialAction", bool(),
                "unanticipatedDeterioration", bool(), "reporter", id()));
        s.set("Determination", object(new String[] {"kind", "investigator", "rationale"}, "id", id().put("description", "optional idempotency key"),
                "kind", enumOf(org.onus.investigation.Determination.KINDS), "decision", id(), "value", bool(), "failureMode", id(),
                "precautionKind", enumOf(ModelCard.PRECAUTION_KINDS), "investigator", id(), "rationale", string().put("description", "stored encrypted")));
        s.set("IncidentClosure", object(new String[] {"closedAt", "investigator", "conclusion"}, "closedAt", dateTime(), "investigator", id(),
                "conclusion", string()));
        s.set("IncidentWritten", object(new String[] {"index", "incident"}, "index", integer(), "incident", string(), "checkpoint", string(),
                "proofs", array(F.objectNode().put("type", "object"))));
        ObjectNode finding = object(new String[] {"rule", "link", "partyRole", "verdict", "because", "evidence"}, "rule", string(),
                "link", enumOf(java.util.Arrays.stream(org.onus.investigation.Link.values()).map(l -> l.name()).toList()),
                "partyRole", string(), "party", string(), "verdict", enumOf(java.util.Arrays.stream(org.onus.investigation.Verdict.values())
                        .map(v -> v.name()).toList()), "because", string(), "missing", strings(), "decision", string(), "evidence", array(integer()));
        s.set("Finding", finding);
        s.set("Investigation", object(new String[] {"incident", "findings", "conclusion"}, "incident", string(), "evaluatedAt", dateTime(),
                "decisionsProposed", bool(), "decisions", strings(), "findings", array(ref("Finding")),
                "byLink", F.objectNode().put("type", "object"), "byParty", F.objectNode().put("type", "object"),
                "primaryContributors", array(object(null, "role", string(), "party", string(), "links", strings(), "rules", strings())),
                "conclusion", string(), "undetermined", strings(), "determinationsUsed", array(integer())));

        // answers
        ObjectNode proofs = array(object(new String[] {"index", "size", "hashes"}, "index", integer(), "size", integer(),
                "hashes", array(string().put("contentEncoding", "base64"))));
        s.set("Written", object(new String[] {"index"}, "index", integer(), "checkpoint", string(), "proofs", proofs));
        s.set("BatchWritten", object(new String[] {"count", "indexes"}, "count", integer(), "indexes", array(integer()),
                "checkpoint", string(), "proofs", proofs));
        s.set("RegistryWritten", object(new String[] {"index", "id", "effectiveAt", "record"}, "index", integer(), "id", string(),
                "effectiveAt", dateTime(), "record", F.objectNode().put("type", "object").put("description",
                        "the record as stored; an authorization gains widensCard, the ways it reaches beyond the card"),
                "checkpoint", string(), "proofs", proofs));
        s.set("Revoked", object(new String[] {"index", "id", "revoked", "effectiveAt"}, "index", integer(), "id", string(),
                "revoked", bool(), "effectiveAt", dateTime(), "checkpoint", string(), "proofs", proofs));
        s.set("Erased", object(new String[] {"index", "erased"}, "index", integer(), "erased", bool(), "checkpoint", string(), "proofs", proofs));
        s.set("Revision", object(new String[] {"id", "index", "recordedAt", "effectiveAt", "record"}, "id", string(), "index", integer(),
                "recordedAt", dateTime(), "effectiveAt", dateTime(), "revoked", bool(), "corrects", integer(), "reason", string(),
                "record", F.objectNode().put("type", "object")));
        ObjectNode filing = object(new String[] {"index", "regime", "kind", "stage", "filedAt", "reference", "by", "recordedAt"},
                "index", integer(), "regime", enumOf(words(Regime.values())), "kind", enumOf(words(ReportKind.values())),
                "stage", enumOf(words(Filing.Stage.values())), "filedAt", dateTime(), "reference", string(), "by", string(),
                "recordedAt", dateTime());
        s.set("Filing", filing);
        s.set("OwedReport", object(new String[] {"regime", "kind", "title", "reporter", "owedBy", "recipient", "to", "limit", "startsAt",
                        "zone", "basis", "reason", "status", "filings"},
                "regime", enumOf(words(Regime.values())), "kind", enumOf(words(ReportKind.values())), "title", string(),
                "reporter", enumOf(words(Reporter.values())), "owedBy", string().put("description", "the party id that owes it"),
                "recipient", enumOf(words(Recipient.values())), "to", string(), "limit", string().put("description",
                        "e.g. 10 work days, 15 days, immediately"), "startsAt", dateTime().put("description", "the awareness the clock runs from"),
                "zone", string().put("description", "the time zone whose days are counted"),
                "lastDay", string().put("format", "date").put("description", "the last day to file on; absent when due immediately"),
                "dueBy", dateTime().put("description", "the first instant that is too late; absent when due immediately"),
                "basis", string().put("description", "the provisions it rests on"), "reason", string(),
                "status", enumOf(words(ReportStatus.Status.values())),
                "timeLeftSeconds", F.objectNode().put("type", "integer").put("description", "until dueBy, negative when overdue; "
                        + "absent once filed or when due immediately"),
                "late", bool().put("description", "the initial report was filed after the deadline; present once filed"),
                "filings", array(ref("Filing"))));
        s.set("ReportSchedule", object(new String[] {"incident", "asOf", "awareAt", "zone", "reports", "notOwed", "otherFilings"},
                "incident", string(), "asOf", dateTime(), "awareAt", dateTime(), "zone", string(), "reports", array(ref("OwedReport")),
                "notOwed", strings().put("description", "for each regime that does not apply, why not"),
                "otherFilings", array(ref("Filing")).put("description", "filings of reports these facts do not owe")));
        s.set("ReportFiled", object(new String[] {"index", "filing"}, "index", integer(), "filing", ref("Filing"),
                "report", ref("OwedReport"), "checkpoint", string(), "proofs", proofs));
        s.set("History", object(new String[] {"id", "revisions"}, "id", string(), "revisions", array(ref("Revision"))));
        ObjectNode event = object(new String[] {"index", "type", "time", "recordedAt", "data"}, "index", integer(),
                "type", enumOf(java.util.List.of("decision", "action", "outcome", "patient.erasure")), "time", dateTime(),
                "recordedAt", dateTime(), "data", F.objectNode().put("type", "object").put("description", "the stored entry's data; "
                        + "sealed fields are {\"sealed\":\"sha256:...\"}, opened for investigators and admins, {\"sealed\":..., \"erased\":true} after erasure"),
                "inForce", object(null, "authorization", ref("Revision"), "version", ref("Revision")));
        s.set("Event", event);
        s.set("Timeline", object(new String[] {"patient", "from", "to", "events", "truncated"}, "patient", string().put("description", "the pseudonym"),
                "from", dateTime(), "to", dateTime(), "events", array(ref("Event")), "truncated", bool()));
        s.set("DeploymentEvents", object(new String[] {"deployment", "events"}, "deployment", string(), "events", array(ref("Event")),
                "next", string().put("description", "present when there may be more: pass it as cursor")));
        s.set("DecisionChain", object(new String[] {"decision", "events"}, "decision", string(), "events", array(ref("Event"))));
        s.set("LedgerEntry", object(new String[] {"index", "type", "recordedAt", "entry", "leafHash", "json"}, "index", integer(),
                "type", string(), "recordedAt", dateTime(), "entry", string().put("contentEncoding", "base64").put("description",
                        "the canonical (RFC 8785) bytes that were hashed"),
                "leafHash", string().put("contentEncoding", "base64"), "json", F.objectNode().put("type", "object")));
        s.set("Annotation", object(new String[] {"type"}, "type", string().put("maxLength", LedgerRoutes.MAX_TYPE_LENGTH))
                .put("additionalProperties", true));
        s.set("Appended", object(new String[] {"index", "leafHash"}, "index", integer(), "leafHash", string().put("contentEncoding", "base64")));
        s.set("InclusionProof", object(new String[] {"index", "size", "hashes"}, "index", integer(), "size", integer(),
                "leafHash", string(), "hashes", array(string().put("contentEncoding", "base64"))));
        s.set("ConsistencyProof", object(new String[] {"from", "to", "hashes"}, "from", integer(), "to", integer(),
                "hashes", array(string().put("contentEncoding", "base64"))));
        java.util.List<String> roles = java.util.Arrays.stream(Role.values()).map(Role::wireName).toList();
        s.set("TokenRequest", object(new String[] {"role", "label"}, "role", enumOf(roles), "label", string(),
                "party", id().put("description", "for a vendor token: the registered manufacturer whose products it may see")));
        s.set("IssuedToken", object(new String[] {"id", "secret", "tenant", "role", "label", "ledgerIndex"}, "id", string(),
                "secret", string(), "tenant", string(), "role", enumOf(roles), "label", string(), "ledgerIndex", integer()));
    }

    private static java.util.List<String> words(Enum<?>[] values) {
        return java.util.Arrays.stream(values).map(org.onus.validation.Fields::wordOf).toList();
    }

    private static ObjectNode list(String field) {
        return object(new String[] {field}, field, array(ref("Revision")));
    }

    /** An object schema of the given properties (name, schema, name, schema, ...); unknown fields are refused. */
    private static ObjectNode object(String[] required, Object... namesAndSchemas) {
        ObjectNode o = F.objectNode().put("type", "object");
        ObjectNode props = o.putObject("properties");
        for (int i = 0; i < namesAndSchemas.length; i += 2) {
            props.set((String) namesAndSchemas[i], (ObjectNode) namesAndSchemas[i + 1]);
        }
        if (required != null && required.length > 0) {
            ArrayNode r = o.putArray("required");
            for (String name : required) {
                r.add(name);
            }
        }
        o.put("additionalProperties", false);
        return o;
    }

    private static ObjectNode ref(String schema) {
        return F.objectNode().put("$ref", "#/components/schemas/" + schema);
    }

    private static ObjectNode string() {
        return F.objectNode().put("type", "string");
    }

    private static ObjectNode id() {
        return string().put("pattern", "^[A-Za-z0-9][A-Za-z0-9._:@/-]{0,127}$");
    }

    private static ObjectNode digest() {
        return string().put("pattern", "^sha256:[0-9a-f]{64}$");
    }

    private static ObjectNode dateTime() {
        return string().put("format", DATE_TIME).put("description", "RFC 3339 with a zone offset");
    }

    private static ObjectNode integer() {
        return F.objectNode().put("type", "integer").put("minimum", 0);
    }

    private static ObjectNode number() {
        return F.objectNode().put("type", "number");
    }

    private static ObjectNode bool() {
        return F.objectNode().put("type", "boolean");
    }

    private static ObjectNode array(ObjectNode items) {
        ObjectNode a = F.objectNode().put("type", "array");
        a.set("items", items);
        return a;
    }

    private static ObjectNode strings() {
        return array(string());
    }

    private static ObjectNode stringMap() {
        ObjectNode m = F.objectNode().put("type", "object");
        m.set("additionalProperties", string());
        return m;
    }

    private static ObjectNode enumOf(Collection<String> values) {
        ObjectNode e = string();
        ArrayNode a = e.putArray("enum");
        new TreeSet<>(values).forEach(a::add);
        return e;
    }
}
