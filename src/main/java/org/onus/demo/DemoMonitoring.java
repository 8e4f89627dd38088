package org.onus.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.onus.monitoring.Monitor;

/**
 * The governance committee's side of the demo's monitoring: once the story is loaded and the
 * monitor has raised its alerts, the committee acknowledges the first alert raised and records
 * the action that resolves it; every other alert stays open, as a 2 a.m. page would find them.
 */
public final class DemoMonitoring {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the monitor raised, and which alert the committee resolved. */
    public record Result(int alerts, int open, String resolved, String resolvedRule, List<String> openRules) {
    }

    private DemoMonitoring() {
    }

    public static Result respond(Monitor monitor) {
        // alerts are written by the monitor after it takes in the events, so settle twice
        for (int i = 0; i < 3; i++) {
            if (!monitor.awaitCaughtUp(Duration.ofMinutes(5))) {
                throw new IllegalStateException("the monitor did not catch up with the demo's ledger");
            }
        }
        Monitor.Viewer committee = new Monitor.Viewer("demo-loader", "governance", Organisation.COMMITTEE, null);
        List<JsonNode> alerts = new ArrayList<>();
        monitor.alerts("unresolved", null, committee).forEach(alerts::add);
        alerts.sort(Comparator.comparingLong(a -> a.path("index").asLong()));
        String resolved = null;
        String rule = null;
        if (!alerts.isEmpty()) {
            JsonNode first = alerts.get(0);
            resolved = first.path("id").asText();
            rule = first.path("rule").asText();
            monitor.acknowledge(resolved, JSON.createObjectNode().put("note", "Seen by the AI governance committee's duty "
                    + "officer; the deployment's clinical lead is asked to review " + first.path("slice").asText() + "."), committee);
            monitor.act(resolved, JSON.createObjectNode().put("action", "Reviewed with the clinical lead; the figures were "
                    + "explained and the workflow reminded of the authorization's oversight terms. Closed; watched in the next "
                    + "monthly review.").put("resolves", true), committee);
        }
        List<String> open = new ArrayList<>();
        monitor.alerts("unresolved", null, committee).forEach(a -> open.add(a.path("rule").asText() + " (" + a.path("deployment").asText()
                + ", " + a.path("slice").asText() + ")"));
        return new Result(alerts.size(), open.size(), resolved, rule, open);
    }
}
