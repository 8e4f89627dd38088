package org.onus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.OperatingSystemMXBean;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.onus.Onus;
import org.onus.ledger.TenantLog;
import org.onus.recording.Recorder;

/**
 * Where the CPU of batched decision ingest goes, by thread: an embedded Onus (temporary data
 * directory, the bench's registry), and batches of 1,000 of the bench's decision events recorded
 * one after the other through {@link Recorder#decisions} on this thread, each waiting for its
 * commit. No HTTP: what is left is the recorder's per-event work (this thread), the sequencer
 * (SQLite), the monitor, and the JVM's own threads (GC, JIT), which no Java thread accounts for.
 * A timing of CPU, not of wall-clock time, so a plain program rather than a JMH benchmark; the
 * first rounds include the JIT's work.
 *
 * <p>Run:
 * <pre>
 * mvn -B -Pjmh package
 * java -cp target/benchmarks.jar org.onus.cli.RecordingCpu [rounds, default 8]
 * </pre>
 */
public final class RecordingCpu {

    private static final String TOKEN = "recording-cpu-bootstrap-token-0123456789";
    private static final int BATCH = 1000;
    private static final int BATCHES_PER_ROUND = 20;

    private RecordingCpu() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        Onus onus = Onus.start(Onus.Config.of(Files.createTempDirectory("onus-recording-cpu")).withPort(0)
                .withBootstrapSecret(TOKEN));
        try {
            BenchDecisions.register(onus.uri(), TOKEN, new PrintWriter(System.out, true));
            TenantLog log = onus.ledger().log(Onus.DEFAULT_TENANT).orElseThrow();
            Recorder recorder = onus.services(log).recorder();
            BenchDecisions events = new BenchDecisions("cpu", 20_000);
            ObjectMapper json = new ObjectMapper();
            SplittableRandom random = new SplittableRandom(1);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long seq = 0;
            int perRound = BATCH * BATCHES_PER_ROUND;
            for (int round = 0; round < rounds; round++) {
                List<List<JsonNode>> batches = new ArrayList<>();
                for (int b = 0; b < BATCHES_PER_ROUND; b++) {
                    List<JsonNode> batch = new ArrayList<>(BATCH);
                    for (int i = 0; i < BATCH; i++) {
                        StringBuilder body = new StringBuilder();
                        events.write(body, 0, seq++, random, BenchDecisions.now());
                        batch.add(json.readTree(body.toString()));
                    }
                    batches.add(batch);
                }
                Map<String, Long> before = cpuByThread(threads);
                long process = os.getProcessCpuTime();
                long wall = System.nanoTime();
                for (List<JsonNode> batch : batches) {
                    recorder.decisions(batch, "tok_recording_cpu", true);
                }
                double seconds = (System.nanoTime() - wall) / 1e9;
                long processCpu = os.getProcessCpuTime() - process;
                Map<String, Long> after = cpuByThread(threads);
                StringBuilder line = new StringBuilder(String.format("round %d: %,.0f events/s, process %.1f µs per event;",
                        round, perRound / seconds, processCpu / 1e3 / perRound));
                long inJavaThreads = 0;
                for (Map.Entry<String, Long> t : after.entrySet()) {
                    long used = t.getValue() - before.getOrDefault(t.getKey(), 0L);
                    inJavaThreads += used;
                    if (used / 1e3 / perRound >= 0.5) {
                        line.append(String.format(" %s %.1f", t.getKey(), used / 1e3 / perRound));
                    }
                }
                line.append(String.format("; GC, JIT and VM %.1f", (processCpu - inJavaThreads) / 1e3 / perRound));
                System.out.println(line);
            }
        } finally {
            onus.close();
        }
    }

    /** CPU time of each live Java thread, summed by name with digits folded (pool threads together). */
    private static Map<String, Long> cpuByThread(ThreadMXBean threads) {
        Map<String, Long> out = new TreeMap<>();
        for (long id : threads.getAllThreadIds()) {
            ThreadInfo info = threads.getThreadInfo(id);
            long cpu = threads.getThreadCpuTime(id);
            if (info != null && cpu > 0) {
                out.merge(info.getThreadName().replaceAll("[0-9]+", "N"), cpu, Long::sum);
            }
        }
        return out;
    }
}
