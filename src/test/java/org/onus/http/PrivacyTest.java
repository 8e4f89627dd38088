package org.onus.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onus.http.RecordingFixtures.action;
import static org.onus.http.RecordingFixtures.created;
import static org.onus.http.RecordingFixtures.decision;
import static org.onus.http.RecordingFixtures.ok;
import static org.onus.http.RecordingFixtures.outcome;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onus.auth.Role;
import org.onus.cli.Main;
import org.onus.store.TestStores;
import org.onus.ledger.Checkpoint;
import org.onus.ledger.Merkle;
import org.onus.ledger.NoteKey;

/**
 * Patient privacy over HTTP: the ledger holds pseudonyms and sealed digests only; investigators
 * see plaintext; erasure destroys the patient's key, after which the content is gone while the
 * log and every earlier proof still verify.
 */
class PrivacyTest {

    static final String SECRET_TEXT = "Patient reports chest pain since Tuesday";
    static final List<String> PLAINTEXTS = List.of("MRN-PRIV", "start the sepsis bundle now", "lactate 4.1 mmol/l",
            "lactate high, agree with bundle", "blood cultures grew E. coli", SECRET_TEXT);

    @TempDir
    Path dataDir;

    /** Records a decision, a generated-text decision, an action and an outcome of patient MRN-PRIV; answers the decision's write. */
    static JsonNode recordPatient(TestServer server, String integration) {
        RecordingFixtures.registerWorld(server, server.admin);
        JsonNode written = created(server, "/v1/decisions?proof=true", integration, decision("p-dec", "MRN-PRIV", "2026-03-01T10:00:00Z"));
        created(server, "/v1/decisions", integration, decision("p-note", "MRN-PRIV", "2026-03-01T10:05:00Z")
                .replace("'output':{'kind':'score','score':0.82,'recommendation':'start the sepsis bundle now'}",
                        "'output':{'kind':'generated-text','text':'" + SECRET_TEXT + "'}"));
        created(server, "/v1/actions", integration, action("p-act", "p-dec", "dr-lee"));
        created(server, "/v1/outcomes", integration, outcome("p-out", "p-dec"));
        return written;
    }

    static List<JsonNode> storedEntries(TestServer server, String type) {
        List<JsonNode> out = new ArrayList<>();
        for (long i = 0; i < server.defaultLog().size(); i++) {
            var e = server.defaultLog().entry(i).orElseThrow();
            if (e.type().equals(type)) {
                out.add(org.onus.ledger.Entries.parse(e.bytes()).get("data"));
            }
        }
        return out;
    }

    @Test
    void the_ledger_never_holds_the_patient_id_or_free_text_in_clear_only_pseudonyms_and_sealed_digests() {
        try (TestServer server = TestServer.start(dataDir)) {
            recordPatient(server, server.token(Role.INTEGRATION));

            for (long i = 0; i < server.defaultLog().size(); i++) {
                String raw = new String(server.defaultLog().entry(i).orElseThrow().bytes(), StandardCharsets.UTF_8);
                for (String plain : PLAINTEXTS) {
                    assertThat(raw).as("entry %d", i).doesNotContain(plain);
                }
            }
            JsonNode decision = storedEntries(server, "decision").get(0);
            JsonNode note = storedEntries(server, "decision").get(1);
            assertThat(decision.get("patient").has("id")).isFalse();
            assertThat(decision.get("patient").get("pseudonym").asText()).startsWith("pt-");
            assertSealed(decision.get("output").get("recommendation"));
            assertSealed(decision.get("input").get("payload"));
            assertSealed(note.get("output").get("text"));
            assertSealed(storedEntries(server, "action").get(0).get("rationale"));
            assertSealed(storedEntries(server, "outcome").get(0).get("narrative"));
        }
    }

    static void assertSealed(JsonNode field) {
        assertThat(field.isObject()).as("%s is sealed", field).isTrue();
        assertThat(field.size()).isEqualTo(1);
        assertThat(field.get("sealed").asText()).matches("sha256:[0-9a-f]{64}");
    }

    @Test
    void erasing_a_patient_leaves_sealed_erased_content_while_the_log_and_an_earlier_proof_still_verify() {
        JsonNode written;
        Checkpoint before;
        NoteKey key;
        long consistencyTo;
        List<byte[]> consistency = new ArrayList<>();
        Checkpoint after;
        try (TestServer server = TestServer.start(dataDir)) {
            String investigator = server.token(Role.INVESTIGATOR);
            written = recordPatient(server, server.token(Role.INTEGRATION));
            key = NoteKey.parseVerifier(server.get("/v1/ledger/key", server.admin).body().strip());
            before = Checkpoint.open(written.get("checkpoint").asText(), key);
            String timeline = "/v1/patients/MRN-PRIV/timeline";

            JsonNode open = ok(server, timeline, investigator).get("events");
            assertThat(fields(open, e -> e.path("data").path("output").path("recommendation"))).contains("\"start the sepsis bundle now\"");
            assertThat(fields(open, e -> e.path("data").path("output").path("text"))).contains("\"" + SECRET_TEXT + "\"");
            assertThat(fields(open, e -> e.path("data").path("rationale"))).contains("\"lactate high, agree with bundle\"");
            assertThat(fields(open, e -> e.path("data").path("narrative"))).contains("\"blood cultures grew E. coli\"");
            assertThat(fields(open, e -> e.path("data").path("input").path("payload"))).contains("\"lactate 4.1 mmol/l\"");

            assertThat(RecordingFixtures.delete(server, "/v1/patients/MRN-PRIV/personal-data", investigator).statusCode()).isEqualTo(403);
            HttpResponse<String> erased = RecordingFixtures.delete(server, "/v1/patients/MRN-PRIV/personal-data?reason=GDPR%20Art.%2017",
                    server.admin);
            assertThat(erased.statusCode()).isEqualTo(200);
            assertThat(TestServer.json(erased).get("erased").asBoolean()).isTrue();

            JsonNode shredded = ok(server, timeline, investigator).get("events");
            String all = shredded.toString();
            for (String plain : PLAINTEXTS.subList(1, PLAINTEXTS.size())) {
                assertThat(all).doesNotContain(plain);
            }
            for (JsonNode sealed : List.of(shredded.get(0).get("data").get("output").get("recommendation"),
                    shredded.get(0).get("data").get("input").get("payload"))) {
                assertThat(sealed.get("sealed").asText()).startsWith("sha256:");
                assertThat(sealed.get("erased").asBoolean()).isTrue();
            }
            assertThat(fields(shredded, e -> e.path("data").path("rationale").path("erased"))).contains("true");
            assertThat(fields(shredded, e -> e.path("data").path("narrative").path("erased"))).contains("true");
            assertThat(fields(shredded, e -> e.path("data").path("output").path("text").path("erased"))).contains("true");
            assertThat(fields(shredded, JsonNode::toString).stream().filter(s -> s.contains("patient.erasure"))).hasSize(1);

            // the earlier proof, against the earlier checkpoint, still holds for the entry as it is served now
            long index = written.get("index").asLong();
            JsonNode proof = written.get("proofs").get(0);
            List<byte[]> hashes = new ArrayList<>();
            proof.get("hashes").forEach(h -> hashes.add(Base64.getDecoder().decode(h.asText())));
            byte[] leaf = Base64.getDecoder().decode(ok(server, "/v1/ledger/entries/" + index, server.admin).get("leafHash").asText());
            assertThat(Merkle.verifyInclusion(index, before.size(), leaf, hashes, before.root())).isTrue();

            after = Checkpoint.open(server.get("/v1/ledger/checkpoint", server.admin).body(), key);
            consistencyTo = after.size();
            ok(server, "/v1/ledger/proofs/consistency?from=" + before.size() + "&to=" + consistencyTo, server.admin)
                    .get("hashes").forEach(h -> consistency.add(Base64.getDecoder().decode(h.asText())));
        }
        assertThat(Merkle.verifyConsistency(before.size(), consistencyTo, before.root(), after.root(), consistency)).isTrue();
        assertThat(Main.run(TestStores.verifyArguments(dataDir))).isZero();
    }

    static List<String> fields(JsonNode events, Function<JsonNode, Object> pick) {
        List<String> out = new ArrayList<>();
        events.forEach(e -> out.add(String.valueOf(pick.apply(e))));
        return out;
    }
}
