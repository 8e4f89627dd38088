package org.onus.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onus.http.RecordingFixtures.action;
import static org.onus.http.RecordingFixtures.created;
import static org.onus.http.RecordingFixtures.decision;
import static org.onus.http.RecordingFixtures.errorFields;
import static org.onus.http.RecordingFixtures.ok;
import static org.onus.http.RecordingFixtures.post;
import static org.onus.http.RecordingFixtures.problemType;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onus.auth.Role;
import org.onus.ledger.Entries;

/** Incidents over HTTP: filing, idempotency, bad input, roles, closure, logged reads, and reconstruction as of the decision's moment. */
class IncidentApiTest {

    @TempDir
    static Path dataDir;
    static TestServer server;
    static String admin;
    static String integration;
    static String investigator;

    @BeforeAll
    static void start() {
        server = TestServer.start(dataDir);
        admin = server.admin;
        integration = server.token(Role.INTEGRATION);
        investigator = server.token(Role.INVESTIGATOR);
        RecordingFixtures.registerWorld(server, admin);
        created(server, "/v1/parties", admin, "{'id':'pso','kind':'clinician','name':'R Patel','role':'patient-safety officer','affiliation':'st-mary'}");
        created(server, "/v1/decisions", integration, decision("inc-dec-1", "MRN-INC", "2026-03-01T10:00:00Z"));
        created(server, "/v1/actions", integration, action("inc-act-1", "inc-dec-1", "dr-lee"));
        created(server, "/v1/decisions", integration, decision("inc-dec-other", "MRN-OTHER", "2026-03-01T10:00:00Z"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String incident(String id, String decisions) {
        return "{'id':'" + id + "','kind':'harm','occurredAt':'2026-03-01T18:00:00Z','awareAt':'2026-03-02T08:00:00Z',"
                + "'site':'st-mary','unit':'ed','patient':{'id':'MRN-INC'},'severity':{'scale':'ahrq-harm','value':'severe-harm'},"
                + "'seriousInjury':true,'decisions':" + decisions + ",'narrative':'septic shock at 18:00','reporter':'pso'}";
    }

    @Test
    void an_incident_is_filed_once_and_the_same_filing_again_answers_the_same_index() {
        long index = created(server, "/v1/incidents", investigator, incident("inc-a", "['inc-dec-1']")).get("index").asLong();
        long size = server.defaultLog().size();

        long again = created(server, "/v1/incidents", investigator, incident("inc-a", "['inc-dec-1']")).get("index").asLong();
        HttpResponse<String> changed = post(server, "/v1/incidents", investigator, incident("inc-a", "['inc-dec-1']").replace("severe-harm", "mild-harm"));

        assertThat(again).isEqualTo(index);
        assertThat(server.defaultLog().size()).isEqualTo(size);
        assertThat(changed.statusCode()).isEqualTo(409);
        assertThat(problemType(changed)).endsWith("duplicate-key");
        JsonNode entry = Entries.parse(server.defaultLog().entry(index).orElseThrow().bytes());
        assertThat(entry.get("type").asText()).isEqualTo("incident");
        assertThat(entry.get("data").get("patient").asText()).as("stored as a pseudonym").isNotEqualTo("MRN-INC");
        assertThat(entry.get("data").get("narrative").has("sealed")).as("the narrative is sealed").isTrue();
    }

    @Test
    void a_bad_filing_is_422_naming_every_field_and_writes_nothing() {
        long size = server.defaultLog().size();
        String bad = "{'id':'inc-bad','kind':'accident','occurredAt':'2026-03-02T00:00:00Z','awareAt':'2026-03-01T00:00:00Z',"
                + "'site':'st-mary','patient':{'id':'MRN-INC'},'severity':{'scale':'ncc-merp','value':'Z'},'decisions':['nope'],"
                + "'narrative':'x','reporter':'pso'}";

        HttpResponse<String> r = post(server, "/v1/incidents", investigator, bad);

        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        assertThat(errorFields(r)).contains("/kind", "/awareAt", "/severity/value");
        assertThat(server.defaultLog().size()).isEqualTo(size);
    }

    @Test
    void decisions_must_be_recorded_and_of_the_incident_s_patient() {
        HttpResponse<String> r = post(server, "/v1/incidents", investigator, incident("inc-refs", "['no-such-decision','inc-dec-other']"));

        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(errorFields(r)).containsExactly("/decisions/0", "/decisions/1");
        assertThat(r.body()).contains("not recorded").contains("another patient");
    }

    @Test
    void only_tokens_that_may_record_incidents_file_them_and_only_those_that_read_incidents_read_them() {
        assertThat(post(server, "/v1/incidents", integration, incident("inc-role", "[]")).statusCode()).isEqualTo(403);
        assertThat(TestServer.json(server.get("/v1/incidents", server.token(Role.VENDOR))).get("incidents")).as("a vendor bound to no maker").isEmpty();
        assertThat(server.get("/v1/incidents", server.token(Role.AUDITOR)).statusCode()).isEqualTo(403);
        assertThat(server.get("/v1/incidents/none", null).statusCode()).isEqualTo(401);
    }

    @Test
    void an_unknown_incident_is_404_record_not_found() {
        HttpResponse<String> r = server.get("/v1/incidents/no-such-incident/investigation", investigator);

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(problemType(r)).endsWith("record-not-found");
    }

    @Test
    void reading_an_incident_opens_its_narrative_for_an_investigator_and_is_logged_first() {
        created(server, "/v1/incidents", investigator, incident("inc-read", "['inc-dec-1']"));
        long size = server.defaultLog().size();

        JsonNode state = ok(server, "/v1/incidents/inc-read", investigator);

        assertThat(state.get("filing").get("value").get("narrative").asText()).isEqualTo("septic shock at 18:00");
        assertThat(server.defaultLog().size()).isEqualTo(size + 1);
        JsonNode access = Entries.parse(server.defaultLog().entry(size).orElseThrow().bytes());
        assertThat(access.get("type").asText()).isEqualTo("access");
        assertThat(access.get("data").get("query").asText()).isEqualTo("incident");
        assertThat(access.get("data").get("subject").asText()).isEqualTo("inc-read");
    }

    @Test
    void listing_incidents_is_logged_too() {
        created(server, "/v1/incidents", investigator, incident("inc-list", "['inc-dec-1']"));
        long size = server.defaultLog().size();

        JsonNode list = ok(server, "/v1/incidents", investigator);

        assertThat(list.get("incidents")).anyMatch(i -> i.get("id").asText().equals("inc-list"));
        JsonNode access = Entries.parse(server.defaultLog().entry(size).orElseThrow().bytes());
        assertThat(access.get("type").asText()).isEqualTo("access");
        assertThat(access.get("data").get("query").asText()).isEqualTo("incident-list");
    }

    @Test
    void information_amends_the_regulatory_facts_and_a_closed_incident_takes_nothing_more() {
        created(server, "/v1/incidents", investigator, incident("inc-close", "['inc-dec-1']"));
        created(server, "/v1/incidents/inc-close/information", investigator, "{'death':true,'severity':{'scale':'ahrq-harm','value':'death'},"
                + "'narrative':'the patient died on day 3','reporter':'pso'}");
        long closed = created(server, "/v1/incidents/inc-close/closure", investigator,
                "{'closedAt':'2026-04-01T00:00:00Z','investigator':'pso','conclusion':'see findings'}").get("index").asLong();

        JsonNode state = ok(server, "/v1/incidents/inc-close", investigator);
        long again = created(server, "/v1/incidents/inc-close/closure", investigator,
                "{'closedAt':'2026-04-01T00:00:00Z','investigator':'pso','conclusion':'see findings'}").get("index").asLong();
        HttpResponse<String> late = post(server, "/v1/incidents/inc-close/determinations", investigator,
                "{'kind':'ai-correct','decision':'inc-dec-1','value':true,'investigator':'pso','rationale':'r'}");

        assertThat(state.get("facts").get("death").asBoolean()).isTrue();
        assertThat(state.get("severity").get("value").asText()).isEqualTo("death");
        assertThat(state.get("closure").get("index").asLong()).isEqualTo(closed);
        assertThat(again).isEqualTo(closed);
        assertThat(late.statusCode()).isEqualTo(422);
        assertThat(late.body()).contains("was closed");
    }

    @Test
    void a_determination_about_a_decision_must_name_it_and_its_investigator_must_be_registered() {
        created(server, "/v1/incidents", investigator, incident("inc-det", "['inc-dec-1']"));

        HttpResponse<String> r = post(server, "/v1/incidents/inc-det/determinations", investigator,
                "{'kind':'ai-standard-of-care','value':true,'investigator':'nobody','rationale':'r'}");

        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(errorFields(r)).contains("/decision");
        HttpResponse<String> unknown = post(server, "/v1/incidents/inc-det/determinations", investigator,
                "{'kind':'ai-standard-of-care','decision':'inc-dec-1','value':true,'investigator':'nobody','rationale':'r'}");
        assertThat(errorFields(unknown)).containsExactly("/investigator");
    }

    @Test
    void the_reconstruction_shows_the_authorization_as_it_stood_at_the_decision_not_a_revocation_recorded_later() {
        created(server, "/v1/authorizations", admin, RecordingFixtures.authorization("auth-later", "['icu']", "{'ageMin':18}"));
        created(server, "/v1/decisions", integration, "{'id':'inc-dec-icu','eventTime':'2026-03-01T11:00:00Z','authorization':'auth-later',"
                + "'site':'st-mary','unit':'icu','reportedVersion':'1.0','artifactDigest':'" + RecordingFixtures.DIGEST + "',"
                + "'patient':{'id':'MRN-INC','age':54},'output':{'kind':'score','score':0.2},'shownTo':['dr-lee']}");
        created(server, "/v1/authorizations/auth-later/revocations", admin, "{'effectiveAt':'2026-06-01T00:00:00Z','reason':'superseded'}");
        created(server, "/v1/incidents", investigator, incident("inc-asof", "['inc-dec-icu']"));

        JsonNode r = ok(server, "/v1/incidents/inc-asof/reconstruction", investigator);

        JsonNode d = r.get("decisions").get(0);
        assertThat(d.get("authorization").get("record").get("id").asText()).isEqualTo("auth-later");
        assertThat(d.get("authorization").get("revoked").asBoolean()).as("revoked only from June").isFalse();
        assertThat(d.get("version").get("record").get("artifactDigest").asText()).isEqualTo(RecordingFixtures.DIGEST);
        assertThat(d.get("clinicians").has("dr-lee")).isTrue();
    }

    @Test
    void without_linked_decisions_the_patient_s_decisions_in_the_window_before_it_are_proposed() {
        created(server, "/v1/incidents", investigator, incident("inc-propose", "[]"));

        JsonNode r = ok(server, "/v1/incidents/inc-propose/reconstruction", investigator);
        JsonNode inv = ok(server, "/v1/incidents/inc-propose/investigation", investigator);

        assertThat(r.get("decisionsProposed").asBoolean()).isTrue();
        assertThat(r.get("decisions")).anyMatch(d -> d.get("id").asText().equals("inc-dec-1"));
        assertThat(r.get("decisions")).noneMatch(d -> d.get("id").asText().equals("inc-dec-other"));
        assertThat(inv.get("decisionsProposed").asBoolean()).isTrue();
    }

    @Test
    void an_alert_monitoring_raised_on_the_deployment_and_left_unanswered_implicates_the_deployer() throws Exception {
        created(server, "/v1/decisions", integration, decision("inc-dec-alerted", "MRN-ALERT", "2026-03-20T10:00:00Z"));
        com.fasterxml.jackson.databind.node.ObjectNode alert = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        alert.put("id", "alert-test-1").put("deployment", "auth-1").put("site", "st-mary").put("rule", "sensitivity-below-floor")
                .put("postMarketSignal", true).put("respondBy", "2026-03-12T10:00:00Z");
        alert.putArray("addressees").addObject().put("party", "committee").put("as", "deployer-responsible");
        long at = java.time.Instant.parse("2026-03-10T10:00:00Z").toEpochMilli();
        long index = server.defaultLog().append(Entries.draft("alert", java.time.Instant.ofEpochMilli(at), "onus", alert).withLookups(List.of(
                new org.onus.ledger.EntryDraft.Lookup("deployment", "auth-1", at), new org.onus.ledger.EntryDraft.Lookup("alert", "alert-test-1", at))))
                .get();
        created(server, "/v1/incidents", investigator, "{'id':'inc-alert','kind':'harm','occurredAt':'2026-03-20T18:00:00Z',"
                + "'awareAt':'2026-03-21T08:00:00Z','site':'st-mary','patient':{'id':'MRN-ALERT'},"
                + "'severity':{'scale':'ahrq-harm','value':'moderate-harm'},'decisions':['inc-dec-alerted'],'narrative':'n','reporter':'pso'}");

        JsonNode inv = ok(server, "/v1/incidents/inc-alert/investigation", investigator);

        assertThat(inv.get("findings")).anySatisfy(f -> {
            assertThat(f.get("rule").asText()).isEqualTo("MONITOR-ALERT-NOT-ACTED");
            assertThat(f.get("verdict").asText()).isEqualTo("IMPLICATED");
            assertThat(f.get("partyRole").asText()).isEqualTo("deployer");
            assertThat(f.get("evidence")).anyMatch(e -> e.asLong() == index);
        });
        assertThat(inv.get("findings")).anySatisfy(f -> {
            assertThat(f.get("rule").asText()).isEqualTo("MONITOR-ALERT-NOT-ACTED");
            assertThat(f.get("partyRole").asText()).isEqualTo("manufacturer");
            assertThat(f.get("verdict").asText()).isEqualTo("IMPLICATED");
        });
    }

    @Test
    void the_regulatory_clocks_read_the_recorded_incident_and_its_reports_feed_the_reporting_rule() {
        created(server, "/v1/incidents", investigator, incident("inc-clock", "['inc-dec-1']"));

        JsonNode reports = ok(server, "/v1/incidents/inc-clock/reports", investigator);
        JsonNode inv = ok(server, "/v1/incidents/inc-clock/investigation", investigator);

        assertThat(reports.get("reports")).isNotEmpty();
        assertThat(inv.get("findings")).anySatisfy(f -> {
            assertThat(f.get("rule").asText()).isEqualTo("REPORT-LATE-OR-MISSING");
            assertThat(f.get("verdict").asText()).isEqualTo("IMPLICATED");
            assertThat(f.get("because").asText()).contains("overdue");
        });
    }

    @Test
    void the_rule_catalogue_is_served_to_anyone_who_reads_the_registry() {
        JsonNode rules = ok(server, "/v1/rules", server.token(Role.AUDITOR));

        assertThat(rules.get("rules")).hasSize(20);
        assertThat(rules.get("rules").get(0).get("id").asText()).isEqualTo("DEPLOY-UNAUTHORIZED-VERSION");
    }
}
