package org.onus.recording;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.onus.ledger.Entries;

/**
 * The CPU, on one thread, of making a decision's entry (bytes and leaf hash): written straight
 * from the record ({@link DecisionEntry}), against the tree path it replaced (the event's tree,
 * changed in place, the envelope's tree canonicalized; the tests keep that path as the reference
 * the writer must equal). The bench's decision: a score with a sealed recommendation, two quality
 * indicators, four fields present, one clinician.
 *
 * <p>Run:
 * <pre>
 * mvn -B -Pjmh package
 * java -cp target/benchmarks.jar org.onus.recording.EntryWritingCpu
 * </pre>
 */
public final class EntryWritingCpu {

    private EntryWritingCpu() {
    }

    public static void main(String[] args) {
        Decision d = new Decision("bench-run1-c3-000123", Instant.parse("2026-12-03T16:00:01.234Z"), null, "bench-general", "ed",
                null, "3.2.0", "sha256:" + "ab".repeat(32),
                new Decision.Patient("MRN-1012345", 64.0, "female", null, null, new TreeMap<>()),
                new Decision.Input(null, "ehr-vitals", new TreeMap<>(Map.of("completeness", 0.93, "timeliness", 0.81)),
                        List.of("heartRate", "respiratoryRate", "temperature", "lactate"), null),
                new Decision.Output("score", null, 0.734, "sepsis risk high: start the sepsis bundle", null, null, null, null),
                List.of("bench-dr-okafor"));
        String sealed = "sha256:" + "cd".repeat(32);
        DecisionEntry.Additions added = new DecisionEntry.Additions("pt-" + "x".repeat(24),
                new DecisionEntry.Sealed(null, sealed, null), "bench-auth-sepsis-ed-icu", "bench-sepsis-watch",
                "emergency", List.of(), false, 0, null);
        Instant at = Instant.parse("2026-12-03T16:00:02.345Z");
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        int n = 200_000;
        for (int round = 0; round < 6; round++) {
            long sink = 0;
            long t0 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                ObjectNode data = d.toData();
                ObjectNode patient = (ObjectNode) data.get("patient");
                patient.remove("id");
                patient.put("pseudonym", added.pseudonym());
                ((ObjectNode) data.get("output")).set("recommendation", JsonNodeFactory.instance.objectNode().put("sealed", sealed));
                data.put("authorization", added.authorization());
                data.put("system", added.system());
                patient.put("careSetting", added.careSetting());
                data.set("flags", Flag.toJson(added.flags()));
                sink += Entries.draft("decision", at, "tok_bench", data).bytes().length;
            }
            long t1 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                sink += Entries.draft("decision", at, "tok_bench", w -> DecisionEntry.write(w, d, added)).bytes().length;
            }
            long t2 = cpu.getCurrentThreadCpuTime();
            System.out.printf("round %d, µs per entry: tree path %.2f, written from the record %.2f (%d)%n",
                    round, (t1 - t0) / 1e3 / n, (t2 - t1) / 1e3 / n, sink);
        }
    }
}
