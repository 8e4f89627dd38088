package org.onus.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onus.ledger.Entries;
import org.onus.ledger.LogVerifier;
import org.onus.recording.Recorder;
import org.onus.store.Annex;
import org.onus.validation.InvalidInputException;

/** An alert's life in the ledger: raised once, acknowledged, acted on, resolved; rebuilt the same after a restart. */
class AlertLifecycleTest {

    static final Monitor.Viewer GOVERNANCE = new Monitor.Viewer("tok-gov", "governance", null, null);

    @TempDir
    Path dir;

    private static SyntheticStream drifting(Path dir) {
        SyntheticStream s = new SyntheticStream(dir, 1, 3, SyntheticStreamTest.THRESHOLDS);
        for (int day = 0; day < 40; day++) {
            int d = day;
            s.day(day, k -> d < 30 ? SyntheticStream.Truth.asClaimed() : SyntheticStream.Truth.asClaimed().withSnrMean(34));
        }
        s.settle();
        return s;
    }

    @Test
    void anAlertIsAcknowledgedThenResolvedByAnActionAndEachStepIsALedgerEntryFiledUnderTheDeploymentAndTheAlert() {
        try (SyntheticStream s = drifting(dir)) {
            JsonNode alert = s.alerts().get(0);
            String id = alert.path("id").asText();
            assertThat(alert.path("status").asText()).isEqualTo("open");

            Monitor.Response ack = s.monitor.acknowledge(id, SyntheticStream.JSON.createObjectNode().put("note", "paged the PACS team"), GOVERNANCE);
            assertThat(ack.refusal()).isNull();
            assertThat(s.monitor.alert(id, GOVERNANCE).orElseThrow().path("status").asText()).isEqualTo("acknowledged");

            ObjectNode action = SyntheticStream.JSON.createObjectNode().put("action", "detector recalibrated").put("resolves", true);
            Monitor.Response act = s.monitor.act(id, action, GOVERNANCE);
            JsonNode resolved = s.monitor.alert(id, GOVERNANCE).orElseThrow();
            assertThat(resolved.path("status").asText()).isEqualTo("resolved");
            assertThat(resolved.path("acknowledgements").get(0).path("note").asText()).isEqualTo("paged the PACS team");
            assertThat(resolved.path("actions").get(0).path("by").path("role").asText()).isEqualTo("governance");
            assertThat(s.monitor.act(id, action, GOVERNANCE).refusal()).isEqualTo(Monitor.Refusal.ALREADY_RESOLVED);
            assertThat(s.monitor.acknowledge("alert-nope", SyntheticStream.JSON.createObjectNode(), GOVERNANCE).refusal())
                    .isEqualTo(Monitor.Refusal.NOT_FOUND);

            // the alert, its acknowledgement and its action, under both lookup keys, in ledger order
            List<Long> byAlert = s.log.lookup(Monitor.ALERT_LOOKUP, id, Long.MIN_VALUE, Long.MAX_VALUE, null, 10).stream()
                    .map(Annex.Key::index).sorted().toList();
            assertThat(byAlert).containsExactly(alert.path("index").asLong(), ack.index(), act.index());
            List<Long> byDeployment = s.log.lookup(Recorder.DEPLOYMENT, "auth-0", Long.MIN_VALUE, Long.MAX_VALUE, null, 100_000).stream()
                    .map(Annex.Key::index).toList();
            assertThat(byDeployment).contains(alert.path("index").asLong(), ack.index(), act.index());
            JsonNode entry = Entries.parse(s.log.entry(act.index()).orElseThrow().bytes());
            assertThat(entry.path("type").asText()).isEqualTo("alert.action");
            assertThat(entry.path("data").path("resolves").asBoolean()).isTrue();
            s.log.checkpoint();
            assertThat(LogVerifier.verifyAll(s.ledger)).allMatch(r -> r.ok());
        }
    }

    @Test
    void anActionNeedsToSayWhatWasDone() {
        try (SyntheticStream s = drifting(dir)) {
            String id = s.alerts().get(0).path("id").asText();
            assertThatThrownBy(() -> s.monitor.act(id, SyntheticStream.JSON.createObjectNode().put("resolves", "yes"), GOVERNANCE))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                            .extracting(v -> v.pointer()).contains("/action", "/resolves"));
        }
    }

    @Test
    void aRestartedMonitorRebuildsTheSameFiguresFromTheLedgerAndRaisesNoAlertTwice() {
        try (SyntheticStream s = drifting(dir)) {
            List<JsonNode> before = s.alerts();
            assertThat(before).isNotEmpty();
            Instant from = Instant.EPOCH;
            Instant to = Instant.parse("2100-01-01T00:00:00Z");
            ObjectNode figures = s.monitor.metrics("auth-0", from, to, null).orElseThrow();
            long size = s.log.size();
            s.monitor.close();

            try (Monitor again = new Monitor(s.log, s.registry, s.clock)) {
                assertThat(again.awaitProcessed(size, Duration.ofSeconds(60))).isTrue();
                assertThat(again.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
                assertThat(s.log.size()).as("no alert written again").isEqualTo(size);
                ObjectNode rebuilt = again.metrics("auth-0", from, to, null).orElseThrow();
                figures.remove("asOfEntries");
                rebuilt.remove("asOfEntries");
                assertThat(rebuilt).isEqualTo(figures);
                assertThat(again.alerts("all", null, null)).hasSize(before.size());
            }
        }
    }
}
