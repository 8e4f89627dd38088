package org.onus.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.onus.store.Annex;
import org.onus.store.SqliteStore;
import org.onus.store.StoredEntry;

/**
 * What each row beside an entry costs the embedded store's writer, per event, at a given number
 * of events per commit: appends of synthetic decision-sized entries (1,100 random bytes) straight
 * into {@link SqliteStore}, with none, one or all of the rows a recorded decision carries. This
 * is the sequencer's store work alone (no HTTP, no recording, no Merkle tree), so the difference
 * between two lines is the price of one kind of row.
 *
 * <p>The rows, by letter: {@code p} a patient lookup (20,000 patients, drawn at random),
 * {@code d} a deployment lookup (two units), {@code i} a decision-id lookup (ids as the bench
 * makes them: 64 clients, each counting up), {@code r} a decision-id lookup with random ids (as
 * UUIDs would be), {@code s} a system lookup, {@code u} the unique key of the decision id,
 * {@code b} a sealed blob of 90 bytes. {@code x} is the entry alone. A timing of one thread's
 * wall-clock time, so a plain program rather than a JMH benchmark; the first quarter of the
 * commits is left out as warm-up.
 *
 * <p>Run:
 * <pre>
 * mvn -B -Pjmh package
 * java -cp target/benchmarks.jar org.onus.bench.StoreRowCost [events per commit, default 1000] [events, default 200000]
 * </pre>
 */
public final class StoreRowCost {

    private static final String[] MIXES = {"x", "p", "d", "i", "r", "s", "u", "b", "pdisub"};

    private StoreRowCost() {
    }

    public static void main(String[] args) throws Exception {
        int perCommit = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        System.out.printf("%d events per commit, %,d events per mix%n", perCommit, events);
        double alone = 0;
        for (String mix : MIXES) {
            double micros = run(mix, perCommit, events / perCommit);
            if (mix.equals("x")) {
                alone = micros;
            }
            System.out.printf("%-7s %6.1f µs per event%s%n", mix, micros,
                    mix.equals("x") ? " (the entry alone)" : String.format("  (+%.1f)", micros - alone));
        }
    }

    private static double run(String mix, int perCommit, int commits) throws Exception {
        Path dir = Files.createTempDirectory("onus-store-row-cost");
        try {
            SqliteStore store = SqliteStore.open(dir);
            long tenant = store.createTenant("bench", 0).id();
            SplittableRandom random = new SplittableRandom(1);
            byte[] body = new byte[1100];
            long index = 0;
            long start = 0;
            for (int c = 0; c < commits; c++) {
                if (c == commits / 4) {
                    start = System.nanoTime();
                }
                List<StoredEntry> entries = new ArrayList<>(perCommit);
                List<Annex.Key> keys = new ArrayList<>();
                List<Annex.UniqueKey> unique = new ArrayList<>();
                List<Annex.Blob> blobs = new ArrayList<>();
                long first = index;
                for (int i = 0; i < perCommit; i++, index++) {
                    random.nextBytes(body);
                    byte[] leaf = new byte[32];
                    random.nextBytes(leaf);
                    long at = System.currentTimeMillis();
                    entries.add(new StoredEntry(index, "decision", at, body.clone(), leaf));
                    String id = "bench-run-c" + (index % 64) + "-" + (index / 64);
                    if (mix.contains("p")) {
                        keys.add(new Annex.Key(index, "patient", "pt-" + Long.toHexString(random.nextInt(20_000) * 0x9E3779B97F4A7C15L), at));
                    }
                    if (mix.contains("d")) {
                        keys.add(new Annex.Key(index, "deployment", "auth-1/site/unit-" + (index & 1), at));
                    }
                    if (mix.contains("i")) {
                        keys.add(new Annex.Key(index, "decision", id, at));
                    }
                    if (mix.contains("r")) {
                        keys.add(new Annex.Key(index, "decision", HexFormat.of().formatHex(leaf, 0, 16), at));
                    }
                    if (mix.contains("s")) {
                        keys.add(new Annex.Key(index, "system", "system-1", at));
                    }
                    if (mix.contains("u")) {
                        unique.add(new Annex.UniqueKey("decision/" + id, index, leaf));
                    }
                    if (mix.contains("b")) {
                        byte[] sealed = new byte[90];
                        random.nextBytes(sealed);
                        blobs.add(new Annex.Blob(index, "sha256:" + HexFormat.of().formatHex(leaf), sealed));
                    }
                }
                store.append(tenant, first, entries, List.of(), new Annex(keys, unique, blobs));
            }
            double micros = (System.nanoTime() - start) / 1e3 / ((commits - commits / 4) * (double) perCommit);
            store.close();
            return micros;
        } finally {
            BenchLedger.deleteRecursively(dir);
        }
    }
}
