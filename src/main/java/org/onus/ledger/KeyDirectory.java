package org.onus.ledger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

/**
 * Keeps each log's checkpoint signing key as a signed-note signer key in
 * {@code <data>/keys/<tenant>.key}, created on first use and readable by the owner only.
 */
public final class KeyDirectory {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private final Path dir;
    private final SecureRandom random;

    public KeyDirectory(Path dataDir, SecureRandom random) {
        this.dir = dataDir.resolve("keys");
        this.random = random;
    }

    public Path fileFor(String tenant) {
        return dir.resolve(tenant + ".key");
    }

    /** The tenant's signing key, generating and saving it (owner-only) if there is none yet. */
    public NoteKey signingKey(String tenant, String keyName) {
        Path file = fileFor(tenant);
        try {
            if (Files.exists(file)) {
                return load(file, keyName);
            }
            createOwnerOnlyDir(dir);
            NoteKey key = NoteKey.generate(keyName, random);
            try {
                writeOwnerOnly(file, key.signerKey() + "\n");
            } catch (FileAlreadyExistsException raced) {
                return load(file, keyName);
            }
            return key;
        } catch (IOException e) {
            throw new LedgerException("cannot read or create the signing key " + file + ": " + e.getMessage(), e);
        }
    }

    private static NoteKey load(Path file, String keyName) throws IOException {
        NoteKey key;
        try {
            key = NoteKey.parseSigner(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new LedgerException("the signing key " + file + " is damaged: " + e.getMessage(), e);
        }
        if (!key.name().equals(keyName)) {
            throw new LedgerException("the signing key " + file + " is named " + key.name() + " but the log is "
                    + keyName + "; the origin must not change once a log has signed checkpoints");
        }
        return key;
    }

    static void createOwnerOnlyDir(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            Files.createDirectories(dir);
            try {
                Files.setPosixFilePermissions(dir, OWNER_ONLY_DIR);
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the platform's defaults apply
            }
        }
    }

    /** Writes a new file that only its owner can read; fails if it exists. */
    public static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
