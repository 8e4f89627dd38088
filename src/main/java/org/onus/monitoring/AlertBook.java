package org.onus.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which alerts exist and which rule crossings they answer. A rule's crossing is an episode: it
 * begins when the rule starts to hold for a deployment and subject, and ends when it stops
 * holding. One alert is raised per episode, so a condition that persists for weeks pages once,
 * and an alert resolved while its condition persists is not raised again until the condition
 * has cleared and returned. A condition counts as cleared only once it has not held for a whole
 * window's length of event time (hysteresis): a rate hovering at its threshold pages once, not
 * every time it crosses.
 *
 * <p>Everything here is rebuilt from the ledger: an {@code alert} entry marks its episode as
 * alerted, acknowledgements and actions attach to their alert, an action that resolves closes it.
 */
final class AlertBook {

    static final class Episode {
        boolean crossed;
        boolean alerted;
        int lastHeldDay = Integer.MIN_VALUE;
    }

    /** One alert as the ledger holds it, with what was recorded about it since. */
    static final class Alert {
        final String id;
        final long index;
        final String recordedAt;
        final JsonNode data;
        final List<ObjectNode> acknowledgements = new ArrayList<>();
        final List<ObjectNode> actions = new ArrayList<>();
        boolean resolved;

        Alert(String id, long index, String recordedAt, JsonNode data) {
            this.id = id;
            this.index = index;
            this.recordedAt = recordedAt;
            this.data = data;
        }

        String deployment() {
            return data.path("deployment").asText();
        }

        boolean postMarketSignal() {
            return data.path("postMarketSignal").asBoolean(false);
        }

        boolean addressedTo(String party) {
            for (JsonNode a : data.path("addressees")) {
                if (party != null && party.equals(a.path("party").asText(null))) {
                    return true;
                }
            }
            return false;
        }

        ObjectNode json() {
            ObjectNode o = ((ObjectNode) data).deepCopy();
            o.put("index", index);
            o.put("raisedAt", recordedAt);
            o.put("status", resolved ? "resolved" : acknowledgements.isEmpty() ? "open" : "acknowledged");
            ArrayNode acks = o.putArray("acknowledgements");
            acknowledgements.forEach(acks::add);
            ArrayNode acts = o.putArray("actions");
            actions.forEach(acts::add);
            return o;
        }
    }

    private final Map<String, Map<String, Episode>> episodes = new HashMap<>();
    final Map<String, Alert> alerts = new LinkedHashMap<>();
    /** Alert entries taken in, by crossing key: the episodes of that key alerted so far. */
    private final Map<String, Integer> alertedEpisodes = new HashMap<>();

    /**
     * The ordinal of the next episode of {@code key} to be alerted: 1 + the alerts of that key in
     * the ledger so far. Every node that has taken in the same entries answers the same, so two
     * nodes raising one episode claim one unique key and the store keeps one alert.
     */
    int nextEpisode(String key) {
        return alertedEpisodes.getOrDefault(key, 0) + 1;
    }

    /**
     * Records which rules hold for a deployment now; answers the crossings that begin an episode
     * not yet alerted (only when {@code live}: while the ledger is replayed, the alerts raised
     * back then are read from it instead).
     */
    List<Rules.Crossing> update(String deployment, List<Rules.Crossing> now, boolean live, int day, int windowDays) {
        Map<String, Episode> mine = episodes.computeIfAbsent(deployment, d -> new HashMap<>());
        Set<String> holding = new java.util.HashSet<>();
        List<Rules.Crossing> raise = new ArrayList<>();
        for (Rules.Crossing c : now) {
            holding.add(c.key());
            Episode e = mine.computeIfAbsent(c.key(), k -> new Episode());
            e.lastHeldDay = Math.max(e.lastHeldDay, day);
            if (!e.crossed) {
                e.crossed = true;
                e.alerted = false;
            }
            if (!e.alerted && live) {
                e.alerted = true;
                raise.add(c);
            }
        }
        for (Map.Entry<String, Episode> e : mine.entrySet()) {
            Episode ep = e.getValue();
            if (!holding.contains(e.getKey()) && (ep.lastHeldDay == Integer.MIN_VALUE || day - ep.lastHeldDay >= windowDays)) {
                ep.crossed = false;
            }
        }
        return raise;
    }

    /** Crossings of a deployment whose episode holds but was never alerted (e.g. after a replay). */
    List<String> unalerted(String deployment) {
        List<String> out = new ArrayList<>();
        episodes.getOrDefault(deployment, Map.of()).forEach((k, e) -> {
            if (e.crossed && !e.alerted) {
                out.add(k);
            }
        });
        return out;
    }

    Episode episode(String deployment, String key) {
        return episodes.computeIfAbsent(deployment, d -> new HashMap<>()).computeIfAbsent(key, k -> new Episode());
    }

    void failedToRaise(String deployment, String key) {
        Episode e = episodes.getOrDefault(deployment, Map.of()).get(key);
        if (e != null) {
            e.alerted = false;
        }
    }

    void accept(long index, String type, String recordedAt, JsonNode data) {
        switch (type) {
            case "alert" -> {
                String id = data.path("id").asText();
                alerts.put(id, new Alert(id, index, recordedAt, data));
                alertedEpisodes.merge(data.path("key").asText(), 1, Integer::sum);
                Episode e = episodes.computeIfAbsent(data.path("deployment").asText(), d -> new HashMap<>())
                        .computeIfAbsent(data.path("key").asText(), k -> new Episode());
                e.crossed = true;
                e.alerted = true;
                String to = data.path("window").path("to").asText(null);
                if (to != null) {
                    e.lastHeldDay = Math.max(e.lastHeldDay, (int) Math.floorDiv(java.time.Instant.parse(to).toEpochMilli() - 1, Aggregator.DAY_MILLIS));
                }
            }
            case "alert.acknowledgement", "alert.action" -> {
                Alert a = alerts.get(data.path("alert").asText());
                if (a == null) {
                    return;
                }
                ObjectNode o = ((ObjectNode) data).deepCopy();
                o.put("index", index);
                o.put("recordedAt", recordedAt);
                if (type.equals("alert.acknowledgement")) {
                    a.acknowledgements.add(o);
                } else {
                    a.actions.add(o);
                    if (data.path("resolves").asBoolean(false)) {
                        a.resolved = true;
                    }
                }
            }
            default -> {
            }
        }
    }
}
