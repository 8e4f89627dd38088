package org.onus.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.onus.ledger.Entries;
import org.onus.ledger.EntryDraft;

/**
 * Realistic annotation entries for the benchmarks: an investigator's note with a handful of
 * fields, wrapped in the entry envelope and canonicalized exactly as the HTTP path does, about
 * 400 bytes of canonical JSON each. Seeded, so every run appends the same bytes.
 */
final class BenchEntries {

    static final String TYPE = "annotation";
    private static final String[] WORDS = {"reviewed", "sepsis", "alert", "score", "override", "clinician",
        "ward", "oncology", "radiology", "threshold", "drift", "model", "version", "patient", "follow-up",
        "escalated", "accepted", "declined", "chart", "timeline"};

    private BenchEntries() {
    }

    /** One entry; {@code seq} makes it distinct from its neighbours. */
    static EntryDraft draft(long seq, SplittableRandom random) {
        return Entries.draft(TYPE, Instant.ofEpochMilli(1_795_000_000_000L + seq), "tok_7c1e5a90b2", data(seq, random));
    }

    /** The {@code data} object of an annotation, also the body the HTTP bench posts. */
    static ObjectNode data(long seq, SplittableRandom random) {
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        d.put("type", "investigator-note");
        d.put("seq", seq);
        d.put("incident", "inc-" + (seq % 9973));
        d.put("deployment", "dep-sepsis-watch-" + (seq % 17));
        d.put("patient", String.format("pt_%016x", random.nextLong()));
        d.put("author", "dr.j.moreau@st-example.org");
        d.put("severity", random.nextInt(5));
        StringBuilder note = new StringBuilder();
        while (note.length() < 150) {
            note.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        d.put("note", note.toString().strip());
        return d;
    }

    /** {@code n} distinct entries, seeded. */
    static List<EntryDraft> drafts(long firstSeq, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<EntryDraft> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(draft(firstSeq + i, random));
        }
        return out;
    }

    static double averageSize(List<EntryDraft> drafts) {
        return drafts.stream().mapToInt(d -> d.bytes().length).average().orElse(0);
    }
}
