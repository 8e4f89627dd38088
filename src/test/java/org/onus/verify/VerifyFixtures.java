package org.onus.verify;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.onus.cli.Main;
import org.onus.ledger.Entries;
import org.onus.ledger.EntryDraft;
import org.onus.ledger.KeyDirectory;
import org.onus.ledger.Ledger;
import org.onus.ledger.Merkle;
import org.onus.ledger.TenantLog;
import org.onus.store.SqliteStore;

/**
 * Real logs in a temporary data directory, the command line run in-process, and the raw SQL an
 * attacker with access to the data file would use.
 */
final class VerifyFixtures {

    static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    static final String TENANT = "default";
    static final long TENANT_ID = 1; // the first tenant created in a fresh store
    static final int TILE = 256;

    private VerifyFixtures() {
    }

    /** A ledger over the embedded store in {@code dir}; close with {@link #close}. */
    static Ledger open(Path dir) {
        return new Ledger(SqliteStore.open(dir), new KeyDirectory(dir, new SecureRandom()), "onus.local",
                Clock.fixed(T0, ZoneOffset.UTC));
    }

    static void close(Ledger ledger) {
        ledger.close();
        ledger.store().close();
    }

    /** The annotation appended as entry {@code n}; its note contains the text "entry n". */
    static EntryDraft annotation(long n) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("note", "entry " + n + " of the verification tests");
        data.put("n", n);
        return Entries.draft("annotation", T0.plusMillis(n), "tok_test", data);
    }

    /** Appends entries until the log holds {@code size}, in batches. */
    static void appendUpTo(TenantLog log, long size) {
        while (log.size() < size) {
            long from = log.size();
            int count = (int) Math.min(500, size - from);
            List<EntryDraft> batch = new ArrayList<>(count);
            for (long i = from; i < from + count; i++) {
                batch.add(annotation(i));
            }
            log.appendAll(batch).join();
        }
    }

    /**
     * A closed data directory holding a log of {@code size} entries with a checkpoint signed at
     * each of {@code checkpointSizes} (and at {@code size}, on close).
     */
    static void buildLog(Path dir, long size, long... checkpointSizes) {
        Ledger ledger = open(dir);
        try {
            TenantLog log = ledger.createTenant(TENANT);
            for (long cp : checkpointSizes) {
                appendUpTo(log, cp);
                log.checkpoint();
            }
            appendUpTo(log, size);
            log.checkpoint();
        } finally {
            close(ledger);
        }
    }

    record CliRun(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    /** Runs {@code onus args...} in-process, capturing what it prints. */
    static synchronized CliRun onus(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = Main.run(args);
            return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** The first row id past the tenant's entries and tiles. */
    static final long END_OF_TENANT = (TENANT_ID + 1) << 40;

    static long rowId(long index) {
        return (TENANT_ID << 40) | index;
    }

    static Connection sqlite(Path dir) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("onus.db"));
    }

    static byte[] blob(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no row " + id + " for " + sql);
                }
                return rs.getBytes(1);
            }
        }
    }

    static void update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    static List<Long> checkpointSizes(Path dir) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (Connection c = sqlite(dir); PreparedStatement ps = c.prepareStatement(
                "SELECT size FROM checkpoints WHERE tenant_id = ? ORDER BY size")) {
            ps.setLong(1, TENANT_ID);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    /** Flips one bit of one byte inside the JSON string "entry n of ...", leaving valid canonical JSON. */
    static byte[] flipOneByte(byte[] entry, long n) {
        String marker = "entry " + n + " of";
        String text = new String(entry, StandardCharsets.UTF_8);
        int at = text.indexOf(marker);
        if (at < 0) {
            throw new IllegalStateException("entry " + n + " does not contain '" + marker + "'");
        }
        byte[] altered = entry.clone();
        altered[at] ^= 0x20; // 'e' -> 'E'
        return altered;
    }

    /** The root of a full tile from its packed leaf hashes, as an attacker would recompute it. */
    static byte[] tileRoot(byte[] packed) {
        List<byte[]> level = new ArrayList<>();
        for (int off = 0; off < packed.length; off += 32) {
            level.add(java.util.Arrays.copyOfRange(packed, off, off + 32));
        }
        while (level.size() > 1) {
            List<byte[]> up = new ArrayList<>();
            for (int i = 0; i < level.size(); i += 2) {
                up.add(Merkle.nodeHash(level.get(i), level.get(i + 1)));
            }
            level = up;
        }
        return level.get(0);
    }
}
