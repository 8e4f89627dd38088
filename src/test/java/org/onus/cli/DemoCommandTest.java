package org.onus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    @TempDir
    Path dir;

    static String run(String... args) {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, true));
            int exit = Main.run(args);
            assertThat(exit).as(captured.toString()).isZero();
        } finally {
            System.setOut(out);
        }
        return captured.toString();
    }

    @Test
    void theDemoLoadsOnceWithATokenPerRoleAndTheLoadedDataDirectoryVerifies() throws Exception {
        Path data = dir.resolve("demo");

        String first = run("demo", "--data", data.toString(), "--port", "0", "--scale", "0.01", "--load-only");
        String second = run("demo", "--data", data.toString(), "--port", "0", "--load-only");

        assertThat(first).contains("loaded {", "investigator onus_", "vendor(mfr-", "their regulatory reports",
                "report: Serious incident report by mfr-lumina", "OVERDUE", "REPORT-LATE-OR-MISSING -> user-facility site-lakeshore");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("demo-tokens")))).isEqualTo("rw-------");
        assertThat(second).contains("already loaded");
        assertThat(run("verify", "--data", data.toString())).contains("OK tenant default");
    }
}
