package org.onus.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.onus.auth.IssuedToken;
import org.onus.auth.Principal;
import org.onus.auth.Role;
import org.onus.auth.Tokens;
import org.onus.recording.TenantServices;
import org.onus.registry.RecordKind;
import org.onus.ledger.TenantLog;

/** {@code POST /v1/tokens}: an admin issues a token in its own tenant; the secret is shown once. */
final class TokenRoutes {

    static final long MAX_BODY_BYTES = 16 * 1024;
    private static final Set<String> FIELDS = Set.of("role", "label", "party");

    private final Tokens tokens;
    private final TenantServices.Directory services;

    private final org.onus.ledger.Ledger ledger;

    TokenRoutes(Tokens tokens, TenantServices.Directory services, org.onus.ledger.Ledger ledger) {
        this.ledger = ledger;
        this.tokens = tokens;
        this.services = services;
    }

    void issue(Context ctx, Principal who, TenantLog log) {
        ObjectNode body = Json.object(Json.body(ctx, MAX_BODY_BYTES));
        List<Problem.FieldError> errors = new ArrayList<>();
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                errors.add(new Problem.FieldError(f, "body", "is not a known field; a token request has only 'role', 'label' and, for a vendor token, 'party'"));
            }
        }
        String roles = Arrays.stream(Role.values()).map(Role::wireName).collect(Collectors.joining(", "));
        JsonNode roleNode = body.get("role");
        Optional<Role> role = Optional.empty();
        if (roleNode == null || !roleNode.isTextual()) {
            errors.add(new Problem.FieldError("role", "body", "is required: one of " + roles));
        } else {
            role = Role.parse(roleNode.textValue());
            if (role.isEmpty()) {
                errors.add(new Problem.FieldError("role", "body", "must be one of " + roles + ", got '" + roleNode.textValue() + "'"));
            } else if (role.get() == Role.METRICS && !who.operatorTenant()) {
                errors.add(new Problem.FieldError("role", "body", "'metrics' tokens read metrics of every tenant and are issued only in the operator tenant '"
                        + tokens.operatorTenant() + "'"));
            }
        }
        JsonNode labelNode = body.get("label");
        String label = labelNode != null && labelNode.isTextual() ? labelNode.textValue() : null;
        String labelProblem = labelNode != null && !labelNode.isTextual()
                ? "must be a string, not " + Json.kind(labelNode) : Tokens.labelProblem(label);
        if (labelProblem != null) {
            errors.add(new Problem.FieldError("label", "body", labelProblem));
        }
        JsonNode partyNode = body.get("party");
        String party = partyNode != null && partyNode.isTextual() ? partyNode.textValue() : null;
        if (partyNode != null && !partyNode.isTextual()) {
            errors.add(new Problem.FieldError("party", "body", "must be a string: the id of a registered manufacturer"));
        } else if (role.isPresent() && role.get() == Role.VENDOR) {
            var registry = services.of(log).registry();
            if (party == null) {
                errors.add(new Problem.FieldError("party", "body", "is required for a vendor token: the id of the manufacturer whose products it may see"));
            } else if (!registry.exists(RecordKind.PARTY, party)
                    || !"manufacturer".equals(registry.history(RecordKind.PARTY, party).get(registry.history(RecordKind.PARTY, party).size() - 1).record().path("kind").asText())) {
                errors.add(new Problem.FieldError("party", "body", "must be the id of a registered manufacturer, got '" + party + "'"));
            }
        } else if (party != null) {
            errors.add(new Problem.FieldError("party", "body", "is only for vendor tokens"));
        }
        if (!errors.isEmpty()) {
            throw Problems.invalidBody(errors).exception();
        }
        IssuedToken t = tokens.issue(who.tenant(), role.get(), label, who.tokenId(), party);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", t.id());
        out.put("secret", t.secret());
        out.put("tenant", t.tenant());
        out.put("role", t.role().wireName());
        out.put("label", t.label());
        out.put("ledgerIndex", t.ledgerIndex());
        ctx.header("Cache-Control", "no-store");
        Json.write(ctx, 201, out);
    }

    /** {@code GET /v1/tokens}: the tenant's tokens, revoked ones included; never a secret or its hash. */
    void list(Context ctx, Principal who, TenantLog log) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Tokens.Listed t : tokens.list(log)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", t.id());
            m.put("role", t.role().wireName());
            m.put("label", t.label());
            m.put("createdAt", t.createdAt().toString());
            if (t.revokedAt() != null) {
                m.put("revokedAt", t.revokedAt().toString());
            }
            if (t.party() != null) {
                m.put("party", t.party());
            }
            out.add(m);
        }
        Json.write(ctx, 200, Map.of("tokens", out));
    }

    /**
     * {@code DELETE /v1/tokens/{id}?reason=...}: revokes a token of the caller's tenant, recorded
     * as a {@code token.revoked} entry. The tenant's last valid admin token is not revoked (that
     * would leave nobody able to issue tokens); a token already revoked is answered as such.
     */
    void revoke(Context ctx, Principal who, TenantLog log) {
        String id = ctx.pathParam("id");
        String reason = ctx.queryParam("reason");
        if (reason != null && (reason.isBlank() || reason.length() > 1000)) {
            throw Problems.invalidParameter("reason", "query", "must be 1 to 1000 characters when given").exception();
        }
        List<Tokens.Listed> all = tokens.list(log);
        Tokens.Listed target = all.stream().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> Problem.of(404, "not-found", "No such token", "the tenant has no token " + id).exception());
        long validAdmins = all.stream().filter(t -> t.role() == Role.ADMIN && t.revokedAt() == null).count();
        if (target.role() == Role.ADMIN && target.revokedAt() == null && validAdmins <= 1) {
            throw Problem.of(409, "last-admin-token", "The last admin token", "token " + id
                    + " is the tenant's only valid admin token; issue another admin token before revoking it").exception();
        }
        Tokens.Revocation r = tokens.revoke(log, id, who.tokenId(), reason);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("revokedAt", r.revokedAt().toString());
        if (r.alreadyRevoked()) {
            out.put("alreadyRevoked", true);
        } else {
            out.put("ledgerIndex", r.ledgerIndex());
        }
        Json.write(ctx, 200, out);
    }

    /**
     * {@code POST /v1/tenants} {"name": "st-marys"}: a new tenant with its own log and signing key,
     * and its first admin token (shown once). Recorded in the operator's log and in the new one's.
     */
    void createTenant(Context ctx, Principal who, TenantLog log) {
        ObjectNode body = Json.object(Json.body(ctx, MAX_BODY_BYTES));
        List<Problem.FieldError> errors = new ArrayList<>();
        body.fieldNames().forEachRemaining(f -> {
            if (!f.equals("name")) {
                errors.add(new Problem.FieldError("/" + f, "body", "is not a known field; a tenant request has only 'name'"));
            }
        });
        JsonNode nameNode = body.get("name");
        String name = nameNode != null && nameNode.isTextual() ? nameNode.textValue() : null;
        if (name == null) {
            errors.add(new Problem.FieldError("/name", "body", "is required: the tenant's name"));
        } else if (!org.onus.ledger.Ledger.isValidTenantName(name)) {
            errors.add(new Problem.FieldError("/name", "body",
                    "must be 1 to 63 lower-case letters, digits or '-', starting with a letter or digit"));
        }
        if (!errors.isEmpty()) {
            throw Problems.invalidBody(errors).exception();
        }
        if (ledger.log(name).isPresent()) {
            throw Problem.of(409, "tenant-exists", "The tenant exists", "a tenant named '" + name + "' already exists").exception();
        }
        TenantLog created = ledger.createTenant(name);
        com.fasterxml.jackson.databind.node.ObjectNode note = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        note.put("tenant", name);
        note.put("origin", created.origin());
        note.put("verifierKey", created.verifierKey());
        log.append(org.onus.ledger.Entries.draft("tenant.created", java.time.Instant.now(), who.tokenId(), note)).join();
        IssuedToken t = tokens.issue(name, Role.ADMIN, "first admin of " + name, who.tokenId());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tenant", name);
        out.put("origin", created.origin());
        out.put("verifierKey", created.verifierKey());
        out.put("adminToken", Map.of("id", t.id(), "secret", t.secret()));
        ctx.header("Cache-Control", "no-store");
        Json.write(ctx, 201, out);
    }
}
