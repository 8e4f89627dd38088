package org.onus.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.onus.Onus;
import org.onus.auth.Role;

/**
 * Sign-in, sessions, CSRF and who sees what, over plain HTTP against the demo server: the rules
 * every page relies on, checked without a browser.
 */
class ConsoleSessionTest {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    final DemoConsole demo = DemoConsole.get();
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** A browser's cookie jar of one: the session cookie. */
    final class Visitor {
        String session;

        HttpResponse<String> get(String path) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(demo.url(path))).GET();
            if (session != null) {
                b.header("Cookie", Sessions.COOKIE + "=" + session);
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(demo.url(path)))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(encode(form)));
            if (session != null) {
                b.header("Cookie", Sessions.COOKIE + "=" + session);
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    Visitor signedIn(Role role) throws Exception {
        Visitor v = new Visitor();
        HttpResponse<String> r = signIn(demo.tokens.get(role));
        assertThat(r.statusCode()).as("sign-in as " + role).isEqualTo(303);
        v.session = cookie(r, Sessions.COOKIE);
        return v;
    }

    HttpResponse<String> signIn(String token) throws Exception {
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(demo.url("/sign-in"))).build(), HttpResponse.BodyHandlers.ofString());
        String csrf = csrf(form.body());
        String cookie = cookie(form, "onus_sign_in");
        return http.send(HttpRequest.newBuilder(URI.create(demo.url("/sign-in")))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", "onus_sign_in=" + cookie)
                .POST(HttpRequest.BodyPublishers.ofString(encode(Map.of("token", token, "csrf", csrf, "next", "/")))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void signing_in_sets_an_http_only_same_site_session_cookie_and_pages_without_it_lead_to_sign_in() throws Exception {
        HttpResponse<String> r = signIn(demo.tokens.get(Role.GOVERNANCE));

        String setCookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(Sessions.COOKIE + "=")).findFirst().orElseThrow();
        assertThat(setCookie).contains("HttpOnly", "SameSite=Strict", "Path=/");
        assertThat(setCookie).doesNotContain(demo.tokens.get(Role.GOVERNANCE));
        HttpResponse<String> anonymous = new Visitor().get("/deployments/auth-koeln-lumina");
        assertThat(anonymous.statusCode()).isEqualTo(303);
        assertThat(anonymous.headers().firstValue("Location")).hasValue("/sign-in?next=%2Fdeployments%2Fauth-koeln-lumina");
    }

    @Test
    void an_integration_token_cannot_sign_in() throws Exception {
        HttpResponse<String> r = signIn(demo.tokens.get(Role.INTEGRATION));

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("integration token is for machines");
        assertThat(r.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith(Sessions.COOKIE + "=") && !c.startsWith(Sessions.COOKIE + "=;"));
    }

    @Test
    void a_sign_in_form_posted_without_its_own_csrf_cookie_is_refused() throws Exception {
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(demo.url("/sign-in"))).build(), HttpResponse.BodyHandlers.ofString());

        HttpResponse<String> r = new Visitor().post("/sign-in", Map.of("token", demo.tokens.get(Role.ADMIN), "csrf", csrf(form.body())));

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith(Sessions.COOKIE + "="));
    }

    @Test
    void an_acknowledgement_without_the_session_s_csrf_token_is_refused_and_writes_nothing() throws Exception {
        Visitor governance = signedIn(Role.GOVERNANCE);
        String alert = openAlert();
        long before = demo.log.size();

        HttpResponse<String> forged = governance.post("/alerts/" + alert + "/acknowledgements", Map.of("note", "forged", "csrf", "not-the-token"));

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(demo.log.size()).isEqualTo(before);
    }

    @Test
    void an_acknowledgement_from_the_deployment_page_is_an_alert_acknowledgement_entry() throws Exception {
        Visitor governance = signedIn(Role.GOVERNANCE);
        String alert = openAlert();
        String deployment = demo.onus.monitor(demo.log).alert(alert, everyone()).orElseThrow().path("deployment").asText();
        String csrf = csrf(governance.get("/deployments/" + deployment).body());

        HttpResponse<String> r = governance.post("/alerts/" + alert + "/acknowledgements", Map.of("note", "seen by the duty officer", "csrf", csrf));

        assertThat(r.statusCode()).isEqualTo(303);
        long index = Long.parseLong(r.headers().firstValue("Location").orElseThrow().replaceAll(".*acknowledged=(\\d+).*", "$1"));
        var entry = org.onus.ledger.Entries.parse(demo.log.entry(index).orElseThrow().bytes());
        assertThat(entry.path("type").asText()).isEqualTo("alert.acknowledgement");
        assertThat(entry.path("data").path("alert").asText()).isEqualTo(alert);
        assertThat(entry.path("data").path("note").asText()).isEqualTo("seen by the duty officer");
        String location = r.headers().firstValue("Location").orElseThrow();
        assertThat(governance.get(location.substring(0, location.indexOf('#'))).body()).contains("recorded as ledger entry " + index);
    }

    @Test
    void a_vendor_sees_only_its_own_products() throws Exception {
        Visitor vendor = signedIn(Role.VENDOR);

        String overview = vendor.get("/").body();
        assertThat(overview).contains("auth-koeln-lumina", "auth-lakeshore-lumina").doesNotContain("auth-koeln-srs", "auth-lakeshore-scribe");
        assertThat(vendor.get("/deployments/auth-koeln-lumina").statusCode()).isEqualTo(200);
        assertThat(vendor.get("/deployments/auth-koeln-srs").statusCode()).isEqualTo(404);
        assertThat(vendor.get("/systems/lumina-mammo").statusCode()).isEqualTo(200);
        assertThat(vendor.get("/systems/sentinel-srs").statusCode()).isEqualTo(404);
    }

    @Test
    void a_vendor_sees_its_own_products_incidents_on_the_overview_and_no_other_maker_s() throws Exception {
        String overview = signedIn(Role.VENDOR).get("/").body();

        for (DemoIncidentsView i : incidents()) {
            if (i.code().startsWith("mammo-")) {
                assertThat(overview).as(i.code()).contains("/incidents/" + i.id());
            } else {
                assertThat(overview).as(i.code()).doesNotContain("/incidents/" + i.id());
            }
        }
    }

    @Test
    void a_vendor_opens_its_product_s_incident_pseudonymized_without_narrative_rationale_or_patient_timeline_link() throws Exception {
        String incident = demo.incident("mammo-implants-known-limitation");
        String forInvestigator = signedIn(Role.INVESTIGATOR).get("/incidents/" + incident).body();
        long before = demo.log.size();

        HttpResponse<String> r = signedIn(Role.VENDOR).get("/incidents/" + incident);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(forInvestigator).contains("Demo investigator's review", "href=\"/patients/");
        assertThat(r.body()).contains("Incident " + incident, "pseudonym <code>", "mfr-lumina")
                .doesNotContain("Demo investigator's review").doesNotContain("href=\"/patients/").doesNotContain("Patient timeline");
        assertThat(accessEntries(before, incident, "vendor")).isEqualTo(1);
    }

    @Test
    void a_vendor_downloads_its_product_s_incident_bundle_and_report() throws Exception {
        Visitor vendor = signedIn(Role.VENDOR);
        String incident = demo.incident("mammo-missed-cancer-drift");

        HttpResponse<String> bundle = vendor.get("/incidents/" + incident + "/bundle");
        HttpResponse<String> pdf = vendor.get("/incidents/" + incident + "/report.pdf");

        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(bundle.body()).contains("\"entries\"");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.body()).startsWith("%PDF");
    }

    @Test
    void another_maker_s_incident_and_its_downloads_are_a_plain_404_page_for_a_vendor() throws Exception {
        Visitor vendor = signedIn(Role.VENDOR);
        String incident = demo.incident("robot-thermal-injury-notice-late");

        for (String path : java.util.List.of("", "/bundle", "/report.pdf")) {
            HttpResponse<String> r = vendor.get("/incidents/" + incident + path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(r.body()).doesNotContain("mfr-surgenix");
        }
        assertThat(vendor.get("/patients/any-pseudonym").statusCode()).isEqualTo(403);
    }

    @Test
    void the_overview_reads_a_review_time_alert_in_decisions_and_seconds_not_a_share_against_a_threshold() throws Exception {
        String overview = signedIn(Role.GOVERNANCE).get("/").body();

        assertThat(overview).containsPattern("decisions? decided faster than the \\d+ s minimum review")
                .doesNotContain("shareFasterThanMinimum").doesNotContain("(threshold ");
    }

    @Test
    void an_auditor_cannot_open_an_incident_or_a_patient_and_is_told_which_roles_can() throws Exception {
        Visitor auditor = signedIn(Role.AUDITOR);

        HttpResponse<String> r = auditor.get("/incidents/" + demo.incident("mammo-missed-cancer-drift"));

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("admin, investigator, vendor");
    }

    @Test
    void every_incident_view_appends_an_access_entry_naming_the_reader_before_answering() throws Exception {
        Visitor investigator = signedIn(Role.INVESTIGATOR);
        String incident = demo.incident("mammo-missed-cancer-drift");
        long before = demo.log.size();

        assertThat(investigator.get("/incidents/" + incident).statusCode()).isEqualTo(200);

        boolean logged = false;
        for (long i = before; i < demo.log.size(); i++) {
            var e = org.onus.ledger.Entries.parse(demo.log.entry(i).orElseThrow().bytes());
            logged |= e.path("type").asText().equals("access") && e.path("data").path("subject").asText().equals(incident)
                    && e.path("data").path("role").asText().equals("investigator");
        }
        assertThat(logged).isTrue();
    }

    @Test
    void an_unknown_incident_is_a_plain_error_page() throws Exception {
        HttpResponse<String> r = signedIn(Role.INVESTIGATOR).get("/incidents/inc-nobody");

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(r.body()).contains("inc-nobody");
    }

    @Test
    void signing_out_ends_the_session_and_revoking_the_token_ends_it_too() throws Exception {
        Visitor v = signedIn(Role.AUDITOR);
        String csrf = csrf(v.get("/").body());
        assertThat(v.post("/sign-out", Map.of("csrf", csrf)).statusCode()).isEqualTo(303);
        assertThat(v.get("/").statusCode()).isEqualTo(303);

        var issued = demo.onus.tokens().issue(Onus.DEFAULT_TENANT, Role.AUDITOR, "to be revoked", "test");
        Visitor w = new Visitor();
        w.session = cookie(signIn(issued.secret()), Sessions.COOKIE);
        assertThat(w.get("/").statusCode()).isEqualTo(200);
        demo.onus.tokens().revoke(demo.log, issued.id(), "test", "left");
        assertThat(w.get("/").statusCode()).isEqualTo(303);
    }

    record DemoIncidentsView(String code, String id) {
    }

    private java.util.List<DemoIncidentsView> incidents() {
        return demo.incidents.stream().map(f -> new DemoIncidentsView(f.code(), f.incident())).toList();
    }

    private long accessEntries(long from, String subject, String role) {
        long n = 0;
        for (long i = from; i < demo.log.size(); i++) {
            var e = org.onus.ledger.Entries.parse(demo.log.entry(i).orElseThrow().bytes());
            if (e.path("type").asText().equals("access") && e.path("data").path("subject").asText().equals(subject)
                    && e.path("data").path("role").asText().equals(role)) {
                n++;
            }
        }
        return n;
    }

    private String openAlert() {
        for (var a : demo.onus.monitor(demo.log).alerts("unresolved", null, everyone())) {
            if (a.path("status").asText().equals("open")) {
                return a.path("id").asText();
            }
        }
        throw new AssertionError("the demo has no open alert");
    }

    private static org.onus.monitoring.Monitor.Viewer everyone() {
        return new org.onus.monitoring.Monitor.Viewer("test", "admin", null, null);
    }

    private static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as("the page carries a CSRF field").isTrue();
        return m.group(1);
    }

    private static String cookie(HttpResponse<?> r, String name) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).map(c -> c.substring(name.length() + 1, c.indexOf(';')))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " cookie set"));
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
