package org.onus.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.onus.verify.VerifyFixtures.TENANT;
import static org.onus.verify.VerifyFixtures.onus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onus.ledger.BundleVerification;
import org.onus.ledger.EvidenceBundle;
import org.onus.ledger.Ledger;
import org.onus.ledger.NoteKey;
import org.onus.ledger.TenantLog;
import org.onus.verify.VerifyFixtures.CliRun;

/** Evidence bundles: built from a real log, checked offline by {@code onus verify bundle.json}, and tampered with. */
class EvidenceBundleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Long> INDEXES = List.of(0L, 1234L, 2047L, 2999L);

    @TempDir
    Path dir;
    Path file;
    String publishedKey;

    @BeforeEach
    void aBundleOfFourEntriesFromALogOfThreeThousand() throws Exception {
        Path data = dir.resolve("data");
        Ledger ledger = VerifyFixtures.open(data);
        try {
            TenantLog log = ledger.createTenant(TENANT);
            VerifyFixtures.appendUpTo(log, 2000);
            log.checkpoint();
            VerifyFixtures.appendUpTo(log, 3001);
            publishedKey = log.verifierKey();
            EvidenceBundle bundle = EvidenceBundle.build(log, INDEXES);
            file = dir.resolve("bundle.json");
            bundle.write(file);
        } finally {
            VerifyFixtures.close(ledger);
        }
        // The data directory is gone: a bundle must verify on its own.
        try (var files = Files.walk(data)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void aBundleVerifiesOfflineWithNoDataDirectory() {
        CliRun run = onus("verify", file.toString());
        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(run.out()).contains("OK evidence bundle " + file + ": 4 entries of onus.local/default included in the "
                + "checkpoint at size 3001", "the key the bundle itself names", "pin it with --key");
    }

    @Test
    void aBundleVerifiesAgainstThePinnedPublishedKey() {
        CliRun run = onus("verify", "--key", publishedKey, file.toString());
        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(run.out()).contains("signed by " + publishedKey + " (the pinned key)");
    }

    @Test
    void theBundleFormatIsAsDocumented() throws Exception {
        JsonNode b = JSON.readTree(file.toFile());
        assertThat(b.get("format").asText()).isEqualTo("onus-evidence-bundle/1");
        assertThat(b.get("origin").asText()).isEqualTo("onus.local/default");
        assertThat(b.get("verifierKey").asText()).isEqualTo(publishedKey);
        assertThat(b.get("checkpoint").asText()).startsWith("onus.local/default\n3001\n").contains("\n\n\u2014 onus.local/default ");
        assertThat(b.get("entries")).hasSize(4);
        JsonNode e = b.get("entries").get(1);
        assertThat(e.get("index").asLong()).isEqualTo(1234);
        String text = new String(Base64.getDecoder().decode(e.get("entry").asText()), StandardCharsets.UTF_8);
        assertThat(JSON.readTree(text).at("/data/note").asText()).isEqualTo("entry 1234 of the verification tests");
    }

    @Test
    void anyRfc9162VerifierCanCheckTheProofsFromTheBundleAlone() throws Exception {
        JsonNode b = JSON.readTree(file.toFile());
        String[] checkpoint = b.get("checkpoint").asText().split("\n");
        long size = Long.parseLong(checkpoint[1]);
        byte[] root = Base64.getDecoder().decode(checkpoint[2]);
        for (JsonNode e : b.get("entries")) {
            byte[] leaf = sha256(new byte[] {0}, Base64.getDecoder().decode(e.get("entry").asText()));
            List<byte[]> proof = new ArrayList<>();
            e.get("inclusionProof").forEach(h -> proof.add(Base64.getDecoder().decode(h.asText())));
            assertThat(IndependentRfc9162.rootFromInclusionProof(e.get("index").asLong(), size, leaf, proof))
                    .as("entry %s", e.get("index")).isEqualTo(root);
        }
    }

    @Test
    void oneChangedByteInAnEntryIsNamed() throws Exception {
        CliRun run = tamper(entry(1, e -> {
            byte[] bytes = Base64.getDecoder().decode(e.get("entry").asText());
            e.put("entry", Base64.getEncoder().encodeToString(VerifyFixtures.flipOneByte(bytes, 1234)));
        }));
        assertThat(run.exit()).as(run.all()).isEqualTo(1);
        assertThat(run.err()).contains("FAILED evidence bundle", "(1 problem;",
                "entry 1234: its bytes hash to", "the entry or its leaf hash was altered");
    }

    @Test
    void anEntryAlteredWithItsLeafHashFailsItsProof() throws Exception {
        CliRun run = tamper(entry(2, e -> {
            byte[] bytes = VerifyFixtures.flipOneByte(Base64.getDecoder().decode(e.get("entry").asText()), 2047);
            e.put("entry", Base64.getEncoder().encodeToString(bytes));
            e.put("leafHash", Base64.getEncoder().encodeToString(sha256(new byte[] {0}, bytes)));
        }));
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("entry 2047: its inclusion proof does not lead to the checkpoint's root");
    }

    @Test
    void anAlteredProofHashIsNamed() throws Exception {
        CliRun run = tamper(entry(3, e -> {
            ArrayNode proof = (ArrayNode) e.get("inclusionProof");
            byte[] h = Base64.getDecoder().decode(proof.get(2).asText());
            h[0] ^= 1;
            proof.set(2, Base64.getEncoder().encodeToString(h));
        }));
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("entry 2999: its inclusion proof does not lead to the checkpoint's root", "for tree size 3001");
    }

    @Test
    void aTruncatedProofIsNamedWithTheLengthItShouldHave() throws Exception {
        int[] had = new int[1];
        CliRun run = tamper(entry(1, e -> {
            ArrayNode proof = (ArrayNode) e.get("inclusionProof");
            had[0] = proof.size();
            proof.remove(proof.size() - 1);
        }));
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("entry 1234: its inclusion proof has " + (had[0] - 1) + " hashes but a proof for leaf 1234 "
                + "in a tree of 3001 has " + had[0] + ": the proof was truncated or padded");
    }

    @Test
    void anAlteredCheckpointRootBreaksItsSignature() throws Exception {
        CliRun run = tamper(b -> {
            String note = b.get("checkpoint").asText();
            String[] lines = note.split("\n", -1);
            byte[] root = Base64.getDecoder().decode(lines[2]);
            root[31] ^= 1;
            b.put("checkpoint", note.replace(lines[2], Base64.getEncoder().encodeToString(root)));
        });
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("the checkpoint is not validly signed by " + publishedKey,
                "the note was altered or signed by another key");
    }

    @Test
    void aWrongPinnedKeyIsRefusedEvenThoughTheBundleIsIntact() {
        String other = NoteKey.generate("onus.local/default", new SecureRandom()).verifierKey();
        CliRun run = onus("verify", "--key", other, file.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("the bundle names the verifier key " + publishedKey + " but you pinned " + other,
                "it was not issued by the log you expect");
    }

    @Test
    void aBundleResignedByAnImpostorPassesOnlyWithoutAPinnedKey() throws Exception {
        NoteKey impostor = NoteKey.generate("onus.local/default", new SecureRandom());
        tamper(b -> {
            String note = b.get("checkpoint").asText();
            String text = note.substring(0, note.indexOf("\n\n") + 1);
            b.put("checkpoint", new org.onus.ledger.Checkpoint("onus.local/default", 3001,
                    org.onus.ledger.Checkpoint.parse(text).root()).sign(impostor));
            b.put("verifierKey", impostor.verifierKey());
        });
        assertThat(onus("verify", file.toString()).exit()).isZero();
        CliRun pinned = onus("verify", "--key", publishedKey, file.toString());
        assertThat(pinned.exit()).isEqualTo(1);
        assertThat(pinned.err()).contains("but you pinned " + publishedKey, "the note carries no signature by");
    }

    @Test
    void aTruncatedFileIsNotValidJson() throws Exception {
        String json = Files.readString(file);
        Files.writeString(file, json.substring(0, json.length() / 2));
        CliRun run = onus("verify", file.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("the bundle is not valid JSON", "it was truncated or is not an evidence bundle");
    }

    @Test
    void aMissingFileIsAUsageError() {
        CliRun run = onus("verify", dir.resolve("nope.json").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("no file", "give the path of an evidence bundle");
    }

    @Test
    void verifyingInProcessListsEveryBadEntry() throws Exception {
        EvidenceBundle b = EvidenceBundle.read(file);
        List<EvidenceBundle.Entry> entries = new ArrayList<>(b.entries());
        for (int i : new int[] {0, 3}) {
            EvidenceBundle.Entry e = entries.get(i);
            byte[] bytes = e.entry();
            bytes[bytes.length - 2] ^= 1;
            entries.set(i, new EvidenceBundle.Entry(e.index(), bytes, e.leafHash(), e.inclusionProof()));
        }
        BundleVerification v = EvidenceBundle.verify(new EvidenceBundle(b.origin(), b.verifierKey(), b.checkpoint(), entries),
                Optional.empty());
        assertThat(v.ok()).isFalse();
        assertThat(v.entriesVerified()).isEqualTo(2);
        assertThat(v.problems()).hasSize(2).satisfiesExactly(
                p -> assertThat(p).startsWith("entry 0: "), p -> assertThat(p).startsWith("entry 2999: "));
    }

    @Test
    void aBundleCannotBeBuiltForAnEntryNotInTheLog() {
        Ledger ledger = VerifyFixtures.open(dir.resolve("other"));
        try {
            TenantLog log = ledger.createTenant(TENANT);
            VerifyFixtures.appendUpTo(log, 10);
            assertThatThrownBy(() -> EvidenceBundle.build(log, List.of(3L, 10L)))
                    .hasMessage("entry 10 is not in the log of tenant default, which holds entries 0 to 9");
            assertThatThrownBy(() -> EvidenceBundle.build(log, List.of()))
                    .hasMessageContaining("at least one entry");
        } finally {
            VerifyFixtures.close(ledger);
        }
    }

    private static Consumer<ObjectNode> entry(int i, Consumer<ObjectNode> change) {
        return b -> change.accept((ObjectNode) b.get("entries").get(i));
    }

    private CliRun tamper(Consumer<ObjectNode> change) throws Exception {
        ObjectNode b = (ObjectNode) JSON.readTree(file.toFile());
        change.accept(b);
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(b));
        return onus("verify", file.toString());
    }

    static byte[] sha256(byte[]... parts) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (byte[] p : parts) {
            md.update(p);
        }
        return md.digest();
    }

    /**
     * Inclusion verification as transparency-dev/merkle writes it (inner proof, then the right
     * border), deliberately not Onus's own code: what "any RFC 9162 verifier" would do.
     */
    static final class IndependentRfc9162 {
        static byte[] rootFromInclusionProof(long index, long size, byte[] leafHash, List<byte[]> proof) {
            if (index >= size) {
                throw new IllegalArgumentException("index beyond size");
            }
            int inner = 64 - Long.numberOfLeadingZeros(index ^ (size - 1));
            int border = Long.bitCount(index >>> inner);
            if (proof.size() != inner + border) {
                throw new IllegalArgumentException("wrong proof size");
            }
            byte[] res = leafHash;
            for (int i = 0; i < inner; i++) {
                res = ((index >>> i) & 1) == 0 ? sha256(new byte[] {1}, res, proof.get(i)) : sha256(new byte[] {1}, proof.get(i), res);
            }
            for (int i = inner; i < proof.size(); i++) {
                res = sha256(new byte[] {1}, proof.get(i), res);
            }
            return res;
        }
    }
}
