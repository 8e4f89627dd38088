package org.onus.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.onus.auth.Permission;
import org.onus.auth.Principal;
import org.onus.auth.Role;
import org.onus.auth.Tokens;
import org.onus.ledger.Ledger;
import org.onus.ledger.TenantLog;

/**
 * Turns a route's handler into one that first authenticates the bearer token, then checks that
 * its role grants the route's permission, and then hands the handler the caller and the log of
 * the caller's own tenant, the only log a request can ever touch. Authentication comes before
 * anything else, the body included, so an anonymous request costs no more than a hash lookup.
 */
final class Guard {

    interface Action {
        void handle(Context ctx, Principal who, TenantLog log) throws Exception;
    }

    static final String PRINCIPAL_ATTRIBUTE = "onus.principal";

    private final Tokens tokens;
    private final Ledger ledger;

    Guard(Tokens tokens, Ledger ledger) {
        this.tokens = tokens;
        this.ledger = ledger;
    }

    Handler require(Permission permission, Action action) {
        return ctx -> {
            Principal who = authenticate(ctx);
            if (!who.role().grants(permission)) {
                throw Problems.forbidden("a token of role '" + who.role().wireName() + "' may not " + describe(permission)
                        + "; that needs a token of role " + rolesGranting(permission)
                        + " (an admin of tenant '" + who.tenant() + "' can issue one with POST /v1/tokens)").exception();
            }
            if (!who.may(permission)) {
                throw Problems.forbidden("this concerns every tenant, so only tokens of the operator tenant '"
                        + tokens.operatorTenant() + "' may " + describe(permission)).exception();
            }
            TenantLog log = ledger.log(who.tenant()).orElseThrow(() -> Problems.invalidToken().exception());
            action.handle(ctx, who, log);
        };
    }

    private Principal authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw Problems.missingToken().exception();
        }
        String secret = Tokens.bearerSecret(header).orElseThrow(() -> Problems.invalidToken().exception());
        Principal who = tokens.authenticate(secret).orElseThrow(() -> Problems.invalidToken().exception());
        ctx.attribute(PRINCIPAL_ATTRIBUTE, who);
        return who;
    }

    static String describe(Permission p) {
        switch (p) {
            case APPEND_ENTRIES:
                return "append entries";
            case READ_ENTRIES:
                return "read entries";
            case READ_PROOFS:
                return "read checkpoints, the verifier key or proofs";
            case CREATE_TENANTS:
                return "create tenants";
            case ISSUE_TOKENS:
                return "issue tokens";
            case READ_METRICS:
                return "read metrics";
            case WRITE_REGISTRY:
                return "record registry entries";
            case READ_REGISTRY:
                return "read the registry";
            case RECORD_EVENTS:
                return "record decisions, actions or outcomes";
            case READ_PATIENT_DATA:
                return "read patient-linked data";
            case READ_DEPLOYMENT_EVENTS:
                return "read a deployment's events";
            case READ_INCIDENTS:
                return "read incidents";
            case RECORD_INCIDENTS:
                return "file incidents or record determinations";
            case ERASE_PATIENT_DATA:
                return "erase a patient's personal data";
            case READ_MONITORING:
                return "read monitoring figures and alerts";
            case RESPOND_TO_ALERTS:
                return "acknowledge or act on alerts";
            case READ_REPORTS:
                return "read an incident's regulatory reports";
            case FILE_REPORTS:
                return "record the filing of a regulatory report";
            default:
                return p.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static String rolesGranting(Permission p) {
        return Arrays.stream(Role.values()).filter(r -> r.grants(p)).map(Role::wireName)
                .collect(Collectors.joining(", "));
    }
}
