package org.onus.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onus.http.RecordingFixtures.authorization;
import static org.onus.http.RecordingFixtures.created;
import static org.onus.http.RecordingFixtures.errorFields;
import static org.onus.http.RecordingFixtures.ok;
import static org.onus.http.RecordingFixtures.post;
import static org.onus.http.RecordingFixtures.problemType;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry over HTTP: every kind of record, as-of reads, amendments, revocations, corrections and bad references. */
class RegistryApiTest {

    @TempDir
    static Path dataDir;
    static TestServer server;
    static String admin;

    @BeforeAll
    static void start() {
        server = TestServer.start(dataDir);
        admin = server.admin;
        RecordingFixtures.registerWorld(server, admin);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void every_kind_of_registry_record_is_written_with_its_ledger_index_and_reads_back_as_recorded() {
        long before = RecordingFixtures.logSize(server);
        JsonNode party = created(server, "/v1/parties", admin, "{'id':'lab-co','kind':'data-provider','name':'Lab Co'}");
        JsonNode system = created(server, "/v1/ai-systems", admin, "{'id':'mammo','name':'Mammo Read','manufacturer':'acme',"
                + "'medicalDevice':true,'aiActRiskClass':'high','clearanceIds':['K123456']}");
        JsonNode version = created(server, "/v1/ai-systems/mammo/versions", admin, "{'version':'3.1','artifactDigest':'sha256:"
                + "c".repeat(64) + "','releasedAt':'2026-01-01T00:00:00Z','card':" + RecordingFixtures.CARD + "}");
        JsonNode validation = created(server, "/v1/local-validations", admin, "{'id':'lv-1','site':'st-mary','system':'sepsis',"
                + "'version':'1.0','periodStart':'2026-01-05T00:00:00Z','periodEnd':'2026-01-25T00:00:00Z',"
                + "'figures':[{'metric':'sensitivity','value':0.81,'ciLow':0.74,'ciHigh':0.87,'n':150}],'conclusion':'fit for ED use'}");
        JsonNode notice = created(server, "/v1/notices", admin, "{'id':'fsn-1','manufacturer':'acme','system':'sepsis','versions':['1.0'],"
                + "'kind':'field-safety-notice','issuedAt':'2026-05-01T00:00:00Z','summary':'scores drift for dialysis patients',"
                + "'correctiveAction':'install 1.0.1','applyBy':'2026-06-01T00:00:00Z','failureModes':['dialysis']}");
        JsonNode receipt = created(server, "/v1/notice-receipts", admin, "{'notice':'fsn-1','deployer':'st-mary',"
                + "'receivedAt':'2026-05-02T00:00:00Z','appliedAt':'2026-05-20T00:00:00Z'}");

        List<Long> indexes = new ArrayList<>();
        for (JsonNode w : List.of(party, system, version, validation, notice, receipt)) {
            indexes.add(w.get("index").asLong());
        }
        assertThat(indexes).containsExactly(before, before + 1, before + 2, before + 3, before + 4, before + 5);
        assertThat(version.get("id").asText()).isEqualTo("mammo@3.1");
        assertThat(version.get("record").get("system").asText()).isEqualTo("mammo");
        assertThat(version.get("effectiveAt").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(receipt.get("id").asText()).isEqualTo("fsn-1/st-mary");

        assertThat(ok(server, "/v1/parties/lab-co", admin).get("record").get("kind").asText()).isEqualTo("data-provider");
        assertThat(ok(server, "/v1/ai-systems/mammo", admin).get("record").get("clearanceIds").get(0).asText()).isEqualTo("K123456");
        assertThat(ok(server, "/v1/ai-systems/mammo/versions/3.1", admin).get("record").get("card").get("output").get("kind").asText())
                .isEqualTo("score");
        assertThat(ok(server, "/v1/local-validations/lv-1", admin).get("index").asLong()).isEqualTo(before + 3);
        assertThat(ok(server, "/v1/notices/fsn-1", admin).get("record").get("correctiveAction").asText()).isEqualTo("install 1.0.1");
        String receiptId = URLEncoder.encode("fsn-1/st-mary", StandardCharsets.UTF_8);
        assertThat(ok(server, "/v1/notice-receipts/" + receiptId, admin).get("record").get("appliedAt").asText())
                .isEqualTo("2026-05-20T00:00:00Z");
    }

    @Test
    void a_write_answers_where_the_record_lives() {
        HttpResponse<String> r = post(server, "/v1/parties", admin, "{'id':'where-co','kind':'manufacturer','name':'Where Co'}");

        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.headers().firstValue("Location")).hasValue("/v1/parties/where-co");
    }

    @Test
    void an_authorization_wider_than_the_card_is_accepted_and_says_how_it_widens_it() {
        JsonNode w = created(server, "/v1/authorizations", admin, authorization("auth-peds", "['ed']", "{'ageMin':12}"));

        assertThat(w.get("record").get("widensCard")).extracting(JsonNode::asText)
                .containsExactly("version 1.0: ages below 18 (card: 18-)");
        assertThat(ok(server, "/v1/authorizations/auth-peds", admin).get("record").get("widensCard")).hasSize(1);
        assertThat(ok(server, "/v1/authorizations/auth-1", admin).get("record").has("widensCard")).isFalse();
    }

    @Test
    void an_amendment_takes_effect_from_its_effective_time_and_as_of_reads_answer_the_revision_in_force_then() {
        long first = created(server, "/v1/authorizations", admin, authorization("auth-amend", "['ed']", "{'ageMin':18}")).get("index").asLong();
        JsonNode amended = created(server, "/v1/authorizations?effectiveAt=2026-04-01T00:00:00Z&reason=extended%20to%20ICU", admin,
                authorization("auth-amend", "['ed','icu']", "{'ageMin':18}"));
        assertThat(amended.get("effectiveAt").asText()).isEqualTo("2026-04-01T00:00:00Z");

        JsonNode march = ok(server, "/v1/authorizations/auth-amend?asOf=2026-03-01T00:00:00Z", admin);
        JsonNode may = ok(server, "/v1/authorizations/auth-amend?asOf=2026-05-01T00:00:00Z", admin);
        JsonNode history = ok(server, "/v1/authorizations/auth-amend/history", admin);

        assertThat(march.get("index").asLong()).isEqualTo(first);
        assertThat(march.get("record").get("units")).extracting(JsonNode::asText).containsExactly("ed");
        assertThat(may.get("index").asLong()).isEqualTo(amended.get("index").asLong());
        assertThat(may.get("record").get("units")).extracting(JsonNode::asText).containsExactly("ed", "icu");
        assertThat(history.get("revisions")).extracting(r -> r.get("index").asLong())
                .containsExactly(first, amended.get("index").asLong());
    }

    @Test
    void a_record_read_as_of_a_time_before_it_was_in_force_is_404_record_not_in_force() {
        HttpResponse<String> r = server.get("/v1/authorizations/auth-1?asOf=2026-01-15T00:00:00Z", admin);

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(problemType(r)).endsWith("/record-not-in-force");
        assertThat(server.get("/v1/authorizations/no-such-auth", admin).statusCode()).isEqualTo(404);
        assertThat(problemType(server.get("/v1/authorizations/no-such-auth", admin))).endsWith("/record-not-found");
    }

    @Test
    void a_revocation_ends_the_authorization_from_its_effective_time_and_leaves_earlier_reads_unchanged() {
        created(server, "/v1/authorizations", admin, authorization("auth-revoke", "['ed']", "{'ageMin':18}"));

        JsonNode revoked = created(server, "/v1/authorizations/auth-revoke/revocations", admin,
                "{'effectiveAt':'2026-06-01T00:00:00Z','reason':'vendor recall'}");

        assertThat(revoked.get("revoked").asBoolean()).isTrue();
        assertThat(ok(server, "/v1/authorizations/auth-revoke?asOf=2026-05-31T00:00:00Z", admin).has("revoked")).isFalse();
        JsonNode after = ok(server, "/v1/authorizations/auth-revoke?asOf=2026-06-02T00:00:00Z", admin);
        assertThat(after.get("revoked").asBoolean()).isTrue();
        assertThat(after.get("reason").asText()).isEqualTo("vendor recall");
        assertThat(ok(server, "/v1/authorizations/auth-revoke/history", admin).get("revisions")).hasSize(2);
    }

    @Test
    void revoking_an_unknown_authorization_is_404_and_a_revocation_without_a_reason_is_422() {
        assertThat(post(server, "/v1/authorizations/nope/revocations", admin, "{'effectiveAt':'2026-06-01T00:00:00Z','reason':'x'}")
                .statusCode()).isEqualTo(404);
        HttpResponse<String> r = post(server, "/v1/authorizations/auth-1/revocations", admin, "{'effectiveAt':'2026-06-01T00:00:00'}");
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(errorFields(r)).containsExactlyInAnyOrder("/effectiveAt", "/reason");
    }

    @Test
    void a_correction_replaces_the_revision_it_names_while_both_stay_in_the_history() {
        long wrong = created(server, "/v1/authorizations", admin, authorization("auth-fix", "['icu']", "{'ageMin':18}")).get("index").asLong();

        JsonNode fixed = created(server, "/v1/authorizations?corrects=" + wrong + "&effectiveAt=2026-02-01T00:00:00Z&reason=typo%20in%20units",
                admin, authorization("auth-fix", "['ed']", "{'ageMin':18}"));

        JsonNode now = ok(server, "/v1/authorizations/auth-fix?asOf=2026-03-01T00:00:00Z", admin);
        assertThat(now.get("index").asLong()).isEqualTo(fixed.get("index").asLong());
        assertThat(now.get("corrects").asLong()).isEqualTo(wrong);
        assertThat(now.get("record").get("units")).extracting(JsonNode::asText).containsExactly("ed");
        assertThat(ok(server, "/v1/authorizations/auth-fix/history", admin).get("revisions")).extracting(r -> r.get("index").asLong())
                .containsExactly(wrong, fixed.get("index").asLong());
        HttpResponse<String> bad = post(server, "/v1/authorizations?corrects=3", admin, authorization("auth-fix", "['ed']", "{}"));
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(TestServer.json(bad).get("errors").get(0).get("in").asText()).isEqualTo("query");
    }

    @Test
    void unknown_references_are_refused_with_422_naming_each_field_by_json_pointer_and_nothing_is_written() {
        long before = RecordingFixtures.logSize(server);

        HttpResponse<String> r = post(server, "/v1/authorizations", admin,
                authorization("auth-bad", "['ward-9']", "{}").replace("'1.0'", "'9.9'").replace("'committee'", "'nobody'"));
        HttpResponse<String> receipt = post(server, "/v1/notice-receipts", admin,
                "{'notice':'no-notice','deployer':'acme','receivedAt':'2026-05-02T00:00:00Z'}");

        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        assertThat(errorFields(r)).containsExactlyInAnyOrder("/versions/0", "/units/0", "/authorizedBy/party");
        assertThat(receipt.statusCode()).isEqualTo(422);
        assertThat(errorFields(receipt)).containsExactlyInAnyOrder("/notice", "/deployer");
        assertThat(RecordingFixtures.logSize(server)).isEqualTo(before);
        assertThat(server.get("/v1/authorizations/auth-bad", admin).statusCode()).isEqualTo(404);
    }

    @Test
    void a_version_posted_under_one_system_may_not_name_another() {
        HttpResponse<String> r = post(server, "/v1/ai-systems/sepsis/versions", admin, "{'system':'triage','version':'9','artifactDigest':'"
                + RecordingFixtures.DIGEST + "','card':" + RecordingFixtures.CARD + "}");

        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(errorFields(r)).containsExactly("/system");
    }

    @Test
    void a_list_answers_every_record_of_the_kind_in_force_at_as_of() {
        JsonNode all = ok(server, "/v1/ai-systems", admin);
        JsonNode auths = ok(server, "/v1/authorizations?asOf=2026-01-15T00:00:00Z", admin);

        assertThat(all.get("ai-systems")).extracting(r -> r.get("id").asText()).contains("sepsis", "triage");
        assertThat(auths.get("authorizations")).isEmpty();
        assertThat(ok(server, "/v1/authorizations?asOf=2026-03-01T00:00:00Z", admin).get("authorizations"))
                .extracting(r -> r.get("id").asText()).contains("auth-1", "auth-2");
        assertThat(server.get("/v1/ai-systems?asOf=yesterday", admin).statusCode()).isEqualTo(400);
    }

    @Test
    void reads_without_as_of_answer_as_of_the_servers_clock_not_the_wall_clock(@TempDir Path elsewhere) {
        // Regression: RegistryRoutes read "now" from Instant.now(), so a server whose clock is ahead
        // of the wall clock could not see the records it had just written.
        Instant future = Instant.parse("2999-01-01T00:00:00Z");
        try (TestServer ahead = TestServer.start(TestServer.config(elsewhere).withClock(Clock.fixed(future, ZoneOffset.UTC)))) {
            created(ahead, "/v1/parties", ahead.admin, "{'id':'acme','kind':'manufacturer','name':'Acme AI'}");
            created(ahead, "/v1/parties?effectiveAt=2998-12-31T00:00:00Z", ahead.admin,
                    "{'id':'acme','kind':'manufacturer','name':'Acme AI, renamed'}");

            assertThat(ok(ahead, "/v1/parties/acme", ahead.admin).get("record").get("name").asText()).isEqualTo("Acme AI, renamed");
            assertThat(ok(ahead, "/v1/parties", ahead.admin).get("parties")).hasSize(1);
        }
    }
}
