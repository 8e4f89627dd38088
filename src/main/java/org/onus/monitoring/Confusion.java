package org.onus.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.LongFunction;
import org.onus.ledger.Entries;
import org.onus.registry.Registry;
import org.onus.store.StoredEntry;

/**
 * A deployment's confusion counts at the card's operating threshold (or positive class), as
 * monitoring keeps them in its day cells for the whole deployment: each decision counted on the
 * UTC day of its event time, with its first outcome that says {@code positive}; a flagged output,
 * or one the card gives no way to call, is not counted; a correction replaces what it corrects.
 */
public record Confusion(long truePositives, long falseNegatives, long trueNegatives, long falsePositives) {

    public static final Confusion NONE = new Confusion(0, 0, 0, 0);
    public static final long DAY_MILLIS = Aggregator.DAY_MILLIS;

    public Confusion plus(Confusion o) {
        return new Confusion(truePositives + o.truePositives, falseNegatives + o.falseNegatives,
                trueNegatives + o.trueNegatives, falsePositives + o.falsePositives);
    }

    public long positives() {
        return truePositives + falseNegatives;
    }

    public long negatives() {
        return trueNegatives + falsePositives;
    }

    static Confusion of(Cell c) {
        return new Confusion(c.tp, c.fn, c.tn, c.fp);
    }

    /** Days with a count of the deployment in [fromDay, toDay] (UTC epoch days), from its cells. */
    static NavigableMap<Integer, Confusion> byDay(DeploymentState d, int fromDay, int toDay) {
        NavigableMap<Integer, Confusion> out = new TreeMap<>();
        if (d == null || fromDay > toDay) {
            return out;
        }
        for (Map.Entry<Integer, Map<Integer, Cell>> day : d.days.subMap(fromDay, true, toDay, true).entrySet()) {
            Cell all = day.getValue().get(Aggregator.ALL);
            if (all != null) {
                out.put(day.getKey(), of(all));
            }
        }
        return out;
    }

    /**
     * The counts monitoring would hold for {@code deployment} had it read only {@code entries}
     * (given in index order; other kinds are ignored): the same code as the monitor's, so that an
     * answer computed from the ledger while the monitor replays equals the one from its cells.
     *
     * @param entryData reads any committed entry's data by index (a correction takes back what it corrects)
     */
    public static NavigableMap<Integer, Confusion> replay(Registry registry, LongFunction<JsonNode> entryData,
                                                          Iterable<StoredEntry> entries, String deployment) {
        Aggregator a = new Aggregator(registry, Thresholds.DEFAULTS, entryData);
        for (StoredEntry e : entries) {
            String type = e.type();
            if (type.startsWith("decision") || type.startsWith("action") || type.startsWith("outcome")) {
                a.accept(e.index(), type, Entries.parse(e.bytes()).get("data"));
            }
        }
        return byDay(a.deployments.get(deployment), Integer.MIN_VALUE, Integer.MAX_VALUE);
    }
}
