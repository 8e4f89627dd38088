package org.onus.store;

import java.nio.file.Path;
import java.util.Map;

/**
 * Opens the store a configuration names: the embedded store in the data directory (the default,
 * also {@code embedded}), or PostgreSQL for a {@code postgres://}, {@code postgresql://} or
 * {@code jdbc:postgresql:} URL (see {@link PostgresSettings} for the password).
 */
public final class Stores {

    /** The environment variable naming the store when {@code --store} is not given. */
    public static final String STORE_VARIABLE = "ONUS_STORE";
    public static final String EMBEDDED = "embedded";

    private Stores() {
    }

    /** The store named by {@code --store} if given, else by {@value #STORE_VARIABLE}, else the embedded one (null). */
    public static String chosen(String option, Map<String, String> environment) {
        String s = option != null ? option : environment.get(STORE_VARIABLE);
        return s == null || s.isBlank() || s.equals(EMBEDDED) ? null : s;
    }

    /**
     * Opens {@code store} (null for the embedded store in {@code dataDir}). A value that is
     * neither is refused with the forms accepted.
     */
    public static LedgerStore open(String store, Path dataDir, Map<String, String> environment) {
        if (store == null || store.equals(EMBEDDED)) {
            return SqliteStore.open(dataDir);
        }
        if (!PostgresSettings.isPostgres(store)) {
            throw new StoreException("--store must be 'embedded' or a PostgreSQL URL (postgres://user@host:5432/db or "
                    + "jdbc:postgresql://host:5432/db), not " + PostgresSettings.redact(store));
        }
        PostgresSettings settings;
        try {
            settings = PostgresSettings.parse(store, environment);
        } catch (IllegalArgumentException e) {
            throw new StoreException(e.getMessage(), e);
        }
        return PostgresStore.open(settings.withApplicationName("onus " + hostName()));
    }

    /** What a store is, for messages: the embedded file, or the URL without its password. */
    public static String describe(String store, Path dataDir) {
        return store == null || store.equals(EMBEDDED) ? dataDir.resolve(SqliteStore.FILE_NAME).toString()
                : PostgresSettings.redact(store);
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "node";
        }
    }
}
