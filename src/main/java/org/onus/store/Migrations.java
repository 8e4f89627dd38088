package org.onus.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain versioned SQL migrations: {@code db/<dialect>/V<n>__<what>.sql} on the class path, applied
 * in order, each in its own transaction, and recorded in {@code schema_version}. A database newer
 * than this build is refused rather than guessed at. Small enough that a migration framework would
 * weigh more than it saves.
 */
final class Migrations {

    /** The newest schema version this build knows; bump it when adding a V file. */
    static final int LATEST = 7;

    private static final String[] NAMES = {"V1__ledger.sql", "V2__records.sql", "V3__token_party.sql", "V4__tile_mid_nodes.sql", "V5__erased_secrets.sql", "V6__postings.sql", "V7__annex_log.sql"};

    private Migrations() {
    }

    static void apply(Connection c, String dialect) throws SQLException {
        apply(c, dialect, LATEST);
    }

    /** Applies the migrations up to version {@code upTo} (a store's history, for tests of the later ones). */
    static void apply(Connection c, String dialect, int upTo) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.executeUpdate("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)");
            c.commit();
            int current = 0;
            try (ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
                if (rs.next()) {
                    current = rs.getInt(1);
                }
            }
            if (current > LATEST) {
                throw new StoreException("the data store is at schema version " + current
                        + " but this Onus knows versions up to " + LATEST + "; run a newer Onus");
            }
            for (int v = current + 1; v <= upTo; v++) {
                for (String sql : statements(dialect, NAMES[v - 1])) {
                    st.executeUpdate(sql);
                }
                st.executeUpdate("INSERT INTO schema_version(version, applied_at) VALUES (" + v + ", "
                        + System.currentTimeMillis() + ")");
                c.commit();
            }
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    static List<String> statements(String dialect, String name) {
        String path = "/db/" + dialect + "/" + name;
        try (InputStream in = Migrations.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new StoreException("migration " + path + " is missing from the build");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> out = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String line : text.split("\n")) {
                String trimmed = line.strip();
                if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                    continue;
                }
                current.append(line).append('\n');
                if (trimmed.endsWith(";")) {
                    out.add(current.toString().strip().replaceAll(";$", ""));
                    current.setLength(0);
                }
            }
            if (!current.toString().isBlank()) {
                out.add(current.toString().strip());
            }
            return out;
        } catch (IOException e) {
            throw new StoreException("cannot read migration " + path, e);
        }
    }
}
