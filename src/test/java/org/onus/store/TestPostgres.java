package org.onus.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server per test JVM (binaries from Maven Central, started on first use,
 * stopped when the JVM exits), and a fresh, empty database on it for each store a test opens,
 * so tests stay independent. The server runs with {@code fsync=off}: tests check behaviour, not
 * what survives a power cut, and the disk is shared with other builds.
 */
public final class TestPostgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setServerConfig("max_connections", "400")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL for the tests", e);
            }
        }
        return server;
    }

    /** Creates an empty database and answers how to reach it (as the server's superuser). */
    public static PostgresSettings freshDatabase() {
        String name = "onus_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        EmbeddedPostgres pg = server();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return settings(name);
    }

    /** How to reach database {@code name} of the test server. */
    public static PostgresSettings settings(String name) {
        return new PostgresSettings(server().getJdbcUrl("postgres", name), "postgres", null, 4, "onus-test", 10_000);
    }

    /** A {@code postgres://} URL of database {@code name}, as an operator would pass it to {@code --store}. */
    public static String url(PostgresSettings settings) {
        return settings.jdbcUrl().replace("jdbc:postgresql://", "postgres://postgres@").replaceAll("\\?.*$", "");
    }

    /** A superuser connection to the database of {@code settings}, for tests that reach behind the store. */
    public static Connection superuser(PostgresSettings settings) throws SQLException {
        return java.sql.DriverManager.getConnection(settings.jdbcUrl(), "postgres", "");
    }
}
