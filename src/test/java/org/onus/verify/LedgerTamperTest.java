package org.onus.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onus.verify.VerifyFixtures.TENANT;
import static org.onus.verify.VerifyFixtures.TENANT_ID;
import static org.onus.verify.VerifyFixtures.onus;
import static org.onus.verify.VerifyFixtures.rowId;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onus.ledger.Ledger;
import org.onus.ledger.Merkle;
import org.onus.ledger.NoteKey;
import org.onus.ledger.TenantLog;
import org.onus.verify.VerifyFixtures.CliRun;

/**
 * What {@code onus verify --data} says about a data directory altered behind Onus's back, directly
 * in the SQLite file, the way someone with access to the disk but not to the signing key would.
 */
class LedgerTamperTest {

    private static final int SIZE = 3000;
    private static final long[] CHECKPOINTS = {1000, 2000, 2500};
    private static final long ALTERED = 1234;

    @TempDir
    Path dir;

    @Test
    void anUntouchedDataDirectoryVerifiesWithOneSummaryLinePerTenant() {
        VerifyFixtures.buildLog(dir, SIZE, CHECKPOINTS);
        CliRun run = onus("verify", "--data", dir.toString());
        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(run.out()).contains("OK tenant default (onus.local/default): 3000 entries, 11 tiles, 4 checkpoints verified "
                + "(latest at size 3000), root ");
        assertThat(run.out()).contains("key from " + dir.resolve("keys").resolve("default.key"), "pin each log's published key with --key");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void oneByteChangedInOneStoredEntryIsNamedByItsIndex() throws Exception {
        VerifyFixtures.buildLog(dir, SIZE, CHECKPOINTS);
        try (Connection c = VerifyFixtures.sqlite(dir)) {
            byte[] entry = VerifyFixtures.blob(c, "SELECT entry FROM entries WHERE id = ?", rowId(ALTERED));
            VerifyFixtures.update(c, "UPDATE entries SET entry = ? WHERE id = ?", VerifyFixtures.flipOneByte(entry, ALTERED),
                    rowId(ALTERED));
        }
        CliRun run = onus("verify", "--data", dir.toString());
        assertThat(run.exit()).as(run.all()).isEqualTo(1);
        assertThat(run.err()).contains("FAILED tenant default (onus.local/default): entry 1234 was altered: its stored bytes hash to");
        assertThat(run.err()).contains("recover it from a backup or an evidence bundle");
    }

    @Test
    void aTileWhoseStoredInnerNodesWereAlteredIsNamed() throws Exception {
        VerifyFixtures.buildLog(dir, SIZE, CHECKPOINTS);
        long tile = ALTERED / VerifyFixtures.TILE;
        try (Connection c = VerifyFixtures.sqlite(dir)) {
            byte[] mid = VerifyFixtures.blob(c, "SELECT mid FROM tiles WHERE id = ?", rowId(tile));
            mid[40] ^= 0x01;
            VerifyFixtures.update(c, "UPDATE tiles SET mid = ? WHERE id = ?", mid, rowId(tile));
        }
        CliRun run = onus("verify", "--data", dir.toString());
        assertThat(run.exit()).as(run.all()).isEqualTo(1);
        assertThat(run.err()).contains("tile " + tile + " ", "inner nodes");
    }

    @Test
    void anEntryRewrittenWithItsLeafHashAndTileIsCaughtByTheFirstCheckpointAboveIt() throws Exception {
        VerifyFixtures.buildLog(dir, SIZE, CHECKPOINTS);
        try (Connection c = VerifyFixtures.sqlite(dir)) {
            byte[] altered = VerifyFixtures.flipOneByte(
                    VerifyFixtures.blob(c, "SELECT entry FROM entries WHERE id = ?", rowId(ALTERED)), ALTERED);
            byte[] leaf = Merkle.leafHash(altered);
            VerifyFixtures.update(c, "UPDATE entries SET entry = ?, leaf_hash = ? WHERE id = ?", altered, leaf, rowId(ALTERED));
            long tile = ALTERED / VerifyFixtures.TILE;
            byte[] packed = VerifyFixtures.blob(c, "SELECT leaf_hashes FROM tiles WHERE id = ?", rowId(tile));
            System.arraycopy(leaf, 0, packed, (int) (ALTERED % VerifyFixtures.TILE) * 32, 32);
            VerifyFixtures.update(c, "UPDATE tiles SET leaf_hashes = ?, root = ?, mid = NULL WHERE id = ?", packed,
                    VerifyFixtures.tileRoot(packed), rowId(tile));
        }
        CliRun run = onus("verify", "--data", dir.toString());
        assertThat(run.exit()).as(run.all()).isEqualTo(1);
        assertThat(run.err()).contains("checkpoint 2000 signed the root ", "but the stored entries recompute to ",
                "an entry in entries 1000 to 1999 was rewritten together with its leaf hash and tile");
    }

    @Test
    void deletingTheLastEntriesIsReportedAsARollbackAgainstTheLatestCheckpoint() throws Exception {
        VerifyFixtures.buildLog(dir, SIZE, CHECKPOINTS);
        long keep = 2100;
        try (Connection c = VerifyFixtures.sqlite(dir)) {
            VerifyFixtures.update(c, "DELETE FROM entries WHERE id >= ? AND id < ?", rowId(keep), VerifyFixtures.END_OF_TENANT);
            VerifyFixtures.update(c, "DELETE FROM tiles WHERE id >= ? AND id < ?", rowId(keep / VerifyFixtures.TILE),
                    VerifyFixtures.END_OF_TENANT);
        }
        CliRun run = onus("verify", "--data", dir.toString());
        assertThat(run.exit()).as(run.all()).isEqualTo(1);
        assertThat(run.err()).contains("the log holds 2100 entries but checkpoint 3000 was signed over 3000: "
                + "entries 2100 to 2999 were removed (rollback)");
    }

    @Test
    void deletingTheLastEntriesAndTheirCheckpointsStillLeavesTheirTilesAsTrace() throws Exception {
        VerifyFixtures.buildLog(dir, SIZE, CHECKPOINTS);
        try (Connection c = VerifyFixtures.sqlite(dir)) {
            VerifyFixtures.update(c, "DELETE FROM entries WHERE id >= ? AND id < ?", rowId(2500), VerifyFixtures.END_OF_TENANT);
            VerifyFixtures.update(c, "DELETE FROM checkpoints WHERE tenant_id = ? AND size > 2500", TENANT_ID);
        }
        CliRun run = onus("verify", "--data", dir.toString());
        assertThat(run.exit()).as(run.all()).isEqualTo(1);
        assertThat(run.err()).contains("tile 9 (entries 2304 to 2559) is stored but the log holds only 2500 entries");
    }

    @Test
    void aCheckpointNoteWithAlteredTextIsReportedBySize() throws Exception {
        VerifyFixtures.buildLog(dir, SIZE, CHECKPOINTS);
        try (Connection c = VerifyFixtures.sqlite(dir)) {
            VerifyFixtures.update(c, "UPDATE checkpoints SET note = replace(note, '\n2500\n', '\n2400\n') WHERE tenant_id = ? AND size = 2500",
                    TENANT_ID);
        }
        CliRun run = onus("verify", "--data", dir.toString());
        assertThat(run.exit()).as(run.all()).isEqualTo(1);
        assertThat(run.err()).contains("checkpoint 2500 is not validly signed by onus.local/default+",
                "does not verify: the note was altered or signed by another key");
    }

    @Test
    void anAttackerWhoRewritesHistoryAndReplacesTheStoredKeyIsCaughtOnlyByAPinnedKey() throws Exception {
        VerifyFixtures.buildLog(dir, SIZE, CHECKPOINTS);
        String published = NoteKey.parseSigner(Files.readString(dir.resolve("keys/default.key"))).verifierKey();
        // The attacker rewrites entry 1234 consistently, drops every checkpoint and the key, and lets Onus re-sign.
        try (Connection c = VerifyFixtures.sqlite(dir)) {
            byte[] altered = VerifyFixtures.flipOneByte(
                    VerifyFixtures.blob(c, "SELECT entry FROM entries WHERE id = ?", rowId(ALTERED)), ALTERED);
            byte[] leaf = Merkle.leafHash(altered);
            VerifyFixtures.update(c, "UPDATE entries SET entry = ?, leaf_hash = ? WHERE id = ?", altered, leaf, rowId(ALTERED));
            long tile = ALTERED / VerifyFixtures.TILE;
            byte[] packed = VerifyFixtures.blob(c, "SELECT leaf_hashes FROM tiles WHERE id = ?", rowId(tile));
            System.arraycopy(leaf, 0, packed, (int) (ALTERED % VerifyFixtures.TILE) * 32, 32);
            VerifyFixtures.update(c, "UPDATE tiles SET leaf_hashes = ?, root = ?, mid = NULL WHERE id = ?", packed,
                    VerifyFixtures.tileRoot(packed), rowId(tile));
            VerifyFixtures.update(c, "DELETE FROM checkpoints WHERE tenant_id = ?", TENANT_ID);
        }
        Files.delete(dir.resolve("keys/default.key"));
        Ledger ledger = VerifyFixtures.open(dir);
        TenantLog log = ledger.log(TENANT).orElseThrow();
        log.checkpoint();
        VerifyFixtures.close(ledger);

        CliRun trusting = onus("verify", "--data", dir.toString());
        assertThat(trusting.exit()).as(trusting.all()).isZero();
        assertThat(trusting.out()).contains("keys stored beside the data");

        CliRun pinned = onus("verify", "--data", dir.toString(), "--key", published);
        assertThat(pinned.exit()).as(pinned.all()).isEqualTo(1);
        assertThat(pinned.err()).contains("checkpoint 3000 is not validly signed by " + published, "[pinned key]");
    }

    @Test
    void aPinnedKeyFileIsAcceptedAndSaidSo() throws Exception {
        VerifyFixtures.buildLog(dir, 600);
        Path keyFile = dir.resolveSibling(dir.getFileName() + "-published.key");
        Files.writeString(keyFile, NoteKey.parseSigner(Files.readString(dir.resolve("keys/default.key"))).verifierKey() + "\n");
        try {
            CliRun run = onus("verify", "--data", dir.toString(), "--tenant", TENANT, "--key", keyFile.toString());
            assertThat(run.exit()).as(run.all()).isZero();
            assertThat(run.out()).contains("600 entries", "[pinned key]").doesNotContain("keys stored beside the data");
        } finally {
            Files.deleteIfExists(keyFile);
        }
    }

    @Test
    void mistakesInTheCommandAreUsageErrorsThatSayWhatToPass() throws Exception {
        CliRun noDir = onus("verify", "--data", dir.resolve("nowhere").toString());
        assertThat(noDir.exit()).isEqualTo(2);
        assertThat(noDir.err()).contains("no data directory at", "pass --data");

        CliRun emptyDir = onus("verify", "--data", dir.toString());
        assertThat(emptyDir.exit()).isEqualTo(2);
        assertThat(emptyDir.err()).contains("holds no Onus store");

        VerifyFixtures.buildLog(dir, 10);
        CliRun badKey = onus("verify", "--data", dir.toString(), "--key", "not-a-key");
        assertThat(badKey.exit()).isEqualTo(2);
        assertThat(badKey.err()).contains("--key not-a-key is not a verifier key", "GET /v1/ledger/key");

        CliRun otherLog = onus("verify", "--data", dir.toString(),
                "--key", NoteKey.generate("onus.local/elsewhere", new SecureRandom()).verifierKey());
        assertThat(otherLog.exit()).isEqualTo(2);
        assertThat(otherLog.err()).contains("is for the log 'onus.local/elsewhere', which is none of the tenants");

        CliRun unknownTenant = onus("verify", "--data", dir.toString(), "--tenant", "nobody");
        assertThat(unknownTenant.exit()).isEqualTo(2);
        assertThat(unknownTenant.err()).contains("no tenant 'nobody'", "its tenants are: default");

        CliRun both = onus("verify", "--data", dir.toString(), "bundle.json");
        assertThat(both.exit()).isEqualTo(2);

        CliRun unknownOption = onus("verify", "--frobnicate");
        assertThat(unknownOption.exit()).isEqualTo(2);
    }

    @Test
    void aWipedStoreBesideAnExistingKeyIsReported() throws Exception {
        VerifyFixtures.buildLog(dir, 10);
        for (String f : List.of("onus.db", "onus.db-wal", "onus.db-shm")) {
            Files.deleteIfExists(dir.resolve(f));
        }
        Ledger fresh = VerifyFixtures.open(dir); // Onus restarted on an empty store: no tenants yet
        VerifyFixtures.close(fresh);
        CliRun run = onus("verify", "--data", dir.toString());
        assertThat(run.exit()).as(run.all()).isEqualTo(1);
        assertThat(run.err()).contains("keys/default.key exists but the store has no tenant 'default'");
    }
}
