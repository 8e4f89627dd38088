package org.onus.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.onus.ledger.CanonicalJson;
import org.onus.recording.Decision;
import org.onus.validation.Fields;

/**
 * The CPU, on one thread, of the steps that read one decision event before anything else is done
 * with it: the body parsed into a tree, the same with the exactness checks ({@code Json.object}),
 * the event read and validated field by field ({@code Decision.read}), and the idempotency digest
 * (SHA-256 of the body's canonical form). The event is the bench's (~590 bytes), its id, patient
 * and score varied. Thread CPU time over 200,000 events per round, so other processes' load
 * matters less than to wall-clock figures.
 *
 * <p>Run:
 * <pre>
 * mvn -B -Pjmh package
 * java -cp target/benchmarks.jar org.onus.http.EventParsingCpu
 * </pre>
 */
public final class EventParsingCpu {

    private EventParsingCpu() {
    }

    static byte[] body(int i) {
        return ("{\"id\":\"bench-run1-c1-" + i + "\",\"eventTime\":\"2026-12-03T16:00:01.234Z\",\"site\":\"bench-general\","
                + "\"unit\":\"ed\",\"reportedVersion\":\"3.2.0\",\"artifactDigest\":\"sha256:"
                + "5e9c1a7d0b3f4e2a8c6d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d\",\"patient\":{\"id\":\"MRN-" + (1_000_000 + i % 20_000)
                + "\",\"age\":" + (18 + i % 70) + ",\"sex\":\"male\"},\"input\":{\"modality\":\"ehr-vitals\",\"quality\":"
                + "{\"completeness\":0.92,\"timeliness\":0.86},\"fieldsPresent\":[\"heartRate\",\"respiratoryRate\",\"temperature\","
                + "\"lactate\"]},\"output\":{\"kind\":\"score\",\"score\":0." + (100 + i % 900) + ",\"recommendation\":"
                + "\"sepsis risk high: draw lactate and blood cultures, start the sepsis bundle\"},\"shownTo\":[\"bench-dr-okafor\"]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    public static void main(String[] args) throws Exception {
        int k = 1000;
        byte[][] bodies = new byte[k][];
        JsonNode[] trees = new JsonNode[k];
        for (int i = 0; i < k; i++) {
            bodies[i] = body(i);
            trees[i] = Json.object(bodies[i]);
        }
        Clock clock = Clock.fixed(Instant.parse("2026-12-03T16:01:00Z"), ZoneOffset.UTC);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        int n = 200_000;
        for (int round = 0; round < 6; round++) {
            long sink = 0;
            long t0 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                sink += Json.MAPPER.readTree(bodies[i % k]).size();
            }
            long t1 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                sink += Json.object(bodies[i % k]).size();
            }
            long t2 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                sink += Decision.read(Fields.of(trees[i % k], "", new Fields.Errors(clock))).id().length();
            }
            long t3 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                sink += sha.digest(CanonicalJson.bytes(trees[i % k])).length;
            }
            long t4 = cpu.getCurrentThreadCpuTime();
            System.out.printf("round %d, µs per event: tree %.2f, tree with exactness checks %.2f, Decision.read %.2f, body digest %.2f (%d)%n",
                    round, (t1 - t0) / 1e3 / n, (t2 - t1) / 1e3 / n, (t3 - t2) / 1e3 / n, (t4 - t3) / 1e3 / n, sink);
        }
    }
}
