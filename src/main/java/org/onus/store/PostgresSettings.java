package org.onus.store;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Where and how to reach PostgreSQL: a JDBC URL, user, password and pool size. Read from the two
 * forms a DBA hands out: {@code postgres://user:pass@host:5432/db?sslmode=require} (libpq's URI,
 * also {@code postgresql://}) and {@code jdbc:postgresql://host:5432/db?user=...}. A password
 * absent from the URL comes from {@value #PASSWORD_VARIABLE} (or libpq's {@code PGPASSWORD}),
 * so it need not appear on a command line.
 *
 * @param jdbcUrl the driver's URL, query parameters passed through (e.g. {@code sslmode},
 *     {@code currentSchema})
 * @param user null to let the driver take it from the URL
 * @param password null when none is given
 * @param applicationName shown in {@code pg_stat_activity}, so a DBA can tell the nodes apart
 */
public record PostgresSettings(String jdbcUrl, String user, String password, int poolSize, String applicationName,
                               long connectTimeoutMillis) {

    public static final String PASSWORD_VARIABLE = "ONUS_DB_PASSWORD";
    public static final int DEFAULT_POOL_SIZE = 8;

    public PostgresSettings {
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        if (poolSize < 2) {
            throw new IllegalArgumentException("the pool needs at least 2 connections, got " + poolSize);
        }
    }

    /** Whether {@code store} names PostgreSQL (rather than the embedded store). */
    public static boolean isPostgres(String store) {
        return store != null && (store.startsWith("postgres://") || store.startsWith("postgresql://")
                || store.startsWith("jdbc:postgresql:"));
    }

    /**
     * Reads a store URL in either form; the password falls back to {@value #PASSWORD_VARIABLE},
     * then {@code PGPASSWORD}, in {@code environment}.
     */
    public static PostgresSettings parse(String store, Map<String, String> environment) {
        String fallbackPassword = environment.getOrDefault(PASSWORD_VARIABLE, environment.get("PGPASSWORD"));
        if (store.startsWith("jdbc:postgresql:")) {
            return new PostgresSettings(store, null, store.contains("password=") ? null : fallbackPassword,
                    DEFAULT_POOL_SIZE, "onus", 10_000);
        }
        if (!isPostgres(store)) {
            throw new IllegalArgumentException("a PostgreSQL store is postgres://user@host:port/database or "
                    + "jdbc:postgresql://host:port/database, not " + redact(store));
        }
        URI uri;
        try {
            uri = URI.create(store);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read the store URL " + redact(store) + ": " + e.getMessage(), e);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("the store URL " + redact(store) + " names no host");
        }
        String db = uri.getRawPath() == null || uri.getRawPath().length() <= 1 ? "" : uri.getRawPath();
        String user = null;
        String password = fallbackPassword;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            if (parts.length == 2) {
                password = decode(parts[1]);
            }
        }
        String jdbc = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                + (db.isEmpty() ? "/" : db) + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "");
        return new PostgresSettings(jdbc, user, password, DEFAULT_POOL_SIZE, "onus", 10_000);
    }

    public PostgresSettings withPoolSize(int size) {
        return new PostgresSettings(jdbcUrl, user, password, size, applicationName, connectTimeoutMillis);
    }

    public PostgresSettings withApplicationName(String name) {
        return new PostgresSettings(jdbcUrl, user, password, poolSize, name, connectTimeoutMillis);
    }

    public PostgresSettings withConnectTimeoutMillis(long millis) {
        return new PostgresSettings(jdbcUrl, user, password, poolSize, applicationName, millis);
    }

    /** The URL and user, never the password. */
    public String describe() {
        return redact(jdbcUrl) + (user != null ? " as " + user : "");
    }

    @Override
    public String toString() {
        return "PostgresSettings[" + describe() + ", pool " + poolSize + "]";
    }

    /** {@code url} with any password in it replaced by {@code ***}. */
    public static String redact(String url) {
        return url.replaceAll("(://[^:/@]*:)[^@]*@", "$1***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
