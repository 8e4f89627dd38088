package org.onus.cli;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import org.onus.Onus;
import org.onus.ledger.TenantLog;

/**
 * Serves a started Onus until the process is told to stop: prints each tenant's verifier key and
 * then exactly one line {@code listening on http://localhost:<port>}, which scripts and tests wait
 * for; SIGTERM or Ctrl-C closes it gracefully (queued appends committed, a final checkpoint signed).
 */
final class Serving {

    private Serving() {
    }

    static int untilStopped(Onus onus, PrintWriter out) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                onus.close();
            } finally {
                stopped.countDown();
            }
        }, "onus-shutdown"));
        for (TenantLog log : onus.logs()) {
            out.println("verifier key of tenant " + log.tenant() + ": " + log.verifierKey());
        }
        out.println("listening on http://localhost:" + onus.port());
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            onus.close();
        }
        return 0;
    }
}
