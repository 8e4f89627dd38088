package org.onus.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.onus.Onus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code onus serve}: runs Onus until the process is told to stop. On start it prints the
 * bootstrap admin token (first start only), each tenant's verifier key, and then exactly one
 * line {@code listening on http://localhost:<port>} with the port really bound, which scripts
 * and tests wait for. SIGTERM or Ctrl-C closes it gracefully: no new requests, queued appends
 * committed, a final checkpoint signed.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves the Onus HTTP API on the embedded store in the data directory, or on PostgreSQL (--store).",
            "On first start creates tenant 'default' and an admin token, printed once and written to <data>/admin-token",
            "(or taken from $ONUS_BOOTSTRAP_TOKEN, at least 32 characters)."})
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--data", defaultValue = "./onus-data", description = "data directory (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--origin", defaultValue = Onus.Config.DEFAULT_ORIGIN,
            description = "host part of each log's origin, <origin>/<tenant>; never change it once checkpoints exist (default: ${DEFAULT-VALUE})")
    String origin;

    @Option(names = "--host", defaultValue = Onus.Config.DEFAULT_HOST,
            description = "address to listen on; 0.0.0.0 for every interface (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--store", paramLabel = "URL", description = {
        "where the ledger is kept: 'embedded' (the data directory's file, the default) or PostgreSQL,",
        "postgres://user@host:5432/db or jdbc:postgresql://host:5432/db (also $ONUS_STORE); the password from",
        "the URL or $ONUS_DB_PASSWORD. Signing keys and tenant secrets stay in <data>/keys, shared by every node."})
    String store;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Onus onus;
        try {
            onus = Onus.start(Onus.Config.of(data).withPort(port).withOrigin(origin).withHost(host)
                    .withStore(store).withEnvironment(System.getenv()));
        } catch (RuntimeException e) {
            err.println("onus: cannot start: " + e.getMessage());
            err.flush();
            return 1;
        }
        return Serving.untilStopped(onus, new PrintWriter(System.out, true));
    }
}
