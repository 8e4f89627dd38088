package org.onus.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onus.http.RecordingFixtures.action;
import static org.onus.http.RecordingFixtures.batch;
import static org.onus.http.RecordingFixtures.created;
import static org.onus.http.RecordingFixtures.decision;
import static org.onus.http.RecordingFixtures.errorFields;
import static org.onus.http.RecordingFixtures.logSize;
import static org.onus.http.RecordingFixtures.ok;
import static org.onus.http.RecordingFixtures.outcome;
import static org.onus.http.RecordingFixtures.post;
import static org.onus.http.RecordingFixtures.problemType;
import static org.onus.http.RecordingFixtures.storedFlags;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.onus.auth.Role;
import org.onus.ledger.Checkpoint;
import org.onus.ledger.Merkle;
import org.onus.ledger.NoteKey;
import org.onus.recording.Flag;
import org.onus.recording.Recorder;

/** Decisions, actions and outcomes over HTTP: idempotency, batches, bad input, proofs, and misuse recorded rather than refused. */
class RecordingApiTest {

    @TempDir
    static Path dataDir;
    static TestServer server;
    static String admin;
    static String integration;

    @BeforeAll
    static void start() {
        server = TestServer.start(dataDir);
        admin = server.admin;
        integration = server.token(Role.INTEGRATION);
        RecordingFixtures.registerWorld(server, admin);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void a_decision_is_recorded_with_its_index_and_the_same_one_again_gets_the_same_index_without_a_new_entry() {
        long before = logSize(server);

        long index = created(server, "/v1/decisions", integration, decision("dec-idem")).get("index").asLong();
        long after = logSize(server);
        long again = created(server, "/v1/decisions", integration, decision("dec-idem")).get("index").asLong();

        assertThat(index).isEqualTo(before);
        assertThat(after).isEqualTo(before + 1);
        assertThat(again).isEqualTo(index);
        assertThat(logSize(server)).isEqualTo(after);
    }

    @Test
    void the_same_decision_id_with_another_body_is_409_duplicate_key_and_writes_nothing() {
        created(server, "/v1/decisions", integration, decision("dec-dup"));
        long size = logSize(server);

        HttpResponse<String> r = post(server, "/v1/decisions", integration, decision("dec-dup").replace("0.82", "0.12"));

        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(problemType(r)).endsWith("/duplicate-key");
        assertThat(logSize(server)).isEqualTo(size);
    }

    @Test
    void a_batch_of_decisions_answers_every_index_in_order() {
        long before = logSize(server);

        JsonNode w = created(server, "/v1/decisions:batch", integration,
                batch("decisions", List.of(decision("bat-1"), decision("bat-2"), decision("bat-3"))));

        assertThat(w.get("count").asInt()).isEqualTo(3);
        assertThat(w.get("indexes")).extracting(JsonNode::asLong).containsExactly(before, before + 1, before + 2);
        assertThat(ok(server, "/v1/ledger/entries/" + (before + 1), admin).get("type").asText()).isEqualTo("decision");
    }

    @Test
    void a_batch_with_one_bad_decision_is_422_naming_the_item_inside_the_posted_body_and_writes_nothing() {
        long size = logSize(server);

        HttpResponse<String> r = post(server, "/v1/decisions:batch", integration, batch("decisions", List.of(
                decision("bad-1"), decision("bad-2").replace("'2026-03-01T10:00:00Z'", "'2026-03-01T10:00:00'"), decision("bad-3"))));

        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(errorFields(r)).containsExactly("/decisions/1/eventTime");
        assertThat(logSize(server)).isEqualTo(size);
        assertThat(server.get("/v1/decisions/bad-1", admin).statusCode()).isEqualTo(404);
    }

    @Test
    void an_empty_batch_and_a_batch_without_its_array_are_422_naming_the_array() {
        HttpResponse<String> empty = post(server, "/v1/decisions:batch", integration, "{'decisions':[]}");
        HttpResponse<String> missing = post(server, "/v1/actions:batch", integration, "{'items':[]}");

        assertThat(empty.statusCode()).isEqualTo(422);
        assertThat(errorFields(empty)).containsExactly("/decisions");
        assertThat(missing.statusCode()).isEqualTo(422);
        assertThat(errorFields(missing)).containsExactly("/actions");
    }

    @Test
    void a_batch_of_more_than_ten_thousand_events_is_413_and_writes_nothing() {
        long size = logSize(server);
        String body = "{\"decisions\":[" + String.join(",", Collections.nCopies(Recorder.MAX_BATCH + 1, "{}")) + "]}";

        HttpResponse<String> r = server.post("/v1/decisions:batch", integration, body);

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(problemType(r)).endsWith("/batch-too-large");
        assertThat(logSize(server)).isEqualTo(size);
    }

    @Test
    void a_body_that_is_not_json_is_415_and_malformed_json_is_400() {
        HttpResponse<String> text = server.send(server.request("/v1/decisions").header("Authorization", "Bearer " + integration)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(RecordingFixtures.q(decision("ct-1")))));
        HttpResponse<String> broken = server.post("/v1/decisions", integration, "{\"id\":\"m-1\",");

        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(problemType(text)).endsWith("/unsupported-media-type");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(problemType(broken)).endsWith("/malformed-json");
    }

    @Test
    void an_event_time_without_a_zone_or_far_in_the_future_is_422_naming_the_field() {
        HttpResponse<String> local = post(server, "/v1/decisions", integration,
                decision("t-1").replace("'2026-03-01T10:00:00Z'", "'2026-03-01T10:00:00'"));
        HttpResponse<String> future = post(server, "/v1/decisions", integration, decision("t-2", "MRN-1", "2027-03-01T10:00:00Z"));
        HttpResponse<String> wrongType = post(server, "/v1/decisions", integration, decision("t-3").replace("'age':54", "'age':'54'"));

        assertThat(local.statusCode()).isEqualTo(422);
        assertThat(errorFields(local)).containsExactly("/eventTime");
        assertThat(future.statusCode()).isEqualTo(422);
        assertThat(errorFields(future)).containsExactly("/eventTime");
        assertThat(TestServer.json(future).get("errors").get(0).get("detail").asText()).contains("future");
        assertThat(errorFields(wrongType)).containsExactly("/patient/age");
    }

    @Test
    void actions_and_outcomes_follow_a_recorded_decision_singly_and_in_batches() {
        long d = created(server, "/v1/decisions", integration, decision("dec-follow")).get("index").asLong();

        long a = created(server, "/v1/actions", integration, action("act-1", "dec-follow", "dr-lee")).get("index").asLong();
        JsonNode as = created(server, "/v1/actions:batch", integration, batch("actions",
                List.of(action("act-2", "dec-follow", "dr-lee"), action("act-3", "dec-follow", "dr-new"))));
        long o = created(server, "/v1/outcomes", integration, outcome("out-1", "dec-follow")).get("index").asLong();
        JsonNode os = created(server, "/v1/outcomes:batch", integration, batch("outcomes", List.of(outcome("out-2", "dec-follow"))));

        JsonNode action = ok(server, "/v1/ledger/entries/" + a, admin).get("json").get("data");
        assertThat(action.get("decisionIndex").asLong()).isEqualTo(d);
        assertThat(as.get("count").asInt()).isEqualTo(2);
        assertThat(storedFlags(server, admin, as.get("indexes").get(1).asLong())).containsExactly(Flag.CLINICIAN_UNTRAINED);
        assertThat(ok(server, "/v1/ledger/entries/" + o, admin).get("json").get("data").get("decisionIndexes").get(0).asLong()).isEqualTo(d);
        assertThat(os.get("indexes")).hasSize(1);
    }

    @Test
    void actions_and_outcomes_of_unknown_decisions_are_422_singly_and_in_batches_and_write_nothing() {
        created(server, "/v1/decisions", integration, decision("dec-known"));
        long size = logSize(server);

        HttpResponse<String> a = post(server, "/v1/actions", integration, action("act-x", "dec-unknown", "dr-lee"));
        HttpResponse<String> as = post(server, "/v1/actions:batch", integration, batch("actions",
                List.of(action("act-y", "dec-known", "dr-lee"), action("act-z", "dec-unknown", "dr-lee"))));
        HttpResponse<String> o = post(server, "/v1/outcomes", integration, outcome("out-x", "dec-unknown"));
        HttpResponse<String> os = post(server, "/v1/outcomes:batch", integration, batch("outcomes", List.of(outcome("out-y", "dec-unknown"))));

        assertThat(List.of(a.statusCode(), as.statusCode(), o.statusCode(), os.statusCode())).containsOnly(422);
        assertThat(errorFields(a)).containsExactly("/decision");
        assertThat(errorFields(as)).containsExactly("/actions/1/decision");
        assertThat(errorFields(o)).containsExactly("/decisions/0");
        assertThat(errorFields(os)).containsExactly("/outcomes/0/decisions/0");
        assertThat(logSize(server)).isEqualTo(size);
    }

    @Test
    void with_proof_true_every_written_index_comes_with_an_inclusion_proof_that_verifies_against_the_signed_checkpoint() {
        JsonNode w = created(server, "/v1/decisions:batch?proof=true", integration,
                batch("decisions", List.of(decision("prf-1"), decision("prf-2"))));
        NoteKey key = NoteKey.parseVerifier(server.get("/v1/ledger/key", admin).body().strip());

        Checkpoint checkpoint = Checkpoint.open(w.get("checkpoint").asText(), key);

        assertThat(w.get("proofs")).hasSize(2);
        for (JsonNode proof : w.get("proofs")) {
            long index = proof.get("index").asLong();
            assertThat(proof.get("size").asLong()).isEqualTo(checkpoint.size());
            byte[] leaf = Base64.getDecoder().decode(ok(server, "/v1/ledger/entries/" + index, admin).get("leafHash").asText());
            List<byte[]> hashes = new ArrayList<>();
            proof.get("hashes").forEach(h -> hashes.add(Base64.getDecoder().decode(h.asText())));
            assertThat(Merkle.verifyInclusion(index, checkpoint.size(), leaf, hashes, checkpoint.root())).isTrue();
            byte[] otherLeaf = Merkle.leafHash(new byte[] {1});
            assertThat(Merkle.verifyInclusion(index, checkpoint.size(), otherLeaf, hashes, checkpoint.root())).isFalse();
        }
        assertThat(w.get("indexes")).extracting(JsonNode::asLong)
                .containsExactlyElementsOf(w.get("proofs").findValues("index").stream().map(JsonNode::asLong).toList());
    }

    @Test
    void a_decision_under_a_card_that_states_no_precautions_or_limitations_is_recorded_not_a_500() {
        // Regression: cards are stored without their empty lists, and read back with nulls there,
        // so ScopeCheck's card.requiredPrecautions().stream() threw and every such decision was a 500.
        long index = created(server, "/v1/decisions", integration, "{'id':'triage-1','eventTime':'2026-03-01T12:00:00Z',"
                + "'authorization':'auth-2','reportedVersion':'2.0','artifactDigest':'" + RecordingFixtures.OTHER_DIGEST + "',"
                + "'patient':{'id':'MRN-T','age':60},'input':{'modality':'vitals','quality':{'completeness':0.4}},"
                + "'output':{'kind':'class','label':'urgent'},'shownTo':['dr-new']}").get("index").asLong();

        assertThat(storedFlags(server, admin, index)).isEmpty();
    }

    @ParameterizedTest(name = "{0} is recorded with the flag {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "an unregistered version          | 'reportedVersion':'1.0'  -> 'reportedVersion':'9.9'       | version-not-registered",
        "a version the authorization lacks | 'reportedVersion':'1.0'  -> 'reportedVersion':'9.9'       | version-not-authorized",
        "a unit outside the authorization | 'unit':'ed'              -> 'unit':'icu','system':'sepsis' | unit-not-authorized",
        "a 15-year-old under an adult card | 'age':54                 -> 'age':15                       | outside-intended-population",
        "a 15-year-old outside the authorization | 'age':54           -> 'age':15                       | outside-authorized-population",
        "a decision shown to an untrained clinician | 'dr-lee'        -> 'dr-new'                       | shown-to-untrained-clinician",
        "an unregistered system          | 'unit':'ed'              -> 'unit':'ed','system':'homegrown' | system-not-registered",
    })
    void misuse_is_recorded_with_201_and_the_flag_appears_in_the_stored_entry(String what, String change, String flag) {
        String[] fromTo = change.split("->");
        String id = "misuse-" + flag + "-" + what.hashCode();
        String body = decision(id).replace(fromTo[0].strip(), fromTo[1].strip());
        assertThat(body).isNotEqualTo(decision(id));

        long index = created(server, "/v1/decisions", integration, body).get("index").asLong();

        assertThat(storedFlags(server, admin, index)).contains(flag);
        assertThat(storedFlags(server, admin, created(server, "/v1/decisions", integration, decision(id + "-ok")).get("index").asLong()))
                .isEmpty();
    }
}
