package org.onus.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.onus.ledger.KeyDirectory;
import org.onus.store.LedgerStore;

/**
 * The first admin token, created on the first start of a data directory (when the store holds
 * no token at all) so that nobody can write anonymously and somebody can get in.
 *
 * <p>The secret is either supplied through {@value #ENVIRONMENT_VARIABLE} (for automation, which
 * already knows it, so it is neither printed nor written) or drawn at random, written to
 * {@code <data>/admin-token} readable by the owner only, and handed back to be printed once.
 *
 * <p>Order matters for a crash at any point: the file is written first, then the issuance is
 * recorded in the ledger, and only then is the token stored. Until the token is stored the next
 * start bootstraps again (overwriting the file), so an admin is never locked out and a secret in
 * the file always belongs to the stored token.
 */
public final class Bootstrap {

    public static final String ENVIRONMENT_VARIABLE = "ONUS_BOOTSTRAP_TOKEN";
    public static final String FILE_NAME = "admin-token";
    public static final String LABEL = "bootstrap admin";
    /** The actor of entries Onus writes on its own behalf. */
    public static final String SYSTEM_ACTOR = "onus";

    /**
     * @param file where the secret was written, empty when it came from the environment
     */
    public record Outcome(IssuedToken token, boolean fromEnvironment, Optional<Path> file) {
    }

    private Bootstrap() {
    }

    /** The secret supplied in the environment, if any; refuses one too weak to guard an evidence ledger. */
    public static Optional<String> suppliedSecret(Map<String, String> environment) {
        String s = environment.get(ENVIRONMENT_VARIABLE);
        if (s == null || s.isEmpty()) {
            return Optional.empty();
        }
        String problem = Tokens.secretProblem(s);
        if (problem != null) {
            throw new IllegalArgumentException(ENVIRONMENT_VARIABLE + " " + problem
                    + "; unset it to have Onus generate a random admin token");
        }
        return Optional.of(s);
    }

    /** Issues the bootstrap admin token in {@code tenant} if the store holds no token yet. */
    public static Optional<Outcome> ifFirstStart(LedgerStore store, Tokens tokens, String tenant,
                                                 Optional<String> suppliedSecret, Path dataDir) {
        if (store.hasTokens()) {
            return Optional.empty();
        }
        if (suppliedSecret.isPresent()) {
            IssuedToken t = tokens.issueWithSecret(tenant, Role.ADMIN, LABEL, SYSTEM_ACTOR, suppliedSecret.get());
            return Optional.of(new Outcome(t, true, Optional.empty()));
        }
        String secret = tokens.newSecret();
        Path file = dataDir.resolve(FILE_NAME);
        try {
            // A file left by an earlier, interrupted bootstrap holds a secret that was never stored.
            Files.deleteIfExists(file);
            KeyDirectory.writeOwnerOnly(file, secret + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the admin token to " + file + ": " + e.getMessage(), e);
        }
        IssuedToken t = tokens.issueWithSecret(tenant, Role.ADMIN, LABEL, SYSTEM_ACTOR, secret);
        return Optional.of(new Outcome(t, false, Optional.of(file)));
    }
}
