package org.onus.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Callable;
import org.onus.ledger.LogVerifier;
import org.onus.ledger.NoteKey;
import org.onus.ledger.VerificationReport;
import org.onus.store.LedgerStore;
import org.onus.store.PostgresSettings;
import org.onus.store.PostgresStore;
import org.onus.store.SqliteStore;
import org.onus.store.StoreCopy;
import org.onus.store.StoreException;
import org.onus.store.TenantRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code onus migrate}: copies a data directory's embedded store into an empty PostgreSQL
 * database, then verifies both from scratch and compares them log by log: the same number of
 * entries and the same root, and every checkpoint verified on the copy. Exit 0 when they match,
 * 1 when they do not (or the copy failed: the target is left as empty as it was), 2 for usage
 * errors. Stop {@code onus serve} on the directory first, so that nothing is written meanwhile.
 * The keys stay in {@code <data>/keys}: give every node that directory.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Copies an embedded store (--data) into an empty PostgreSQL database (--to) and checks that every",
            "log has the same size and root there. Stop `onus serve` first."})
final class MigrateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", defaultValue = "./onus-data", description = "data directory to copy (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--to", required = true, paramLabel = "URL",
            description = "the PostgreSQL database, postgres://user@host:5432/db (password from the URL or $ONUS_DB_PASSWORD)")
    String to;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return migrate(out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int migrate(PrintWriter out, PrintWriter err) {
        if (!Files.isRegularFile(data.resolve("onus.db"))) {
            err.println("onus: " + data + " holds no embedded store (onus.db): pass --data <the directory `onus serve` used>");
            return 2;
        }
        if (!PostgresSettings.isPostgres(to)) {
            err.println("onus: --to must be a PostgreSQL URL (postgres://user@host:5432/db), not " + PostgresSettings.redact(to));
            return 2;
        }
        try (SqliteStore source = SqliteStore.open(data);
             PostgresStore target = PostgresStore.open(PostgresSettings.parse(to, System.getenv()).withApplicationName("onus migrate"))) {
            Map<String, Long> counts = StoreCopy.copy(source, target);
            out.println("copied " + counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().replace('_', ' '))
                    .reduce((a, b) -> a + ", " + b).orElse("nothing") + " into " + target.describe());
            return compare(source, target, out, err);
        } catch (StoreException | IllegalArgumentException e) {
            err.println("onus: migration failed: " + e.getMessage());
            return 1;
        }
    }

    /** Verifies every log on both sides and compares sizes and roots. */
    private int compare(LedgerStore source, LedgerStore target, PrintWriter out, PrintWriter err) {
        int exit = 0;
        for (TenantRecord t : source.tenants()) {
            NoteKey key;
            Path keyFile = data.resolve("keys").resolve(t.name() + ".key");
            try {
                key = NoteKey.parseSigner(Files.readString(keyFile, StandardCharsets.UTF_8)).verifierOnly();
            } catch (IOException | IllegalArgumentException e) {
                err.println("FAILED tenant " + t.name() + ": cannot read its key " + keyFile + ": " + e.getMessage());
                exit = 1;
                continue;
            }
            VerificationReport before = new LogVerifier(source).verify(t, key);
            VerificationReport after = target.tenant(t.name()).map(c -> new LogVerifier(target).verify(c, key)).orElse(null);
            if (after == null || !after.ok() || !before.ok() || before.entries() != after.entries()
                    || !Arrays.equals(before.root(), after.root())) {
                err.println("FAILED tenant " + t.name() + ": embedded " + before + "; PostgreSQL "
                        + (after == null ? "has no such tenant" : after.toString()));
                exit = 1;
            } else {
                out.println("OK tenant " + t.name() + ": " + after.entries() + " entries, " + after.checkpoints()
                        + " checkpoints, root " + Base64.getEncoder().encodeToString(after.root()) + " on both stores");
            }
        }
        if (exit == 0) {
            out.println("the PostgreSQL store matches; serve it with: onus serve --data " + data + " --store '"
                    + PostgresSettings.redact(to) + "'");
        }
        return exit;
    }
}
