package org.onus.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onus.auth.Role;
import org.onus.ledger.Entries;

/**
 * {@code GET /v1/incidents/{id}/report} over HTTP, on scenarios of {@code src/test/resources/scenarios}
 * recorded through the API as the scenario runner records them: the report names the primary
 * contributors, every finding's rule and evidence, the deadlines and the determinations, as HTML
 * and as PDF; content negotiation, roles and the logged read.
 */
class IncidentReportApiTest {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Two parties to blame, a deployer and a manufacturer: the report must name both. */
    static final String TWO_CONTRIBUTORS = "3-retinopathy-poor-images.json";
    /** The investigator's determinations decide it. */
    static final String DETERMINED = "8-clinician-rejects-standard-care.json";

    @TempDir
    static Path dataDir;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(dataDir);
        load(TWO_CONTRIBUTORS);
        load(DETERMINED);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void the_html_names_the_primary_contributors_every_finding_s_rule_and_evidence_and_the_deadlines() {
        Case c = new Case(TWO_CONTRIBUTORS);

        HttpResponse<String> r = c.get("", "text/html");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/html"));
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        String html = r.body();
        assertThat(c.contributors()).hasSize(2);
        for (String party : c.contributors()) {
            assertThat(section(html, "2. Primary contributors", "3. Findings")).as("contributor %s", party).contains("(" + party + ")");
        }
        assertThat(section(html, "1. Incident summary", "2. Primary")).contains(escaped(c.investigation().get("conclusion").asText()));
        assertThat(c.findings()).isNotEmpty();
        for (JsonNode f : c.findings()) {
            assertThat(html).as("finding %s", f).contains("<td>" + f.get("rule").asText() + "</td>").contains(evidence(f));
        }
        for (JsonNode d : c.reports()) {
            assertThat(section(html, "5. Regulatory deadlines", "6. Determinations"))
                    .contains(escaped(d.get("title").asText()), escaped(d.get("basis").asText()), "REF-" + d.get("kind").asText());
        }
        assertThat(c.reports()).isNotEmpty();
        for (JsonNode n : c.schedule().get("notOwed")) {
            assertThat(section(html, "5. Regulatory deadlines", "6. Determinations")).contains(escaped("Not owed: " + n.asText()));
        }
        assertThat(html).contains(escaped(ScenarioLoader.read(ScenarioLoader.DIR.resolve(TWO_CONTRIBUTORS)).get("incident").get("narrative").asText()))
                .doesNotContain("[narrative sealed");
    }

    @Test
    void the_determinations_the_investigator_signed_are_in_the_report_with_their_entries() throws IOException {
        Case c = new Case(DETERMINED);

        String html = c.get("", "text/html").body();

        JsonNode state = TestServer.json(server.get("/v1/incidents/" + c.incident, c.investigator));
        assertThat(state.get("determinations")).hasSizeGreaterThanOrEqualTo(2);
        String section = section(html, "6. Determinations", "7. Verifying");
        for (JsonNode d : state.get("determinations")) {
            assertThat(section).contains("#" + d.get("index").asLong(), escaped(d.get("value").get("rationale").asText()));
        }
        assertThat(section).contains("Was the AI&#39;s output the standard of care?");

        byte[] pdf = c.bytes("?format=pdf", "*/*").body();
        Files.write(Files.createDirectories(Path.of("target", "reports")).resolve("scenario-8-report.pdf"), pdf);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String flat = new PDFTextStripper().getText(doc).replaceAll("\\s+", "");
            for (JsonNode d : state.get("determinations")) {
                assertThat(flat).contains("#" + d.get("index").asLong(), d.get("value").get("rationale").asText().replaceAll("\\s+", ""));
            }
            BufferedImage page = new PDFRenderer(doc).renderImageWithDPI(doc.getNumberOfPages() - 2, 90);
            ImageIO.write(page, "png", Path.of("target", "reports", "scenario-8-report-determinations.png").toFile());
        }
    }

    @Test
    void an_incident_the_regulatory_clocks_cannot_place_says_so_rather_than_that_nothing_is_owed() {
        Case c = new Case(TWO_CONTRIBUTORS);
        ObjectNode unlinked = (ObjectNode) ScenarioLoader.read(ScenarioLoader.DIR.resolve(TWO_CONTRIBUTORS)).get("incident").deepCopy();
        unlinked.put("id", "inc-3-unlinked");
        unlinked.remove("decisions");
        HttpResponse<String> filed = server.post("/v1/incidents", c.investigator, unlinked.toString());
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);

        HttpResponse<String> r = send("/v1/incidents/inc-3-unlinked/report", c.investigator, "text/html");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(section(r.body(), "5. Regulatory deadlines", "6. Determinations"))
                .contains("The regulatory clocks cannot say which reports this incident owes")
                .doesNotContain("trigger no regulatory report");
    }

    @Test
    void reading_the_report_is_logged_first_and_its_checkpoint_covers_that_access_entry() {
        Case c = new Case(TWO_CONTRIBUTORS);
        long before = server.log(c.tenant).size();

        String html = c.get("", "text/html").body();

        long access = before;
        JsonNode entry = Entries.parse(server.log(c.tenant).entry(access).orElseThrow().bytes());
        assertThat(entry.get("type").asText()).isEqualTo("access");
        assertThat(entry.get("data").get("query").asText()).isEqualTo("incident-report");
        assertThat(entry.get("data").get("subject").asText()).isEqualTo(c.incident);
        String size = html.replaceAll("(?s).*evidence rests on checkpoint [^ ]+ at tree size (\\d+).*", "$1");
        assertThat(Long.parseLong(size)).isGreaterThan(access);
        assertThat(html).contains("./onus verify", org.onus.reporting.ReportAssembler.BUNDLE_FILE, server.log(c.tenant).verifierKey(),
                "GET /v1/incidents/" + c.incident + "/bundle", "from tree size " + size);
    }

    @Test
    void the_pdf_parses_with_pdfbox_and_holds_the_same_key_text() throws IOException {
        Case c = new Case(TWO_CONTRIBUTORS);

        HttpResponse<byte[]> r = c.bytes("", "application/pdf");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(r.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"onus-incident-" + c.incident + "-report.pdf\"");
        Path dir = Files.createDirectories(Path.of("target", "reports"));
        Files.write(dir.resolve("scenario-3-report.pdf"), r.body());
        try (PDDocument doc = Loader.loadPDF(r.body())) {
            int pages = doc.getNumberOfPages();
            PDFRenderer renderer = new PDFRenderer(doc);
            for (int p = 0; p < pages; p++) {
                BufferedImage image = renderer.renderImageWithDPI(p, 90);
                ImageIO.write(image, "png", dir.resolve("scenario-3-report-page-" + (p + 1) + ".png").toFile());
            }
            String text = new PDFTextStripper().getText(doc);
            Files.writeString(dir.resolve("scenario-3-report.txt"), text);
            String flat = text.replaceAll("\\s+", "");
            for (String party : c.contributors()) {
                assertThat(flat).contains("(" + party + ")");
            }
            for (JsonNode f : c.findings()) {
                assertThat(flat).as("finding %s", f.get("rule")).contains(f.get("rule").asText(), evidence(f).replaceAll("\\s+", ""));
            }
            for (JsonNode d : c.reports()) {
                assertThat(flat).contains(d.get("title").asText().replaceAll("\\s+", ""));
            }
            assertThat(flat).contains("Page1of" + pages, "./onusverify");
        }
    }

    @Test
    void format_pdf_in_the_query_answers_the_pdf_whatever_the_accept_header() {
        Case c = new Case(TWO_CONTRIBUTORS);

        HttpResponse<byte[]> r = c.bytes("?format=pdf", "text/html");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(new String(r.body(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    }

    @Test
    void accept_headers_choose_by_quality_then_specificity() {
        assertThat(IncidentReportRoutes.choose("application/pdf;q=0.9, text/html;q=0.8")).isEqualTo("application/pdf");
        assertThat(IncidentReportRoutes.choose("text/html;q=0.5, application/*")).isEqualTo("application/pdf");
        assertThat(IncidentReportRoutes.choose("*/*")).isEqualTo("text/html");
        assertThat(IncidentReportRoutes.choose("*/*;q=0.1, application/pdf")).isEqualTo("application/pdf");
        assertThat(IncidentReportRoutes.choose("text/*, text/html;q=0")).isNull();
        assertThat(IncidentReportRoutes.choose("application/json")).isNull();
    }

    @Test
    void an_accept_header_it_cannot_answer_is_406_problem_json_and_writes_nothing() {
        Case c = new Case(TWO_CONTRIBUTORS);
        long before = server.log(c.tenant).size();

        HttpResponse<String> r = c.get("", "application/json");

        assertThat(r.statusCode()).isEqualTo(406);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        assertThat(TestServer.json(r).get("type").asText()).endsWith("not-acceptable");
        assertThat(TestServer.json(r).get("detail").asText()).contains("application/json", "text/html", "application/pdf");
        assertThat(server.log(c.tenant).size()).isEqualTo(before);
    }

    @Test
    void an_unknown_format_is_400_naming_the_parameter() {
        HttpResponse<String> r = new Case(TWO_CONTRIBUTORS).get("?format=docx", "text/html");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(r).get("errors").get(0).get("field").asText()).isEqualTo("format");
    }

    @Test
    void an_unknown_incident_is_404() {
        Case c = new Case(TWO_CONTRIBUTORS);

        HttpResponse<String> r = send("/v1/incidents/no-such-incident/report", c.investigator, "text/html");

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
    }

    @Test
    void roles_that_may_not_read_incidents_are_403_and_a_vendor_of_another_maker_finds_none() {
        Case c = new Case(TWO_CONTRIBUTORS);
        String path = "/v1/incidents/" + c.incident + "/report";
        String otherMaker = server.onus.tokens().issue(c.tenant, Role.VENDOR, "vendor radix", "test", "radix").secret();

        for (Role role : List.of(Role.AUDITOR, Role.GOVERNANCE, Role.INTEGRATION, Role.METRICS)) {
            assertThat(send(path, server.token(c.tenant, role), "text/html").statusCode()).as("%s", role).isEqualTo(403);
        }
        assertThat(send(path, otherMaker, "text/html").statusCode()).as("not its product: not found").isEqualTo(404);
        assertThat(send(path, otherMaker, "application/pdf").statusCode()).isEqualTo(404);
        assertThat(send(path, null, "text/html").statusCode()).isEqualTo(401);
        assertThat(send(path, server.token(c.tenant, Role.ADMIN), "text/html").statusCode()).isEqualTo(200);
    }

    @Test
    void a_token_of_another_tenant_does_not_find_the_incident() {
        Case c = new Case(TWO_CONTRIBUTORS);
        Case other = new Case(DETERMINED);

        assertThat(send("/v1/incidents/" + c.incident + "/report", other.investigator, "text/html").statusCode()).isEqualTo(404);
    }

    // ---- the scenarios, recorded as ScenarioTest records them ------------------------------------

    /** One loaded scenario, seen by a fresh investigator token of its tenant. */
    static final class Case {
        final String tenant;
        final String incident;
        final String investigator;

        Case(String file) {
            this.tenant = tenantOf(file);
            this.incident = ScenarioLoader.read(ScenarioLoader.DIR.resolve(file)).get("incident").get("id").asText();
            this.investigator = server.token(tenant, Role.INVESTIGATOR);
        }

        HttpResponse<String> get(String query, String accept) {
            return send("/v1/incidents/" + incident + "/report" + query, investigator, accept);
        }

        HttpResponse<byte[]> bytes(String query, String accept) {
            HttpRequest.Builder b = server.request("/v1/incidents/" + incident + "/report" + query).GET()
                    .header("Authorization", "Bearer " + investigator).header("Accept", accept);
            try {
                return java.net.http.HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        JsonNode investigation() {
            return TestServer.json(server.get("/v1/incidents/" + incident + "/investigation", investigator));
        }

        List<String> contributors() {
            List<String> out = new ArrayList<>();
            investigation().get("primaryContributors").forEach(p -> out.add(p.get("party").asText()));
            return out;
        }

        /** The findings the report shows: every one but those of rules that did not apply. */
        List<JsonNode> findings() {
            List<JsonNode> out = new ArrayList<>();
            investigation().get("findings").forEach(f -> {
                if (!f.get("verdict").asText().equals("NOT_APPLICABLE")) {
                    out.add(f);
                }
            });
            return out;
        }

        JsonNode schedule() {
            return TestServer.json(server.get("/v1/incidents/" + incident + "/reports", investigator));
        }

        List<JsonNode> reports() {
            List<JsonNode> out = new ArrayList<>();
            schedule().get("reports").forEach(out::add);
            return out;
        }
    }

    static HttpResponse<String> send(String path, String token, String accept) {
        HttpRequest.Builder b = server.request(path).GET().header("Accept", accept);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return server.send(b);
    }

    static String evidence(JsonNode finding) {
        List<String> out = new ArrayList<>();
        finding.get("evidence").forEach(i -> out.add("#" + i.asLong()));
        return String.join(", ", out);
    }

    static String section(String html, String from, String to) {
        int a = html.indexOf(from);
        int b = html.indexOf(to, a);
        assertThat(a).as("section %s", from).isGreaterThanOrEqualTo(0);
        return html.substring(a, b < 0 ? html.length() : b);
    }

    /** Text as the report's XHTML escapes it. */
    static String escaped(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    static String tenantOf(String file) {
        return "report-" + file.substring(0, file.indexOf('-'));
    }

    /** Registers the world and the scenario, records its history and incident, files its reports on time. */
    static void load(String file) {
        ScenarioLoader.play(server, file, tenantOf(file));
    }
}
