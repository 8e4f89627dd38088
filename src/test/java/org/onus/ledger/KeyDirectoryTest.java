package org.onus.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyDirectoryTest {

    @TempDir
    Path data;

    @Test
    void theSigningKeyIsCreatedOnFirstUseReadableByTheOwnerOnly() throws Exception {
        NoteKey key = new KeyDirectory(data, new SecureRandom()).signingKey("default", "onus.local/default");

        Path file = data.resolve("keys/default.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(Files.readString(file).strip()).isEqualTo(key.signerKey()).startsWith("PRIVATE+KEY+onus.local/default+");
    }

    @Test
    void theSameKeyIsLoadedOnLaterStarts() {
        NoteKey first = new KeyDirectory(data, new SecureRandom()).signingKey("default", "onus.local/default");
        NoteKey again = new KeyDirectory(data, new SecureRandom()).signingKey("default", "onus.local/default");

        assertThat(again.verifierKey()).isEqualTo(first.verifierKey());
    }

    @Test
    void aKeyIsNotSilentlyReusedUnderAnotherOrigin() {
        new KeyDirectory(data, new SecureRandom()).signingKey("default", "onus.local/default");

        assertThatThrownBy(() -> new KeyDirectory(data, new SecureRandom()).signingKey("default", "other.example/default"))
                .isInstanceOf(LedgerException.class)
                .hasMessageContaining("origin must not change");
    }

    @Test
    void aDamagedKeyFileIsReportedNotReplaced() throws Exception {
        new KeyDirectory(data, new SecureRandom()).signingKey("default", "onus.local/default");
        Files.writeString(data.resolve("keys/default.key"), "PRIVATE+KEY+garbage");

        assertThatThrownBy(() -> new KeyDirectory(data, new SecureRandom()).signingKey("default", "onus.local/default"))
                .isInstanceOf(LedgerException.class)
                .hasMessageContaining("damaged");
    }
}
