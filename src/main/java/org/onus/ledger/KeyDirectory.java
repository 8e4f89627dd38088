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

    /**
     * A tenant's named random secret of {@code length} bytes (e.g. its pseudonymization secret
     * and master key), kept base64 in {@code <data>/keys/<tenant>.<name>}, owner-only, created on
     * first use. Losing it makes pseudonyms and encrypted payloads unrecoverable: back it up with
     * the data directory, and keep it apart from database dumps.
     */
    public byte[] secret(String tenant, String name, int length) {
        Path file = dir.resolve(tenant + "." + name);
        try {
            if (!Files.exists(file)) {
                createOwnerOnlyDir(dir);
                byte[] fresh = new byte[length];
                random.nextBytes(fresh);
                try {
                    writeOwnerOnly(file, java.util.Base64.getEncoder().encodeToString(fresh) + "\n");
                    return fresh;
                } catch (FileAlreadyExistsException raced) {
                    // another thread created it first: read theirs
                }
            }
            byte[] stored = java.util.Base64.getDecoder().decode(Files.readString(file, StandardCharsets.UTF_8).strip());
            if (stored.length != length) {
                throw new LedgerException("the secret " + file + " has " + stored.length + " bytes, expected " + length);
            }
            return stored;
        } catch (IllegalArgumentException e) {
            throw new LedgerException("the secret " + file + " is damaged: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new LedgerException("cannot read or create the secret " + file + ": " + e.getMessage(), e);
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
