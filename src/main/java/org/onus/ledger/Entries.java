package org.onus.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;

/**
 * The envelope every ledger entry shares, before canonicalization:
 *
 * <pre>{"v":1,"type":"annotation","recordedAt":"2026-11-25T10:00:00.123Z","actor":"tok_3f9a…","data":{…}}</pre>
 *
 * {@code type} names the kind of record (it decides how {@code data} is read), {@code recordedAt}
 * is when Onus received it (the "when we learned" axis; when it happened is part of {@code data}),
 * {@code actor} is the id of the token that wrote it, or {@code onus} for Onus itself.
 */
public final class Entries {

    public static final int VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Entries() {
    }

    public static EntryDraft draft(String type, Instant recordedAt, String actor, JsonNode data) {
        ObjectNode e = MAPPER.createObjectNode();
        e.put("v", VERSION);
        e.put("type", type);
        e.put("recordedAt", recordedAt.toString());
        e.put("actor", actor);
        e.set("data", data);
        return EntryDraft.of(type, recordedAt.toEpochMilli(), CanonicalJson.bytes(e));
    }

    /**
     * The same envelope, its {@code data} written by {@code data} straight into the canonical
     * bytes (one object, members in canonical order; see {@link CanonicalJson.Writer}) instead of
     * built as a tree: the bytes are those {@link #draft(String, Instant, String, JsonNode)}
     * gives for the equal tree.
     */
    public static EntryDraft draft(String type, Instant recordedAt, String actor,
                                   java.util.function.Consumer<CanonicalJson.Writer> data) {
        CanonicalJson.Writer w = CanonicalJson.writer().beginObject();
        w.key("actor").value(actor);
        w.key("data");
        data.accept(w);
        w.key("recordedAt").value(recordedAt.toString());
        w.key("type").value(type);
        w.key("v").value(VERSION);
        return EntryDraft.of(type, recordedAt.toEpochMilli(), w.endObject().toBytes());
    }

    /** Parses canonical entry bytes back into the envelope. */
    public static JsonNode parse(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new LedgerException("a stored entry is not JSON: " + e.getMessage(), e);
        }
    }
}
