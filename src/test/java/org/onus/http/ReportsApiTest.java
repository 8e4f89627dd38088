package org.onus.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onus.Onus;
import org.onus.auth.Role;
import org.onus.investigation.clocks.IncidentFacts;
import org.onus.investigation.clocks.IncidentFactsSource;
import org.onus.registry.AiSystem;

/**
 * {@code /v1/incidents/{id}/reports} on a real server, with incident facts from a test source:
 * the schedule as of any time, filings as ledger entries, roles, tenants and bad input.
 */
class ReportsApiTest {

    static final AiSystem DEVICE = new AiSystem("sepsis-watch", "Sepsis Watch", "acme", true, "high", "IIb",
            List.of("K231234"), Map.of());
    static final AiSystem OTHER_MAKERS = new AiSystem("triage", "Triage", "globex", true, "high", "IIa", List.of(), Map.of());
    /** A death in a New York hospital, known on Wednesday 18 November 2026 at 10:00 local time. */
    static final IncidentFacts NY = new IncidentFacts("inc-ny", Instant.parse("2026-11-18T15:00:00Z"), ZoneId.of("America/New_York"),
            IncidentFacts.Harm.NONE.withDeath(), false, DEVICE, "mercy-ny", "US", "US", null);
    static final IncidentFacts DE = new IncidentFacts("inc-de", Instant.parse("2026-11-20T08:00:00Z"), ZoneId.of("Europe/Berlin"),
            IncidentFacts.Harm.NONE.withSeriousInjury(false), false, OTHER_MAKERS, "st-mary", "DE", "DE", null);
    static final IncidentFactsSource FACTS = (log, id) -> log.tenant().equals(Onus.DEFAULT_TENANT)
            ? Optional.ofNullable(Map.of("inc-ny", NY, "inc-de", DE).get(id)) : Optional.empty();

    @TempDir
    static Path dataDir;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(TestServer.config(dataDir), FACTS);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String filing(String kind, String stage, String filedAt, String reference) {
        return ("{'regime':'us-fda-803','kind':'" + kind + "','stage':'" + stage + "','filedAt':'" + filedAt
                + "','reference':'" + reference + "','by':'mercy-ny'}").replace('\'', '"');
    }

    static JsonNode report(JsonNode schedule, String kind) {
        for (JsonNode r : schedule.get("reports")) {
            if (r.get("kind").asText().equals(kind)) {
                return r;
            }
        }
        throw new AssertionError(kind + " not in " + schedule);
    }

    /** Field pointer to rule, from a problem+json answer. */
    static Map<String, String> errors(HttpResponse<String> r) {
        Map<String, String> out = new TreeMap<>();
        TestServer.json(r).path("errors").forEach(e -> out.putIfAbsent(e.get("field").asText(), e.get("detail").asText()));
        return out;
    }

    @Test
    void the_schedule_names_each_owed_report_its_party_recipient_clock_basis_and_status_as_of_the_time_asked() {
        HttpResponse<String> r = server.get("/v1/incidents/inc-ny/reports?asOf=2026-12-01T12:00:00Z", server.token(Role.INVESTIGATOR));

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode s = TestServer.json(r);
        assertThat(s.get("incident").asText()).isEqualTo("inc-ny");
        assertThat(s.get("zone").asText()).isEqualTo("America/New_York");
        JsonNode toFda = report(s, "user-facility-death-to-fda");
        assertThat(toFda.get("regime").asText()).isEqualTo("us-fda-803");
        assertThat(toFda.get("reporter").asText()).isEqualTo("user-facility");
        assertThat(toFda.get("owedBy").asText()).isEqualTo("mercy-ny");
        assertThat(toFda.get("recipient").asText()).isEqualTo("fda");
        assertThat(toFda.get("limit").asText()).isEqualTo("10 work days");
        assertThat(toFda.get("lastDay").asText()).isEqualTo("2026-12-03");
        assertThat(toFda.get("dueBy").asText()).isEqualTo("2026-12-04T05:00:00Z");
        assertThat(toFda.get("basis").asText()).isEqualTo("21 CFR 803.10(a)(1)(i), 803.30(a)(1)");
        assertThat(toFda.get("status").asText()).isEqualTo("due");
        assertThat(toFda.get("timeLeftSeconds").asLong()).isEqualTo(2 * 86400 + 17 * 3600);
        assertThat(report(s, "manufacturer-30-day").get("owedBy").asText()).isEqualTo("acme");
        assertThat(s.get("reports")).hasSize(3);

        JsonNode later = TestServer.json(server.get("/v1/incidents/inc-ny/reports?asOf=2026-12-05T00:00:00Z", server.admin));
        assertThat(report(later, "user-facility-death-to-fda").get("status").asText()).isEqualTo("overdue");
        assertThat(report(later, "user-facility-death-to-fda").get("timeLeftSeconds").asLong()).isNegative();
    }

    @Test
    void without_as_of_the_schedule_is_computed_for_the_servers_clock() {
        JsonNode s = TestServer.json(server.get("/v1/incidents/inc-de/reports", server.admin));

        assertThat(s.get("asOf").asText()).isEqualTo(TestServer.NOW.toString());
        JsonNode mdr = report(s, "serious-incident-to-competent-authority");
        assertThat(mdr.get("to").asText()).isEqualTo("the competent authority for medical devices of DE");
        assertThat(mdr.get("owedBy").asText()).isEqualTo("globex");
        assertThat(mdr.get("limit").asText()).isEqualTo("15 days");
        assertThat(mdr.get("lastDay").asText()).isEqualTo("2026-12-05");
        assertThat(mdr.get("basis").asText()).isEqualTo("MDR Art. 87(1)(a), 87(3)");
        assertThat(s.get("reports")).hasSize(1);
        assertThat(s.get("notOwed").toString()).contains("EU AI Act").contains("2028-08-02");
    }

    @Test
    void filing_a_report_writes_a_ledger_entry_and_moves_it_to_filed_then_followed_up() {
        String investigator = server.token(Role.INVESTIGATOR);
        HttpResponse<String> first = server.post("/v1/incidents/inc-ny/reports?proof=true", investigator,
                filing("user-facility-death-to-manufacturer", "initial", "2026-11-20T16:00:00Z", "MW-ACME-1"));

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        JsonNode filed = TestServer.json(first);
        long index = filed.get("index").asLong();
        assertThat(filed.get("filing").get("reference").asText()).isEqualTo("MW-ACME-1");
        assertThat(filed.get("report").get("status").asText()).isEqualTo("filed");
        assertThat(filed.get("report").get("late").asBoolean()).isFalse();
        assertThat(filed.get("checkpoint").asText()).startsWith("onus.local/default\n");
        JsonNode entry = TestServer.json(server.get("/v1/ledger/entries/" + index, server.admin));
        assertThat(entry.get("type").asText()).isEqualTo("report.filing");
        assertThat(entry.get("json").get("data").get("kind").asText()).isEqualTo("user-facility-death-to-manufacturer");

        HttpResponse<String> followUp = server.post("/v1/incidents/inc-ny/reports", investigator,
                filing("user-facility-death-to-manufacturer", "follow-up", "2026-11-24T16:00:00Z", "MW-ACME-1-S1"));
        assertThat(followUp.statusCode()).as(followUp.body()).isEqualTo(201);
        JsonNode s = TestServer.json(server.get("/v1/incidents/inc-ny/reports", investigator));
        assertThat(report(s, "user-facility-death-to-manufacturer").get("status").asText()).isEqualTo("followed-up");
        assertThat(report(s, "user-facility-death-to-manufacturer").get("filings")).hasSize(2);
        JsonNode before = TestServer.json(server.get("/v1/incidents/inc-ny/reports?asOf=2026-11-22T00:00:00Z", investigator));
        assertThat(report(before, "user-facility-death-to-manufacturer").get("status").asText()).isEqualTo("filed");
    }

    @Test
    void the_same_filing_again_answers_its_index_and_another_initial_filing_of_the_same_report_is_409() {
        String body = filing("manufacturer-30-day", "initial", "2026-11-25T09:00:00Z", "MW-30");
        HttpResponse<String> a = server.post("/v1/incidents/inc-ny/reports", server.admin, body);
        HttpResponse<String> b = server.post("/v1/incidents/inc-ny/reports", server.admin, body);
        HttpResponse<String> c = server.post("/v1/incidents/inc-ny/reports", server.admin,
                filing("manufacturer-30-day", "initial", "2026-11-25T09:30:00Z", "MW-31"));

        assertThat(a.statusCode()).isEqualTo(201);
        assertThat(TestServer.json(b).get("index")).isEqualTo(TestServer.json(a).get("index"));
        assertThat(c.statusCode()).isEqualTo(409);
        assertThat(c.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
    }

    @Test
    void bad_filings_are_problems_naming_each_field_by_pointer_and_write_nothing() {
        long size = server.defaultLog().size();

        HttpResponse<String> empty = server.post("/v1/incidents/inc-ny/reports", server.admin, "{}");
        HttpResponse<String> wrong = server.post("/v1/incidents/inc-ny/reports", server.admin,
                "{\"regime\":\"eu-mdr\",\"kind\":\"manufacturer-30-day\",\"stage\":\"initial\",\"filedAt\":\"2026-11-18\","
                        + "\"reference\":\"r\",\"by\":\"acme\",\"note\":\"x\"}");
        HttpResponse<String> notOwed = server.post("/v1/incidents/inc-ny/reports", server.admin,
                filing("manufacturer-5-day", "initial", "2026-11-20T00:00:00Z", "r"));
        HttpResponse<String> early = server.post("/v1/incidents/inc-ny/reports", server.admin,
                filing("user-facility-death-to-fda", "initial", "2026-11-18T14:00:00Z", "r"));
        HttpResponse<String> orphan = server.post("/v1/incidents/inc-ny/reports", server.admin,
                filing("user-facility-death-to-fda", "follow-up", "2026-11-20T00:00:00Z", "r"));
        HttpResponse<String> malformed = server.post("/v1/incidents/inc-ny/reports", server.admin, "{\"regime\":");
        HttpResponse<String> badAsOf = server.get("/v1/incidents/inc-ny/reports?asOf=tomorrow", server.admin);

        assertThat(empty.statusCode()).isEqualTo(422);
        assertThat(empty.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        assertThat(errors(empty).keySet()).containsExactly("/by", "/filedAt", "/kind", "/reference", "/regime", "/stage");
        assertThat(errors(empty)).containsEntry("/regime", "is required");
        assertThat(errors(wrong)).containsEntry("/kind", "is a report of regime us-fda-803, not eu-mdr")
                .containsEntry("/note", "is not a known field here").containsKey("/filedAt");
        assertThat(errors(notOwed).get("/kind")).startsWith("is not owed for incident inc-ny");
        assertThat(errors(early).get("/filedAt")).startsWith("is before 2026-11-18T15:00:00Z");
        assertThat(errors(orphan).get("/stage")).contains("record the initial report first");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(malformed).get("type").asText()).endsWith("malformed-json");
        assertThat(badAsOf.statusCode()).isEqualTo(400);
        assertThat(errors(badAsOf)).containsKey("asOf");
        assertThat(server.defaultLog().size()).isEqualTo(size);
    }

    @Test
    void the_documented_filing_schema_requires_exactly_what_the_server_requires() {
        JsonNode doc = TestServer.json(server.get("/openapi.json", null));
        JsonNode schema = doc.get("components").get("schemas").get("ReportFiling");
        TreeSet<String> required = new TreeSet<>();
        schema.get("required").forEach(n -> required.add("/" + n.asText()));
        TreeSet<String> properties = new TreeSet<>();
        schema.get("properties").fieldNames().forEachRemaining(n -> properties.add("/" + n));

        assertThat(errors(server.post("/v1/incidents/inc-ny/reports", server.admin, "{}")).keySet()).isEqualTo(required);
        assertThat(properties).isEqualTo(required);
        assertThat(doc.get("paths").get("/v1/incidents/{id}/reports").get("post").get("requestBody").get("content")
                .get("application/json").get("schema").get("$ref").asText()).isEqualTo("#/components/schemas/ReportFiling");
    }

    @Test
    void an_unknown_incident_is_404_and_so_is_one_of_another_tenant() {
        HttpResponse<String> unknown = server.get("/v1/incidents/inc-nope/reports", server.admin);
        HttpResponse<String> otherTenant = server.get("/v1/incidents/inc-ny/reports", server.token("st-lukes", Role.ADMIN));
        HttpResponse<String> postUnknown = server.post("/v1/incidents/inc-nope/reports", server.admin,
                filing("manufacturer-30-day", "initial", "2026-11-20T00:00:00Z", "r"));

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(TestServer.json(unknown).get("type").asText()).endsWith("incident-not-found");
        assertThat(otherTenant.statusCode()).isEqualTo(404);
        assertThat(postUnknown.statusCode()).isEqualTo(404);
    }

    @Test
    void roles_decide_who_reads_and_who_records_filings() {
        String body = filing("manufacturer-30-day", "follow-up", "2026-11-20T00:00:00Z", "r");

        assertThat(server.get("/v1/incidents/inc-ny/reports", null).statusCode()).isEqualTo(401);
        assertThat(server.get("/v1/incidents/inc-ny/reports", server.token(Role.AUDITOR)).statusCode()).isEqualTo(200);
        assertThat(server.post("/v1/incidents/inc-ny/reports", server.token(Role.AUDITOR), body).statusCode()).isEqualTo(403);
        assertThat(server.get("/v1/incidents/inc-ny/reports", server.token(Role.INTEGRATION)).statusCode()).isEqualTo(403);
        assertThat(server.post("/v1/incidents/inc-ny/reports", server.token(Role.GOVERNANCE), body).statusCode()).isEqualTo(403);
    }

    @Test
    void a_vendor_sees_only_its_own_products_incidents_and_records_only_the_manufacturers_reports() {
        String acme = server.onus.tokens().issue(Onus.DEFAULT_TENANT, Role.VENDOR, "acme", "test", "acme").secret();

        assertThat(server.get("/v1/incidents/inc-ny/reports", acme).statusCode()).isEqualTo(200);
        assertThat(server.get("/v1/incidents/inc-de/reports", acme).statusCode()).as("globex's product").isEqualTo(404);
        HttpResponse<String> facility = server.post("/v1/incidents/inc-ny/reports", acme,
                filing("user-facility-death-to-fda", "initial", "2026-11-20T00:00:00Z", "r"));
        assertThat(facility.statusCode()).isEqualTo(403);
        assertThat(TestServer.json(facility).get("detail").asText()).contains("owed by the user-facility");
        HttpResponse<String> own = server.post("/v1/incidents/inc-ny/reports", acme,
                "{\"regime\":\"us-fda-803\",\"kind\":\"manufacturer-30-day\",\"stage\":\"initial\",\"filedAt\":\"2026-11-25T09:00:00Z\","
                        + "\"reference\":\"MW-30\",\"by\":\"mercy-ny\"}");
        assertThat(own.statusCode()).as(own.body()).isEqualTo(201);
    }
}
