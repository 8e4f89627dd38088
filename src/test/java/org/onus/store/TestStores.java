package org.onus.store;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The store the store-sensitive tests run on: the embedded one, or PostgreSQL when the build runs
 * them with {@code -Donus.test.store=postgres} (the {@code postgres} surefire execution of the
 * pom does, so every such test runs on both stores). A data directory stands for one database:
 * opening the same directory again reopens the same database, as a restarted process would.
 */
public final class TestStores {

    public static final String PROPERTY = "onus.test.store";
    private static final Map<Path, PostgresSettings> DATABASES = new ConcurrentHashMap<>();

    private TestStores() {
    }

    public static boolean postgres() {
        return "postgres".equals(System.getProperty(PROPERTY));
    }

    /** The store of {@code dataDir}: its embedded file, or (under PostgreSQL) its own database. */
    public static LedgerStore open(Path dataDir) {
        return postgres() ? PostgresStore.open(database(dataDir)) : SqliteStore.open(dataDir);
    }

    /** What to pass as {@code --store} for {@code dataDir}: null for the embedded store, else its database's URL. */
    public static String storeOption(Path dataDir) {
        return postgres() ? TestPostgres.url(database(dataDir)) : null;
    }

    /** The arguments of {@code onus verify} for the store of {@code dataDir}. */
    public static String[] verifyArguments(Path dataDir) {
        String store = storeOption(dataDir);
        return store == null ? new String[] {"verify", "--data", dataDir.toString()}
                : new String[] {"verify", "--data", dataDir.toString(), "--store", store};
    }

    private static PostgresSettings database(Path dataDir) {
        return DATABASES.computeIfAbsent(dataDir.toAbsolutePath().normalize(), d -> TestPostgres.freshDatabase());
    }
}
