package org.onus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code onus serve --store}: a database it cannot use stops the start with what to do. */
class ServeOnPostgresTest {

    @TempDir
    Path dataDir;

    @Test
    void anUnreachableDatabaseStopsTheStartNamingItWithoutThePassword() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new Main());
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));

        int exit = cli.execute("serve", "--port", "0", "--data", dataDir.toString(),
                "--store", "postgres://onus:hunter2@127.0.0.1:1/onus");

        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).isEqualTo(1);
        assertThat(printed).contains("onus: cannot start: cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:1/onus as onus")
                .contains("ONUS_DB_PASSWORD").doesNotContain("hunter2");
    }
}
