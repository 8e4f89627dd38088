package org.onus.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onus.verify.VerifyFixtures.TENANT;
import static org.onus.verify.VerifyFixtures.TENANT_ID;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onus.ledger.Checkpoint;
import org.onus.ledger.Ledger;
import org.onus.ledger.LogVerifier;
import org.onus.ledger.Merkle;
import org.onus.ledger.NoteKey;
import org.onus.ledger.TenantLog;
import org.onus.ledger.VerificationProblem;
import org.onus.ledger.VerificationReport;
import org.onus.store.SqliteStore;

class LogVerifierTest {

    @TempDir
    Path dir;

    @Test
    void aLogOfThousandsOfEntriesVerifiesAfterEveryStepAndReportsItsCounts() {
        Ledger ledger = VerifyFixtures.open(dir);
        try {
            TenantLog log = ledger.createTenant(TENANT);
            assertThat(LogVerifier.verifyAll(ledger)).allMatch(VerificationReport::ok);
            for (long size : new long[] {1, 255, 256, 257, 1000, 1024, 2049, 3000}) {
                VerifyFixtures.appendUpTo(log, size);
                log.checkpoint();
                List<VerificationReport> reports = LogVerifier.verifyAll(ledger);
                assertThat(reports).singleElement().satisfies(r -> {
                    assertThat(r.problem()).isEmpty();
                    assertThat(r.entries()).isEqualTo(size);
                    assertThat(r.tiles()).isEqualTo(size / 256);
                    assertThat(r.latestCheckpoint()).isEqualTo(size);
                    assertThat(r.root()).isEqualTo(log.rootAt(size));
                });
            }
            VerificationReport last = new LogVerifier(ledger.store()).verify(TENANT, log.publicKey());
            assertThat(last.checkpoints()).isGreaterThanOrEqualTo(8);
            assertThat(last.summary()).contains("3000 entries", "11 tiles", "root ");
        } finally {
            VerifyFixtures.close(ledger);
        }
    }

    @Test
    void aLogVerifiesWhileEntriesKeepArriving() throws Exception {
        Ledger ledger = VerifyFixtures.open(dir);
        try {
            TenantLog log = ledger.createTenant(TENANT);
            VerifyFixtures.appendUpTo(log, 2000);
            log.checkpoint();
            Thread writer = new Thread(() -> VerifyFixtures.appendUpTo(log, 6000));
            writer.start();
            for (int i = 0; i < 5; i++) {
                log.checkpoint();
                assertThat(LogVerifier.verifyAll(ledger)).allMatch(VerificationReport::ok);
            }
            writer.join();
            log.checkpoint();
            assertThat(LogVerifier.verifyAll(ledger)).singleElement()
                    .satisfies(r -> assertThat(r.entries()).isEqualTo(6000));
        } finally {
            VerifyFixtures.close(ledger);
        }
    }

    @Test
    void anEmptyLogWithACheckpointOfSizeZeroVerifies() {
        Ledger ledger = VerifyFixtures.open(dir);
        try {
            TenantLog log = ledger.createTenant(TENANT);
            log.checkpoint();
            assertThat(LogVerifier.verifyAll(ledger)).singleElement().satisfies(r -> {
                assertThat(r.ok()).isTrue();
                assertThat(r.entries()).isZero();
                assertThat(r.checkpoints()).isEqualTo(1);
                assertThat(r.root()).isEqualTo(Merkle.emptyRoot());
            });
        } finally {
            VerifyFixtures.close(ledger);
        }
    }

    @Test
    void anotherKeyWithTheSameNameFindsTheFirstCheckpointNotValidlySigned() {
        VerifyFixtures.buildLog(dir, 600, 300);
        NoteKey impostor = NoteKey.generate("onus.local/default", new SecureRandom()).verifierOnly();
        try (SqliteStore store = SqliteStore.open(dir)) {
            VerificationReport r = new LogVerifier(store).verify(TENANT, impostor);
            assertThat(r.problem()).get().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(VerificationProblem.Kind.CHECKPOINT);
                assertThat(p.position()).isEqualTo(300);
                assertThat(p.message()).startsWith("checkpoint 300 is not validly signed");
            });
        }
    }

    @Test
    void aCheckpointForgedWithAnotherKeyIsNamedBySize() throws Exception {
        VerifyFixtures.buildLog(dir, 900, 300);
        NoteKey genuine;
        byte[] rootAt600;
        Ledger ledger = VerifyFixtures.open(dir);
        try {
            TenantLog log = ledger.log(TENANT).orElseThrow();
            genuine = log.publicKey();
            rootAt600 = log.rootAt(600);
        } finally {
            VerifyFixtures.close(ledger);
        }
        NoteKey forger = NoteKey.generate("onus.local/default", new SecureRandom());
        String forged = new Checkpoint("onus.local/default", 600, rootAt600).sign(forger);
        try (Connection c = VerifyFixtures.sqlite(dir)) {
            VerifyFixtures.update(c, "INSERT INTO checkpoints(tenant_id, size, root, note, created_at) VALUES (?, ?, ?, ?, 0)",
                    TENANT_ID, 600, rootAt600, forged);
        }
        try (SqliteStore store = SqliteStore.open(dir)) {
            VerificationReport r = new LogVerifier(store).verify(TENANT, genuine);
            assertThat(r.problem()).get().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(VerificationProblem.Kind.CHECKPOINT);
                assertThat(p.position()).isEqualTo(600);
                assertThat(p.message()).contains("checkpoint 600 is not validly signed", "no signature by onus.local/default+");
            });
        }
    }

    @Test
    void aStoredCheckpointRootThatDisagreesWithItsSignedNoteIsReported() throws Exception {
        VerifyFixtures.buildLog(dir, 700, 512);
        try (Connection c = VerifyFixtures.sqlite(dir)) {
            VerifyFixtures.update(c, "UPDATE checkpoints SET root = ? WHERE tenant_id = ? AND size = 512",
                    Merkle.emptyRoot(), TENANT_ID);
        }
        try (SqliteStore store = SqliteStore.open(dir)) {
            NoteKey key = key(store);
            VerificationReport r = new LogVerifier(store).verify(TENANT, key);
            assertThat(r.problem()).get().extracting(VerificationProblem::message).asString()
                    .contains("checkpoint 512 is stored with size 512 and root", "the checkpoints table was altered");
        }
    }

    @Test
    void anEntryDeletedFromTheMiddleIsNamedAsMissing() throws Exception {
        VerifyFixtures.buildLog(dir, 1000);
        try (Connection c = VerifyFixtures.sqlite(dir)) {
            VerifyFixtures.update(c, "DELETE FROM entries WHERE id = ?", VerifyFixtures.rowId(417));
        }
        try (SqliteStore store = SqliteStore.open(dir)) {
            VerificationReport r = new LogVerifier(store).verify(TENANT, key(store));
            assertThat(r.problem()).get().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(VerificationProblem.Kind.ENTRY);
                assertThat(p.position()).isEqualTo(417);
                assertThat(p.message()).startsWith("entry 417 is missing (the next stored entry is 418)");
            });
            assertThat(r.entries()).isEqualTo(417);
        }
    }

    @Test
    void aTileWhosePackedLeafHashWasAlteredNamesTheTileAndTheEntry() throws Exception {
        VerifyFixtures.buildLog(dir, 800);
        try (Connection c = VerifyFixtures.sqlite(dir)) {
            byte[] packed = VerifyFixtures.blob(c, "SELECT leaf_hashes FROM tiles WHERE id = ?", VerifyFixtures.rowId(1));
            packed[5 * 32 + 7] ^= 1;
            VerifyFixtures.update(c, "UPDATE tiles SET leaf_hashes = ? WHERE id = ?", packed, VerifyFixtures.rowId(1));
        }
        try (SqliteStore store = SqliteStore.open(dir)) {
            VerificationReport r = new LogVerifier(store).verify(TENANT, key(store));
            assertThat(r.problem()).get().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(VerificationProblem.Kind.TILE);
                assertThat(p.position()).isEqualTo(1);
                assertThat(p.message()).startsWith("tile 1 (entries 256 to 511) was altered: its leaf hash for entry 261");
            });
        }
    }

    @Test
    void anEntryWhoseStoredTypeDisagreesWithItsBytesIsMalformed() throws Exception {
        VerifyFixtures.buildLog(dir, 300);
        try (Connection c = VerifyFixtures.sqlite(dir)) {
            VerifyFixtures.update(c, "UPDATE entries SET type = 'decision' WHERE id = ?", VerifyFixtures.rowId(42));
        }
        try (SqliteStore store = SqliteStore.open(dir)) {
            VerificationReport r = new LogVerifier(store).verify(TENANT, key(store));
            assertThat(r.problem()).get().extracting(VerificationProblem::message).asString()
                    .startsWith("entry 42 is malformed: its type is 'annotation' but it is stored as 'decision'");
        }
    }

    private NoteKey key(SqliteStore store) throws Exception {
        String signer = java.nio.file.Files.readString(dir.resolve("keys").resolve(TENANT + ".key"));
        return NoteKey.parseSigner(signer).verifierOnly();
    }
}
