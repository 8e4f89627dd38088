package org.onus.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.onus.ledger.BundleVerification;
import org.onus.ledger.EvidenceBundle;
import org.onus.ledger.LogVerifier;
import org.onus.ledger.NoteKey;
import org.onus.ledger.VerificationReport;
import org.onus.store.LedgerStore;
import org.onus.store.SqliteStore;
import org.onus.store.StoreException;
import org.onus.store.TenantRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code onus verify}: checks a data directory's logs from scratch with {@link LogVerifier}, or an
 * evidence bundle offline with {@link EvidenceBundle#verify}. Successes go to stdout, one line per
 * tenant or bundle; failures to stderr, naming the first bad entry or checkpoint and what to do.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verifies a data directory (every entry, tile and signed checkpoint of every tenant's log)",
            "or, given a file, an evidence bundle offline with no data directory."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:everything verified", "1:verification failed (the output names the first bad entry or checkpoint)",
            "2:usage or I/O error (nothing was verified)"})
final class VerifyCommand implements Callable<Integer> {

    static final int VERIFIED = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    private static final String STORE_FILE = "onus.db"; // the embedded store's file, to refuse a mistyped --data

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "BUNDLE", description = "an evidence bundle (JSON) to verify offline")
    Path bundle;

    @Option(names = "--data", paramLabel = "DIR", description = "data directory to verify (default: ./onus-data)")
    Path data;

    @Option(names = "--store", paramLabel = "URL", description = {
        "verify a PostgreSQL store (postgres://user@host:5432/db, password from $ONUS_DB_PASSWORD) instead of",
        "the data directory's embedded file; keys are still read from <data>/keys unless pinned with --key"})
    String store;

    @Option(names = "--tenant", paramLabel = "T", description = "verify only this tenant's log")
    String tenant;

    @Option(names = "--key", paramLabel = "KEY", description = {
        "the log's verifier key (<name>+<hash>+<key>, as GET /v1/ledger/key serves it) or a file holding it.",
        "Pins the key instead of trusting the one stored beside the data or inside the bundle.",
        "Repeatable, one per tenant (matched by the tenant at the end of the key's name)."})
    List<String> keys = new ArrayList<>();

    private PrintWriter out;
    private PrintWriter err;

    @Override
    public Integer call() {
        out = spec.commandLine().getOut();
        err = spec.commandLine().getErr();
        try {
            if (bundle != null && (data != null || tenant != null || store != null)) {
                return usage("give either an evidence bundle file or --data/--tenant, not both");
            }
            List<NoteKey> pinned = new ArrayList<>();
            for (String k : keys) {
                pinned.add(parseKey(k));
            }
            return bundle != null ? verifyBundle(pinned) : verifyData(data == null ? Path.of("onus-data") : data, pinned);
        } catch (UsageException e) {
            return usage(e.getMessage());
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int verifyBundle(List<NoteKey> pinned) {
        if (pinned.size() > 1) {
            return usage("a bundle is signed by one log: give at most one --key");
        }
        EvidenceBundle b;
        try {
            b = EvidenceBundle.read(bundle);
        } catch (NoSuchFileException e) {
            return usage("no file " + bundle + ": give the path of an evidence bundle (JSON)");
        } catch (IOException e) {
            return usage("cannot read " + bundle + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            err.println("FAILED evidence bundle " + bundle + ": " + e.getMessage());
            return FAILED;
        }
        BundleVerification v = EvidenceBundle.verify(b, pinned.stream().findFirst());
        if (!v.ok()) {
            err.println("FAILED evidence bundle " + bundle + " of " + b.origin() + " (" + v.problems().size()
                    + (v.problems().size() == 1 ? " problem" : " problems") + "; do not rely on the entries named):");
            v.problems().forEach(p -> err.println("  " + p));
            return FAILED;
        }
        out.println("OK evidence bundle " + bundle + ": " + v.entriesVerified() + " entries of " + b.origin()
                + " included in the checkpoint at size " + v.checkpoint().size() + ", root "
                + Base64.getEncoder().encodeToString(v.checkpoint().root()) + ", signed by " + v.verifierKey()
                + (v.keyPinned() ? " (the pinned key)" : " (the key the bundle itself names: compare it with the log's "
                        + "published key, GET /v1/ledger/key, or pin it with --key)"));
        return VERIFIED;
    }

    private int verifyData(Path dir, List<NoteKey> pinned) {
        String chosen = org.onus.store.Stores.chosen(store, System.getenv());
        if (chosen != null) {
            return verifyDatabase(chosen, dir, pinned);
        }
        if (!Files.isDirectory(dir)) {
            return usage("no data directory at " + dir + ": pass --data <the directory `onus serve` uses>");
        }
        Path file = dir.resolve(STORE_FILE);
        if (!Files.isRegularFile(file)) {
            return usage(dir + " holds no Onus store (" + STORE_FILE + "): pass --data <the directory `onus serve` uses>");
        }
        if (!Files.isReadable(file)) {
            return usage("cannot read " + file + ": run as the user that owns the data directory");
        }
        LedgerStore store;
        try {
            store = SqliteStore.open(dir);
        } catch (StoreException e) {
            err.println("FAILED " + dir + ": " + e.getMessage());
            return FAILED;
        }
        try (store) {
            return verifyTenants(dir, store, pinned);
        } catch (StoreException e) {
            err.println("FAILED " + dir + ": the store could not be read: " + e.getMessage()
                    + "; the file may be damaged: restore it from a backup");
            return FAILED;
        }
    }

    private int verifyDatabase(String url, Path dir, List<NoteKey> pinned) {
        String where = org.onus.store.Stores.describe(url, dir);
        LedgerStore db;
        try {
            db = org.onus.store.Stores.open(url, dir, System.getenv());
        } catch (StoreException e) {
            err.println("FAILED " + where + ": " + e.getMessage());
            return FAILED;
        }
        try (db) {
            return verifyTenants(dir, db, pinned);
        } catch (StoreException e) {
            err.println("FAILED " + where + ": the store could not be read: " + e.getMessage());
            return FAILED;
        }
    }

    private int verifyTenants(Path dir, LedgerStore store, List<NoteKey> pinned) {
        List<TenantRecord> all = store.tenants();
        List<TenantRecord> chosen = all;
        if (tenant != null) {
            chosen = all.stream().filter(t -> t.name().equals(tenant)).toList();
            if (chosen.isEmpty()) {
                return usage("no tenant '" + tenant + "' in " + dir + "; its tenants are: "
                        + all.stream().map(TenantRecord::name).collect(Collectors.joining(", ")));
            }
        }
        Map<String, NoteKey> keyByTenant = assignKeys(chosen, pinned);
        int exit = VERIFIED;
        if (tenant == null) {
            for (String orphan : keyFilesWithoutTenant(dir, all)) {
                err.println("FAILED " + dir + ": keys/" + orphan + ".key exists but the store has no tenant '" + orphan
                        + "': the store was replaced or wiped; restore it from a backup");
                exit = FAILED;
            }
        }
        if (chosen.isEmpty()) {
            out.println("OK " + dir + ": no tenants, nothing to verify");
            return exit;
        }
        boolean anyStoredKey = false;
        LogVerifier verifier = new LogVerifier(store);
        for (TenantRecord t : chosen) {
            NoteKey key = keyByTenant.get(t.name());
            String keySource = "pinned key";
            if (key == null) {
                Path keyFile = dir.resolve("keys").resolve(t.name() + ".key");
                try {
                    key = NoteKey.parseSigner(Files.readString(keyFile, StandardCharsets.UTF_8)).verifierOnly();
                } catch (IOException | IllegalArgumentException e) {
                    err.println("tenant " + t.name() + ": cannot read its key " + keyFile + " (" + e.getMessage()
                            + "): pass the log's verifier key with --key (GET /v1/ledger/key serves it)");
                    if (exit == VERIFIED) {
                        exit = USAGE; // a failure elsewhere still wins
                    }
                    continue;
                }
                keySource = "key from " + keyFile;
                anyStoredKey = true;
            }
            VerificationReport r = verifier.verify(t, key);
            if (r.ok()) {
                out.println("OK " + r.summary() + " [" + keySource + "]");
            } else {
                err.println("FAILED " + r.summary() + " [" + keySource + "]");
                exit = FAILED;
            }
        }
        if (anyStoredKey) {
            out.println("note: checkpoints were checked against keys stored beside the data; whoever can alter the data "
                    + "may have replaced them too. An auditor should pin each log's published key with --key.");
        }
        return exit;
    }

    private Map<String, NoteKey> assignKeys(List<TenantRecord> tenants, List<NoteKey> pinned) {
        Map<String, NoteKey> out = new LinkedHashMap<>();
        if (tenant != null && pinned.size() == 1) {
            out.put(tenant, pinned.get(0));
            return out;
        }
        for (NoteKey k : pinned) {
            String name = k.name().substring(k.name().lastIndexOf('/') + 1);
            if (tenants.stream().noneMatch(t -> t.name().equals(name))) {
                throw new UsageException("--key " + k.verifierKey() + " is for the log '" + k.name()
                        + "', which is none of the tenants verified here ("
                        + tenants.stream().map(TenantRecord::name).collect(Collectors.joining(", ")) + ")");
            }
            if (out.put(name, k) != null) {
                throw new UsageException("two --key options are for tenant '" + name + "'");
            }
        }
        return out;
    }

    private static List<String> keyFilesWithoutTenant(Path dir, List<TenantRecord> tenants) {
        List<String> orphans = new ArrayList<>();
        Path keysDir = dir.resolve("keys");
        if (!Files.isDirectory(keysDir)) {
            return orphans;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(keysDir, "*.key")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String t = name.substring(0, name.length() - ".key".length());
                if (tenants.stream().noneMatch(r -> r.name().equals(t))) {
                    orphans.add(t);
                }
            }
        } catch (IOException e) {
            // an unreadable key directory is reported when a tenant's key is needed
        }
        return orphans;
    }

    private static NoteKey parseKey(String value) {
        String text = value;
        Optional<Path> file = Optional.empty();
        try {
            Path p = Path.of(value);
            if (Files.isRegularFile(p)) {
                file = Optional.of(p);
                text = Files.readString(p, StandardCharsets.UTF_8).strip();
            }
        } catch (IOException | RuntimeException e) {
            // not a readable file: treat the value as the key itself
        }
        try {
            return text.startsWith("PRIVATE+KEY+") ? NoteKey.parseSigner(text).verifierOnly() : NoteKey.parseVerifier(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--key " + file.map(Path::toString).orElse(value) + " is not a verifier key of the form "
                    + "<name>+<hash>+<key> (" + e.getMessage() + "); GET /v1/ledger/key serves the log's key");
        }
    }

    private int usage(String message) {
        err.println("onus verify: " + message);
        return USAGE;
    }

    /** A mistake in the command's arguments, reported with exit code 2. */
    private static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
