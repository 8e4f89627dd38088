package org.onus.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.onus.auth.Permission;
import org.onus.auth.Principal;
import org.onus.auth.Role;
import org.onus.auth.Tokens;
import org.onus.investigation.IncidentServices;
import org.onus.investigation.Incidents;
import org.onus.investigation.clocks.RegulatoryReports;
import org.onus.ledger.Ledger;
import org.onus.ledger.TenantLog;
import org.onus.monitoring.Monitoring;
import org.onus.recording.TenantServices;
import org.onus.validation.InvalidInputException;

/**
 * The web console: server-rendered pages over the same application services the HTTP API uses,
 * called in process. Signing in takes an API token; the token's role decides every page exactly
 * as it decides the API's routes ({@link Role#grants}), a vendor token sees only its
 * manufacturer's products (and their incidents, restricted and pseudonymized as the API restricts them), and the reads of patient-linked data append the same {@code access}
 * entries the API appends. Integration and metrics tokens cannot sign in: they are for machines.
 *
 * <pre>
 * GET  /sign-in, POST /sign-in, POST /sign-out      session cookie (HttpOnly, SameSite=Strict), CSRF token on every form
 * GET  /                                           READ_MONITORING   overview: deployments' health, incidents' deadlines, open alerts
 * GET  /systems/{id}                               READ_REGISTRY     the model card as a label, versions, authorizations using it
 * GET  /deployments/{id}                           READ_MONITORING   the authorization, charts over time, alerts
 * POST /alerts/{id}/acknowledgements               RESPOND_TO_ALERTS an alert.acknowledgement entry
 * GET  /incidents/{id}                             READ_INCIDENTS    timeline, findings by link, deadlines (logged; a vendor: its products only)
 * GET  /incidents/{id}/bundle, /incidents/{id}/report.pdf   READ_INCIDENTS downloads (logged)
 * GET  /patients/{pseudonym}                       READ_PATIENT_DATA the patient's timeline (logged)
 * GET  /ledger, /ledger/entries/{index}            READ_PROOFS / READ_ENTRIES
 * </pre>
 */
public final class WebConsole {

    /** Roles that may sign in to the console: people, not machines. */
    static final List<Role> PEOPLE = List.of(Role.ADMIN, Role.GOVERNANCE, Role.INVESTIGATOR, Role.AUDITOR, Role.VENDOR);

    private static final String SIGN_IN_COOKIE = "onus_sign_in";
    private static final String CSS_PATH = "/console.css";

    private final Tokens tokens;
    private final Ledger ledger;
    private final Sessions sessions;
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
    private final Clock clock;
    private final java.nio.file.Path dataDir;
    private final OverviewPage overview;
    private final SystemPage system;
    private final DeploymentPage deployment;
    private final IncidentPage incident;
    private final LedgerPage ledgerPage;
    private final PatientPage patient;
    private final byte[] css;

    /**
     * @param dataDir the data directory, to tell a newcomer on the sign-in page where the tokens are kept
     */
    public WebConsole(Tokens tokens, Ledger ledger, TenantServices.Directory services, Monitoring monitoring,
                      IncidentServices.Directory incidents, RegulatoryReports reports, Clock clock, SecureRandom random,
                      java.nio.file.Path dataDir) {
        this.tokens = tokens;
        this.ledger = ledger;
        this.clock = clock;
        this.dataDir = dataDir;
        this.sessions = new Sessions(random, clock);
        this.overview = new OverviewPage(services, monitoring, incidents, reports, clock);
        this.system = new SystemPage(services, clock);
        this.deployment = new DeploymentPage(services, monitoring, clock);
        this.incident = new IncidentPage(incidents, reports, clock);
        this.ledgerPage = new LedgerPage(services);
        this.patient = new PatientPage(services);
        this.css = resource("console.css");
    }

    /** Adds the console's routes to a Javalin configuration (the API's, so both share one server). */
    public void mount(JavalinConfig config) {
        config.routes.get(CSS_PATH, ctx -> ctx.contentType("text/css; charset=utf-8").header("Cache-Control", "max-age=3600").result(css));
        config.routes.get("/sign-in", this::signInForm);
        config.routes.post("/sign-in", this::signIn);
        config.routes.post("/sign-out", this::signOut);
        config.routes.get("/", page(Permission.READ_MONITORING, (ctx, v) -> overview.render(ctx, v, this)));
        config.routes.get("/systems/{id}", page(Permission.READ_REGISTRY, (ctx, v) -> system.render(ctx, v, this)));
        config.routes.get("/deployments/{id}", page(Permission.READ_MONITORING, (ctx, v) -> deployment.render(ctx, v, this)));
        config.routes.post("/alerts/{id}/acknowledgements", page(Permission.RESPOND_TO_ALERTS, deployment::acknowledge));
        config.routes.get("/incidents/{id}", page(Permission.READ_INCIDENTS, (ctx, v) -> incident.render(ctx, v, this)));
        config.routes.get("/incidents/{id}/bundle", page(Permission.READ_INCIDENTS, incident::bundle));
        config.routes.get("/incidents/{id}/report.pdf", page(Permission.READ_INCIDENTS, incident::pdf));
        config.routes.get("/patients/{pseudonym}", page(Permission.READ_PATIENT_DATA, (ctx, v) -> patient.render(ctx, v, this)));
        config.routes.get("/ledger", page(Permission.READ_PROOFS, (ctx, v) -> ledgerPage.render(ctx, v, this)));
        config.routes.get("/ledger/entries/{index}", page(Permission.READ_ENTRIES, (ctx, v) -> ledgerPage.entry(ctx, v, this)));
    }

    // ---- the frame of every page ----

    /** The signed-in person on this request: their token's principal, their tenant's log, their session. */
    record Visitor(Principal who, TenantLog log, Sessions.Session session, String label) {
        boolean may(Permission p) {
            return who.may(p);
        }
    }

    /** What a page handler answers: a template and its model, or nothing when it wrote the response itself. */
    record Rendered(String template, Object model) {
        static final Rendered WRITTEN = new Rendered(null, null);
    }

    interface PageAction {
        Rendered handle(Context ctx, Visitor v) throws Exception;
    }

    /** A page not found (or not visible to this visitor, which is answered the same way). */
    static final class Missing extends RuntimeException {
        Missing(String message) {
            super(message);
        }
    }

    /** A request the page cannot answer as asked (a bad form field or parameter). */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }

    Handler page(Permission permission, PageAction action) {
        return ctx -> {
            secure(ctx);
            Optional<Visitor> found = visitor(ctx);
            if (found.isEmpty()) {
                if (ctx.method().name().equals("GET")) {
                    ctx.redirect("/sign-in?next=" + URLEncoder.encode(ctx.path(), StandardCharsets.UTF_8), io.javalin.http.HttpStatus.SEE_OTHER);
                } else {
                    error(ctx, null, 401, "Signed out", "Your session has ended. Sign in again and repeat what you were doing.");
                }
                return;
            }
            Visitor v = found.get();
            if (!v.may(permission)) {
                error(ctx, v, 403, "Not for your role", "A " + v.who().role().wireName() + " token may not " + Pages.describe(permission)
                        + ". That needs a token of role " + rolesGranting(permission) + ".");
                return;
            }
            if (!ctx.method().name().equals("GET") && !Sessions.same(ctx.formParam("csrf"), v.session().csrf())) {
                error(ctx, v, 403, "Form expired", "The form did not carry this session's security token (CSRF). Reload the page and submit it again.");
                return;
            }
            try {
                Rendered r = action.handle(ctx, v);
                if (r.template() != null) {
                    html(ctx, 200, r.template(), r.model());
                }
            } catch (Missing | Incidents.NoSuchIncidentException e) {
                error(ctx, v, 404, "Not found", e.getMessage());
            } catch (BadRequest e) {
                error(ctx, v, 400, "Cannot do that", e.getMessage());
            } catch (InvalidInputException e) {
                error(ctx, v, 400, "Cannot do that", e.violations().stream().map(x -> x.pointer() + ": " + x.rule())
                        .collect(Collectors.joining("; ")));
            } catch (RuntimeException e) {
                String incident = UUID.randomUUID().toString();
                System.err.println("onus: page " + ctx.method().name() + " " + ctx.path() + " failed (incident " + incident + ")");
                e.printStackTrace();
                error(ctx, v, 500, "Something went wrong", "The page could not be built because of an internal error (incident "
                        + incident + "). Nothing was changed by this request unless it said so.");
            }
        };
    }

    /** The page frame for a visitor: navigation by what the role may open. */
    Views.Page frame(Visitor v, String title, String current) {
        List<Views.NavItem> nav = new ArrayList<>();
        nav.add(new Views.NavItem("/", "Overview", current.equals("/")));
        if (v != null && v.may(Permission.READ_PROOFS)) {
            nav.add(new Views.NavItem("/ledger", "Ledger", current.equals("/ledger")));
        }
        return v == null ? new Views.Page(title, nav, null, null, null)
                : new Views.Page(title, nav, v.label(), v.who().role().wireName(), v.session().csrf());
    }

    private Optional<Visitor> visitor(Context ctx) {
        Optional<Sessions.Session> s = sessions.find(ctx.cookie(Sessions.COOKIE));
        if (s.isEmpty()) {
            return Optional.empty();
        }
        Optional<Principal> who = tokens.authenticate(s.get().tokenSecret());
        Optional<TenantLog> log = who.flatMap(p -> ledger.log(p.tenant()));
        if (who.isEmpty() || log.isEmpty() || !PEOPLE.contains(who.get().role())) {
            sessions.close(s.get().id());
            return Optional.empty();
        }
        return Optional.of(new Visitor(who.get(), log.get(), s.get(), label(who.get(), log.get())));
    }

    private String label(Principal who, TenantLog log) {
        String label = tokens.list(log).stream().filter(t -> t.id().equals(who.tokenId())).map(Tokens.Listed::label)
                .filter(l -> l != null && !l.isBlank()).findFirst().orElse(who.tokenId());
        return label + (who.party() != null ? " (" + who.party() + ")" : "") + " · " + who.tenant();
    }

    // ---- sign-in and sign-out ----

    private void signInForm(Context ctx) {
        secure(ctx);
        if (visitor(ctx).isPresent()) {
            ctx.redirect(next(ctx.queryParam("next")), io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        signInPage(ctx, 200, null, ctx.queryParam("next"));
    }

    /*
     * Sign-in has no session yet to hold a CSRF token, so it uses a double-submitted one: a random
     * value in a short-lived SameSite=Strict cookie and the same value in the form. A forged
     * cross-site form can set neither, which keeps an attacker from signing a victim in as the
     * attacker (login CSRF).
     */
    private void signInPage(Context ctx, int status, String error, String next) {
        String csrf = sessions.randomToken();
        ctx.header("Set-Cookie", Sessions.cookie(SIGN_IN_COOKIE, csrf, isHttps(ctx), 1800));
        html(ctx, status, "signin.jte", new Views.SignIn(csrf, error, next(next), tokenHint()));
    }

    private void signIn(Context ctx) {
        secure(ctx);
        String next = ctx.formParam("next");
        if (!Sessions.same(ctx.formParam("csrf"), ctx.cookie(SIGN_IN_COOKIE))) {
            signInPage(ctx, 403, "The sign-in form expired or did not come from this site. Please try again.", next);
            return;
        }
        String secret = ctx.formParam("token") == null ? "" : ctx.formParam("token").trim();
        Optional<Principal> who = secret.isEmpty() ? Optional.empty() : tokens.authenticate(secret);
        if (who.isEmpty()) {
            signInPage(ctx, 401, "That token is not valid: it is unknown, mistyped or revoked.", next);
            return;
        }
        if (!PEOPLE.contains(who.get().role())) {
            signInPage(ctx, 403, "A " + who.get().role().wireName() + " token is for machines and cannot sign in to the console. "
                    + "Use a token of role " + PEOPLE.stream().map(Role::wireName).collect(Collectors.joining(", ")) + ".", next);
            return;
        }
        Sessions.Session s = sessions.open(secret);
        ctx.res().addHeader("Set-Cookie", Sessions.cookie(Sessions.COOKIE, s.id(), isHttps(ctx), -1));
        ctx.res().addHeader("Set-Cookie", Sessions.cookie(SIGN_IN_COOKIE, "", isHttps(ctx), 0));
        ctx.redirect(next(next), io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void signOut(Context ctx) {
        secure(ctx);
        Optional<Sessions.Session> s = sessions.find(ctx.cookie(Sessions.COOKIE));
        if (s.isPresent() && !Sessions.same(ctx.formParam("csrf"), s.get().csrf())) {
            error(ctx, null, 403, "Form expired", "The sign-out form did not carry this session's security token. Reload the page and try again.");
            return;
        }
        s.ifPresent(x -> sessions.close(x.id()));
        ctx.header("Set-Cookie", Sessions.cookie(Sessions.COOKIE, "", isHttps(ctx), 0));
        ctx.redirect("/sign-in", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    /** Where this installation keeps tokens: the demo's file of one token per role, or the first admin token. */
    private String tokenHint() {
        java.nio.file.Path demo = dataDir.resolve("demo-tokens");
        if (java.nio.file.Files.exists(demo)) {
            return "The demo printed a token for each role when it loaded, and keeps them in " + demo + ".";
        }
        return "The first start printed an admin token and keeps it in " + dataDir.resolve("admin-token")
                + "; an admin issues tokens for the other roles (POST /v1/tokens).";
    }

    /** Only a local path is followed after sign-in, never another site. */
    private static String next(String next) {
        return next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\") ? next : "/";
    }

    // ---- rendering ----

    void html(Context ctx, int status, String template, Object model) {
        StringOutput out = new StringOutput();
        templates.render(template, model, out);
        ctx.status(status).contentType("text/html; charset=utf-8").result(out.toString());
    }

    private void error(Context ctx, Visitor v, int status, String title, String detail) {
        html(ctx, status, "error.jte", new Views.Error(frame(v, title, ""), status, title, detail));
    }

    /** Pages carry patient-linked data: never cached, never framed, scripts and styles from here only. */
    private static void secure(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
                + "frame-ancestors 'none'; base-uri 'none'");
    }

    private static boolean isHttps(Context ctx) {
        return "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    }

    private static String rolesGranting(Permission p) {
        return Arrays.stream(Role.values()).filter(r -> r.grants(p) && PEOPLE.contains(r)).map(Role::wireName)
                .collect(Collectors.joining(", "));
    }

    private static byte[] resource(String name) {
        try (InputStream in = WebConsole.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the console's " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the console's " + name + ": " + e.getMessage(), e);
        }
    }
}
