package org.onus.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onus.auth.Role;
import org.onus.ledger.Entries;

/**
 * A vendor reads the incidents that involve its own products, pseudonymized and restricted to
 * them: the retinopathy scenario's incident, to which the investigator adds a sepsis decision of
 * another manufacturer for the same patient. Lumen (retina) sees the incident with its decision
 * only, Acme (sepsis) with its decision only, Radix (no decision) and another tenant's Lumen get
 * 404, as if the incident did not exist. Each read is an access entry.
 */
class VendorIncidentsApiTest {

    static final String TENANT = "vendors";
    static final String PATH = "/v1/incidents/inc-3";

    @TempDir
    static Path dataDir;
    static TestServer server;
    static String lumen;
    static String acme;
    static String radix;
    static String lumenElsewhere;
    static String investigator;

    @BeforeAll
    static void start() {
        server = TestServer.start(dataDir);
        ScenarioLoader.Played played = ScenarioLoader.play(server, "3-retinopathy-poor-images.json", TENANT);
        investigator = played.investigator();
        String integration = server.token(TENANT, Role.INTEGRATION);
        created(server.post("/v1/decisions", integration, "{\"id\":\"dec-sepsis\",\"eventTime\":\"2026-08-31T08:00:00Z\",\"site\":\"st-mary\","
                + "\"unit\":\"ed\",\"reportedVersion\":\"4.1\",\"artifactDigest\":\"sha256:" + "a".repeat(64) + "\","
                + "\"patient\":{\"id\":\"MRN-3301\",\"age\":63,\"sex\":\"female\"},\"input\":{\"quality\":{\"completeness\":0.97}},"
                + "\"output\":{\"kind\":\"score\",\"score\":0.2},\"shownTo\":[\"dr-lee\"]}"));
        created(server.post(PATH + "/information", investigator, "{\"id\":\"info-sepsis\",\"decisions\":[\"dec-sepsis\"],"
                + "\"narrative\":\"The sepsis score was low the day before.\",\"reporter\":\"pso-1\"}"));
        lumen = vendor(TENANT, "lumen");
        acme = vendor(TENANT, "acme");
        radix = vendor(TENANT, "radix");
        ScenarioLoader.play(server, "3-retinopathy-poor-images.json", "elsewhere");
        lumenElsewhere = vendor("elsewhere", "lumen");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void a_vendor_lists_and_reads_the_incident_of_its_product_with_its_decisions_only_and_no_free_text() {
        JsonNode list = ok(PATH.substring(0, "/v1/incidents".length()), lumen);
        JsonNode incident = ok(PATH, lumen);

        assertThat(list.get("incidents")).extracting(i -> i.get("id").asText()).containsExactly("inc-3");
        assertThat(strings(incident.path("decisions"))).containsExactly("dec-1");
        assertThat(incident.path("filing").path("value").has("narrative")).isFalse();
        assertThat(incident.path("information")).allSatisfy(i -> {
            assertThat(i.path("value").has("narrative")).isFalse();
            assertThat(strings(i.path("value").path("decisions"))).doesNotContain("dec-sepsis");
        });
        assertThat(incident.toString()).doesNotContain("MRN-3301").doesNotContain("dec-sepsis").doesNotContain("blurred");
    }

    @Test
    void the_reconstruction_and_findings_concern_the_vendor_s_products_only() {
        JsonNode forLumen = ok(PATH + "/investigation", lumen);
        JsonNode forAcme = ok(PATH + "/investigation", acme);
        JsonNode reconstruction = ok(PATH + "/reconstruction", acme);

        assertThat(strings(forLumen.get("decisions"))).containsExactly("dec-1");
        assertThat(forLumen.get("findings")).isNotEmpty().allSatisfy(f -> assertThat(f.toString()).doesNotContain("dec-sepsis"));
        assertThat(strings(forAcme.get("decisions"))).containsExactly("dec-sepsis");
        assertThat(forAcme.get("findings")).allSatisfy(f -> assertThat(f.toString()).doesNotContain("dec-1\""));
        assertThat(reconstruction.get("decisions")).extracting(d -> d.get("id").asText()).containsExactly("dec-sepsis");
        assertThat(reconstruction.get("timeline")).allSatisfy(e -> assertThat(e.get("decision").asText()).isEqualTo("dec-sepsis"));
        assertThat(reconstruction.toString()).doesNotContain("MRN-3301").doesNotContain("\"dec-1\"").doesNotContain("no-referable-dr");
    }

    @Test
    void a_vendor_without_a_decision_in_it_and_another_tenant_s_vendor_get_404_and_an_empty_list() {
        for (String path : List.of(PATH, PATH + "/reconstruction", PATH + "/investigation", PATH + "/bundle", PATH + "/report")) {
            assertThat(server.get(path, radix).statusCode()).as(path).isEqualTo(404);
        }
        assertThat(ok("/v1/incidents", radix).get("incidents")).isEmpty();
        assertThat(ok("/v1/incidents", lumenElsewhere).get("incidents")).extracting(i -> i.get("id").asText()).containsExactly("inc-3");
        long before = server.log(TENANT).size();
        assertThat(server.get(PATH, lumenElsewhere).statusCode()).isEqualTo(200);
        assertThat(server.log(TENANT).size()).as("another tenant's read writes nothing here").isEqualTo(before);
    }

    @Test
    void every_vendor_read_is_an_access_entry_naming_the_vendor_and_opening_nothing() {
        long before = server.log(TENANT).size();

        ok(PATH + "/investigation", acme);

        JsonNode access = Entries.parse(server.log(TENANT).entry(before).orElseThrow().bytes());
        assertThat(access.get("type").asText()).isEqualTo("access");
        assertThat(access.get("data").get("role").asText()).isEqualTo("vendor");
        assertThat(access.get("data").get("query").asText()).isEqualTo("incident-investigation");
        assertThat(access.get("data").get("contentOpened").asBoolean()).isFalse();
        assertThat(strings(access.get("data").get("onlySystems"))).containsExactly("sepsis");
    }

    @Test
    void a_vendor_downloads_the_bundle_and_report_of_its_product_s_incident_without_the_other_maker_s_entries() {
        JsonNode bundle = ok(PATH + "/bundle", acme);
        HttpResponse<String> report = server.send(server.request(PATH + "/report").header("Authorization", "Bearer " + acme)
                .header("Accept", "text/html").GET());

        String entries = bundle.toString();
        assertThat(entries).doesNotContain("MRN-3301");
        List<String> texts = new ArrayList<>();
        bundle.path("entries").forEach(e -> texts.add(new String(java.util.Base64.getDecoder().decode(e.get("entry").asText()))));
        assertThat(texts).isNotEmpty().noneMatch(t -> t.contains("\"dec-1\"")).noneMatch(t -> t.contains("eye-clinic"));
        assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
        assertThat(report.body()).contains("Sepsis Watch").doesNotContain("RetinaScreen").doesNotContain("Lumen")
                .doesNotContain("The sepsis score was low").doesNotContain("blurred");
    }

    static JsonNode ok(String path, String token) {
        HttpResponse<String> r = server.get(path, token);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return TestServer.json(r);
    }

    static void created(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    static String vendor(String tenant, String manufacturer) {
        server.onus.ledger().createTenant(tenant);
        return server.onus.tokens().issue(tenant, Role.VENDOR, "vendor " + manufacturer, "test", manufacturer).secret();
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(x -> out.add(x.asText()));
        return out;
    }
}
