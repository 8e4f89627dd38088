package org.onus.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onus.http.RecordingFixtures.decision;
import static org.onus.http.RecordingFixtures.q;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onus.auth.Role;

/**
 * Events are answered once committed, but waiting for that commit holds no request thread: with
 * the sequencer held inside a commit, more single events than Jetty has request threads wait for
 * it, and the server still answers other requests meanwhile.
 */
class CommitWaitTest {

    @TempDir
    Path dataDir;
    TestServer server;
    String integration;
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch held = new CountDownLatch(1);

    @BeforeEach
    void start() {
        server = TestServer.start(dataDir);
        integration = server.token(Role.INTEGRATION);
        RecordingFixtures.registerWorld(server, server.admin);
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.close();
    }

    /** Holds the sequencer in its next commit (after the write, before anyone is answered) until released. */
    private void holdTheNextCommit() {
        server.defaultLog().addCommitListener(entries -> {
            held.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Test
    void while_more_single_events_than_request_threads_wait_for_their_commit_the_server_still_answers() throws Exception {
        holdTheNextCommit();
        int waiting = HttpApi.REQUEST_THREADS + 8;
        ExecutorService clients = Executors.newFixedThreadPool(waiting + 1);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            answers.add(clients.submit(() -> server.post("/v1/decisions", integration, q(decision("held-0")))));
            assertThat(held.await(30, TimeUnit.SECONDS)).as("the first commit reached the listener").isTrue();
            for (int i = 1; i <= waiting; i++) {
                String id = "held-" + i;
                answers.add(clients.submit(() -> server.post("/v1/decisions", integration, q(decision(id)))));
            }
            Thread.sleep(500); // let them all arrive and queue behind the held commit

            HttpResponse<String> health = CompletableFuture.supplyAsync(() -> server.get("/health", null))
                    .get(10, TimeUnit.SECONDS);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(answers).noneMatch(Future::isDone);

            release.countDown();
            Set<Long> indexes = new HashSet<>();
            for (Future<HttpResponse<String>> a : answers) {
                HttpResponse<String> r = a.get(30, TimeUnit.SECONDS);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
                indexes.add(TestServer.json(r).get("index").asLong());
            }
            assertThat(indexes).hasSize(waiting + 1);
        } finally {
            clients.shutdownNow();
        }
    }

    /** Proofs need the commit on the request thread; waiting for it there must not wait on work queued behind those threads. */
    @Test
    void more_single_events_with_proofs_than_request_threads_are_all_answered_while_the_commit_is_held() throws Exception {
        holdTheNextCommit();
        int waiting = HttpApi.REQUEST_THREADS + 8;
        ExecutorService clients = Executors.newFixedThreadPool(waiting + 1);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            answers.add(clients.submit(() -> server.post("/v1/decisions", integration, q(decision("proof-0")))));
            assertThat(held.await(30, TimeUnit.SECONDS)).as("the first commit reached the listener").isTrue();
            for (int i = 1; i <= waiting; i++) {
                String id = "proof-" + i;
                answers.add(clients.submit(() -> server.post("/v1/decisions?proof=true", integration, q(decision(id)))));
            }
            Thread.sleep(500);
            release.countDown();

            for (Future<HttpResponse<String>> a : answers) {
                HttpResponse<String> r = a.get(30, TimeUnit.SECONDS);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            }
            assertThat(TestServer.json(answers.get(1).get()).has("proofs")).isTrue();
        } finally {
            clients.shutdownNow();
        }
    }
}
