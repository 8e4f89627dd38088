package org.onus.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.onus.store.StoredEntry;

/**
 * Entries of one log with everything needed to check them offline, trusting nothing but the
 * log's verifier key: what an investigator hands a regulator, a vendor or a court expert.
 *
 * <h2>Format {@value #FORMAT}</h2>
 * A UTF-8 JSON object:
 * <pre>{@code
 * {
 *   "format": "onus-evidence-bundle/1",
 *   "origin": "onus.local/default",
 *   "verifierKey": "onus.local/default+1a2b3c4d+AT8v...",
 *   "checkpoint": "onus.local/default\n4096\nq0Ym...=\n\n— onus.local/default Gis8...\n",
 *   "entries": [
 *     { "index": 17,
 *       "entry": "eyJhY3RvciI6...",
 *       "leafHash": "3q2+7w...",
 *       "inclusionProof": ["Ab3...", "f9X...", "..."] }
 *   ]
 * }
 * }</pre>
 * <ul>
 *   <li>{@code origin}: the log's name, also the first line of the checkpoint and the key's name.</li>
 *   <li>{@code verifierKey}: the log's Ed25519 key in C2SP signed-note verifier encoding,
 *       {@code <name>+<8 hex key hash>+<base64(0x01 ‖ public key)>}. A bundle carries its own key
 *       for convenience only: whoever relies on it should compare the key with one obtained from
 *       the log's operator independently (pin it: {@code onus verify --key ... bundle.json}).</li>
 *   <li>{@code checkpoint}: one C2SP tlog-checkpoint (origin, tree size, base64 root) as a C2SP
 *       signed note, with the log's signature and possibly witnesses' cosignatures. Its tree
 *       size is the size every proof in the bundle is against.</li>
 *   <li>{@code entries}: in index order; {@code entry} is the stored canonical bytes (RFC 8785
 *       JSON in the {@link Entries} envelope), base64; {@code leafHash} is SHA-256(0x00 ‖ bytes),
 *       base64; {@code inclusionProof} is the RFC 9162 audit path (section 2.1.3) for leaf
 *       {@code index} in the tree of the checkpoint's size, base64 hashes, leaf side first.</li>
 * </ul>
 * All base64 is standard with padding (RFC 4648 section 4). Nothing in the format is specific to
 * Onus beyond the envelope: any RFC 9162 verifier can check the proofs against the checkpoint's
 * root, and any signed-note verifier can check the checkpoint.
 */
public final class EvidenceBundle {

    public static final String FORMAT = "onus-evidence-bundle/1";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One entry with its audit path against the bundle's checkpoint. */
    public record Entry(long index, byte[] entry, byte[] leafHash, List<byte[]> inclusionProof) {
        public Entry {
            entry = entry.clone();
            leafHash = leafHash.clone();
            inclusionProof = List.copyOf(inclusionProof);
        }
    }

    private final String origin;
    private final String verifierKey;
    private final String checkpoint;
    private final List<Entry> entries;

    public EvidenceBundle(String origin, String verifierKey, String checkpoint, List<Entry> entries) {
        this.origin = origin;
        this.verifierKey = verifierKey;
        this.checkpoint = checkpoint;
        this.entries = List.copyOf(entries);
    }

    public String origin() {
        return origin;
    }

    public String verifierKey() {
        return verifierKey;
    }

    /** The signed checkpoint note. */
    public String checkpoint() {
        return checkpoint;
    }

    public List<Entry> entries() {
        return entries;
    }

    /**
     * Bundles the given entries of {@code log} with their inclusion proofs against a checkpoint
     * covering all of them (the latest, signed now if entries arrived since). Checks the bundle
     * before returning it.
     *
     * @throws IllegalArgumentException if there are no indexes or one is not in the log
     */
    public static EvidenceBundle build(TenantLog log, Collection<Long> indexes) {
        if (indexes.isEmpty()) {
            throw new IllegalArgumentException("an evidence bundle needs at least one entry index");
        }
        TreeSet<Long> sorted = new TreeSet<>(indexes);
        NoteKey key = log.publicKey();
        String note = log.checkpoint();
        Checkpoint cp = Checkpoint.open(note, key);
        if (sorted.first() < 0 || sorted.last() >= cp.size()) {
            long bad = sorted.first() < 0 ? sorted.first() : sorted.last();
            throw new IllegalArgumentException("entry " + bad + " is not in the log of tenant " + log.tenant()
                    + ", which holds entries 0 to " + (cp.size() - 1));
        }
        List<Entry> out = new ArrayList<>(sorted.size());
        for (long i : sorted) {
            StoredEntry e = log.entry(i).orElseThrow(() ->
                    new LedgerException("entry " + i + " of tenant " + log.tenant() + " is missing from the store; run `onus verify`"));
            out.add(new Entry(i, e.bytes(), e.leafHash(), log.inclusionProof(i, cp.size()).hashes()));
        }
        EvidenceBundle bundle = new EvidenceBundle(cp.origin(), key.verifierKey(), note, out);
        BundleVerification check = verify(bundle, Optional.of(key));
        if (!check.ok()) {
            throw new LedgerException("refusing to export an evidence bundle that does not verify: "
                    + String.join("; ", check.problems()) + ". Run `onus verify` on the data directory");
        }
        return bundle;
    }

    /**
     * Checks the bundle on its own: the checkpoint's signature (by {@code pinned} if given, which
     * must then also be the key the bundle names), that each entry's bytes hash to its leaf hash,
     * and that each inclusion proof leads from that leaf to the checkpoint's root.
     */
    public static BundleVerification verify(EvidenceBundle bundle, Optional<NoteKey> pinned) {
        List<String> problems = new ArrayList<>();
        NoteKey named = null;
        try {
            named = NoteKey.parseVerifier(bundle.verifierKey);
        } catch (IllegalArgumentException e) {
            problems.add("the bundle's verifier key '" + bundle.verifierKey + "' is malformed: " + e.getMessage());
        }
        if (pinned.isPresent() && named != null && !pinned.get().verifierKey().equals(named.verifierKey())) {
            problems.add("the bundle names the verifier key " + named.verifierKey() + " but you pinned "
                    + pinned.get().verifierKey() + ": it was not issued by the log you expect, or its key was swapped");
        }
        NoteKey key = pinned.map(NoteKey::verifierOnly).orElse(named);
        if (key == null) {
            return new BundleVerification(null, bundle.verifierKey, false, 0, problems);
        }
        Checkpoint cp;
        try {
            cp = Checkpoint.open(bundle.checkpoint, key);
        } catch (IllegalArgumentException e) {
            problems.add("the checkpoint is not validly signed by " + key.verifierKey() + ": " + e.getMessage());
            return new BundleVerification(null, key.verifierKey(), pinned.isPresent(), 0, problems);
        }
        if (!cp.origin().equals(bundle.origin)) {
            problems.add("the checkpoint is for the log '" + cp.origin() + "' but the bundle says '" + bundle.origin + "'");
        }
        if (!key.name().equals(cp.origin())) {
            problems.add("the checkpoint is for the log '" + cp.origin() + "' but the key is named '" + key.name() + "'");
        }
        if (bundle.entries.isEmpty()) {
            problems.add("the bundle holds no entries: there is nothing to verify");
        }
        int verified = 0;
        for (Entry e : bundle.entries) {
            String p = entryProblem(e, cp);
            if (p == null) {
                verified++;
            } else {
                problems.add("entry " + e.index + ": " + p);
            }
        }
        return new BundleVerification(cp, key.verifierKey(), pinned.isPresent(), verified, problems);
    }

    private static String entryProblem(Entry e, Checkpoint cp) {
        if (e.index < 0 || e.index >= cp.size()) {
            return "its index is outside the checkpoint's tree of " + cp.size() + " entries";
        }
        byte[] leaf = Merkle.leafHash(e.entry);
        if (!Arrays.equals(leaf, e.leafHash)) {
            return "its bytes hash to " + b64(leaf) + " but the bundle gives the leaf hash " + b64(e.leafHash)
                    + ": the entry or its leaf hash was altered";
        }
        int expected = inclusionPathLength(e.index, cp.size());
        if (e.inclusionProof.size() != expected) {
            return "its inclusion proof has " + e.inclusionProof.size() + " hashes but a proof for leaf " + e.index
                    + " in a tree of " + cp.size() + " has " + expected + ": the proof was truncated or padded";
        }
        for (int i = 0; i < e.inclusionProof.size(); i++) {
            if (e.inclusionProof.get(i).length != Merkle.HASH_SIZE) {
                return "hash " + i + " of its inclusion proof has " + e.inclusionProof.get(i).length + " bytes, not "
                        + Merkle.HASH_SIZE;
            }
        }
        if (!Merkle.verifyInclusion(e.index, cp.size(), leaf, e.inclusionProof, cp.root())) {
            return "its inclusion proof does not lead to the checkpoint's root " + b64(cp.root())
                    + " for tree size " + cp.size() + ": a proof hash, the entry or the checkpoint was altered";
        }
        return null;
    }

    /** The length of every RFC 9162 audit path for leaf {@code index} in a tree of {@code size}. */
    static int inclusionPathLength(long index, long size) {
        int inner = 64 - Long.numberOfLeadingZeros(index ^ (size - 1));
        return inner + Long.bitCount(index >>> inner);
    }

    public String toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("origin", origin);
        root.put("verifierKey", verifierKey);
        root.put("checkpoint", checkpoint);
        ArrayNode list = root.putArray("entries");
        for (Entry e : entries) {
            ObjectNode n = list.addObject();
            n.put("index", e.index);
            n.put("entry", b64(e.entry));
            n.put("leafHash", b64(e.leafHash));
            ArrayNode proof = n.putArray("inclusionProof");
            e.inclusionProof.forEach(h -> proof.add(b64(h)));
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serializes", e);
        }
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    }

    public static EvidenceBundle read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * Parses a bundle's JSON.
     *
     * @throws IllegalArgumentException naming the first field that is missing or malformed
     */
    public static EvidenceBundle parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the bundle is not valid JSON (" + e.getOriginalMessage()
                    + (e.getLocation() != null ? " at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() : "") + "): it was truncated or is not an evidence bundle", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the bundle is not a JSON object: it is not an evidence bundle");
        }
        String format = text(root, "format", "");
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("the bundle's format is '" + format + "' but this Onus reads '" + FORMAT + "'");
        }
        JsonNode list = root.get("entries");
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException("the bundle has no 'entries' list");
        }
        List<Entry> entries = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String where = "entries[" + i + "]";
            JsonNode n = list.get(i);
            if (!n.isObject()) {
                throw new IllegalArgumentException(where + " is not an object");
            }
            JsonNode index = n.get("index");
            if (index == null || !index.canConvertToExactIntegral() || !index.canConvertToLong() || index.longValue() < 0) {
                throw new IllegalArgumentException(where + ".index is not a non-negative integer");
            }
            JsonNode proof = n.get("inclusionProof");
            if (proof == null || !proof.isArray()) {
                throw new IllegalArgumentException(where + ".inclusionProof is not a list of base64 hashes");
            }
            List<byte[]> hashes = new ArrayList<>(proof.size());
            for (int j = 0; j < proof.size(); j++) {
                hashes.add(base64(proof.get(j), where + ".inclusionProof[" + j + "]"));
            }
            entries.add(new Entry(index.longValue(), base64(n.get("entry"), where + ".entry"),
                    base64(n.get("leafHash"), where + ".leafHash"), hashes));
        }
        return new EvidenceBundle(text(root, "origin", null), text(root, "verifierKey", null),
                text(root, "checkpoint", null), entries);
    }

    private static String text(JsonNode root, String field, String absent) {
        JsonNode n = root.get(field);
        if (n == null && absent != null) {
            return absent;
        }
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException("the bundle has no '" + field + "' string");
        }
        return n.textValue();
    }

    private static byte[] base64(JsonNode n, String where) {
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException(where + " is missing or not a base64 string");
        }
        try {
            return Base64.getDecoder().decode(n.textValue());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " is not base64: " + e.getMessage(), e);
        }
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
