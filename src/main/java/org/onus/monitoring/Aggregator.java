package org.onus.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import org.onus.recording.Flag;
import org.onus.recording.Recorder;
import org.onus.registry.AiVersion;
import org.onus.registry.Authorization;
import org.onus.registry.RecordKind;
import org.onus.registry.Registry;

/**
 * Turns committed decision, action and outcome entries (and their corrections) into the
 * pre-aggregated cells of {@link DeploymentState}, one entry at a time, in index order. It holds
 * no lock and starts no thread: {@link Monitor} calls it from its one monitor thread.
 *
 * <h2>Joining later events to their decision</h2>
 * An action or outcome names its decision's ledger index. For each decision a small
 * {@link Tracked} record keeps what its later events need: the deployment, the day and slices
 * it was counted under, its score and call at the operating threshold, and whether it has been
 * viewed, decided or given an outcome yet. Only a decision's first decisive action (accepted,
 * modified, overridden, ignored) and its first outcome count; a correction takes the earlier
 * contribution back and applies the corrected one, so every figure stays a plain sum.
 *
 * <h2>What is counted where</h2>
 * Decisions, actions and outcomes count on the day of the decision's event time, so a window's
 * figures describe the decisions made in it (with the outcomes known so far).
 */
final class Aggregator {

    static final long DAY_MILLIS = 86_400_000L;
    static final int ALL = 0;

    private static final Set<String> OUT_OF_AUTHORIZATION = Set.of(Flag.OUTSIDE_AUTHORIZED_POPULATION, Flag.UNIT_NOT_AUTHORIZED,
            Flag.VERSION_NOT_AUTHORIZED, Flag.AUTHORIZATION_NOT_IN_FORCE, Flag.AUTHORIZATION_REVOKED, Flag.NO_AUTHORIZATION);
    private static final Set<String> UNREGISTERED = Set.of(Flag.SYSTEM_NOT_REGISTERED, Flag.VERSION_NOT_REGISTERED,
            Flag.DIGEST_MISMATCH);

    /** What later events of one decision need; see the class comment. */
    static final class Tracked {
        final DeploymentState deployment;
        final int day;
        final int[] slices;
        final long eventMillis;
        final double score;
        final byte predicted;
        final double minimumReviewSeconds;
        boolean viewed;
        byte decisive = -1;
        long decisiveIndex = -1;
        double reviewSeconds;
        byte outcome = -1;
        long outcomeIndex = -1;

        Tracked(DeploymentState deployment, int day, int[] slices, long eventMillis, double score, byte predicted,
                double minimumReviewSeconds) {
            this.deployment = deployment;
            this.day = day;
            this.slices = slices;
            this.eventMillis = eventMillis;
            this.score = score;
            this.predicted = predicted;
            this.minimumReviewSeconds = minimumReviewSeconds;
        }
    }

    private final Registry registry;
    private final Thresholds defaults;
    private final LongFunction<JsonNode> entryData;
    final Map<String, DeploymentState> deployments = new HashMap<>();
    private final TrackedDecisions tracked = new TrackedDecisions();
    /** A corrected decision's earlier indexes, pointing at the index its figures are now kept under. */
    private final Map<Long, Long> redirect = new HashMap<>();
    /**
     * A corrected action's or outcome's original index, pointing at its latest correction: every
     * correction names the original, so a second one must take back the first correction's
     * contribution, not the original's (which is no longer counted).
     */
    private final Map<Long, Long> latestCorrection = new HashMap<>();
    private final Map<String, CardContext> cards = new HashMap<>();
    final Map<String, Integer> sliceIds = new HashMap<>();
    final List<String> sliceNames = new ArrayList<>();

    /**
     * @param entryData reads a committed entry's data by index: a correction takes back the
     *     figures of the entry it corrects, which are not kept in memory
     */
    Aggregator(Registry registry, Thresholds defaults, LongFunction<JsonNode> entryData) {
        this.registry = registry;
        this.defaults = defaults;
        this.entryData = entryData;
        slice("all");
    }

    int slice(String name) {
        Integer id = sliceIds.get(name);
        if (id == null) {
            id = sliceNames.size();
            sliceIds.put(name, id);
            sliceNames.add(name);
        }
        return id;
    }

    Registry registry() {
        return registry;
    }

    Thresholds defaults() {
        return defaults;
    }

    /** Applies one committed entry; answers the deployment it touched, or null. */
    DeploymentState accept(long index, String type, JsonNode data) {
        switch (type) {
            case "decision":
                return decision(index, data);
            case "decision.correction":
                return correctDecision(index, data);
            case "action":
                return action(index, data, 1);
            case "action.correction":
                return correctAction(index, data);
            case "outcome":
                return outcome(index, data, 1);
            case "outcome.correction":
                return correctOutcome(index, data);
            default:
                return null;
        }
    }

    CardContext card(String system, String version, Instant at) {
        if (system == null || version == null) {
            return null;
        }
        String key = system + "@" + version;
        CardContext c = cards.get(key);
        if (c == null && !cards.containsKey(key)) {
            c = registry.current(RecordKind.VERSION, key, at, AiVersion.class)
                    .filter(v -> v.card() != null).map(v -> new CardContext(version, v.card())).orElse(null);
            cards.put(key, c);
        }
        return c;
    }

    Authorization authorization(String id, Instant at) {
        return id == null ? null : registry.current(RecordKind.AUTHORIZATION, id, at, Authorization.class).orElse(null);
    }

    private DeploymentState decision(long index, JsonNode data) {
        Tracked t = applyDecision(index, data, 1);
        tracked.put(index, t);
        return t.deployment;
    }

    /** Counts (sign 1) or takes back (sign -1) a decision's own figures; answers its tracking record. */
    private Tracked applyDecision(long index, JsonNode data, int sign) {
        String auth = text(data, "authorization");
        String site = text(data, "site");
        String unit = text(data, "unit");
        String key = Recorder.deploymentKey(auth, site, unit);
        Instant at = Instant.parse(data.get("eventTime").asText());
        long millis = at.toEpochMilli();
        int day = (int) Math.floorDiv(millis, DAY_MILLIS);
        Authorization authorization = authorization(auth, at);
        Thresholds th = defaults.over(authorization);
        DeploymentState d = deployments.computeIfAbsent(key, k -> new DeploymentState(k, th.windowDays()));
        d.resizeWindow(th.windowDays());
        String system = text(data, "system");
        String version = text(data, "reportedVersion");
        if (sign > 0) {
            d.authorization = auth;
            d.system = system != null ? system : d.system;
            d.site = site != null ? site : d.site;
            if (millis >= d.lastEventMillis) {
                d.lastEventMillis = millis;
                d.latestVersion = version;
            }
            d.advanceTo(day);
        }
        CardContext card = card(system, version, at);
        JsonNode patient = data.path("patient");
        int[] slices = slicesOf(data, patient, version, site, unit, card);
        boolean intended = false;
        boolean authorized = false;
        boolean registered = false;
        for (JsonNode f : data.path("flags")) {
            String code = f.path("code").asText();
            intended |= code.equals(Flag.OUTSIDE_INTENDED_POPULATION);
            authorized |= OUT_OF_AUTHORIZATION.contains(code);
            registered |= UNREGISTERED.contains(code);
        }
        boolean outsideIntended = intended;
        boolean outsideAuthorized = authorized;
        boolean unregistered = registered;
        d.apply(day, slices, c -> {
            c.decisions += sign;
            if (outsideIntended) {
                c.outsideIntended += sign;
            }
            if (outsideAuthorized) {
                c.outsideAuthorized += sign;
            }
            if (unregistered) {
                c.unregistered += sign;
            }
        });
        if (card != null) {
            d.apply(day, new int[] {ALL}, c -> {
                for (int i = 0; i < card.features.size(); i++) {
                    CardContext.Feature f = card.features.get(i);
                    int bin = f.bin(CardContext.featureValue(data, f.name()));
                    if (bin >= 0) {
                        c.feature(card.featureKeys.get(i), f.bins())[bin] += sign;
                    }
                }
                JsonNode q = data.path("input").path("quality");
                for (var threshold : card.quality) {
                    JsonNode v = q.get(threshold.indicator());
                    if (v != null && v.isNumber()) {
                        long[] counts = c.quality(threshold.indicator());
                        counts[0] += sign;
                        double x = v.asDouble();
                        if ((threshold.min() != null && x < threshold.min()) || (threshold.max() != null && x > threshold.max())) {
                            counts[1] += sign;
                        }
                    }
                }
            });
        }
        d.unevaluated++;
        JsonNode output = data.path("output");
        JsonNode score = output.get("score");
        double s = score != null && score.isNumber() && score.asDouble() >= 0 && score.asDouble() <= 1 ? score.asDouble() : Double.NaN;
        Boolean predicted = card == null ? null : card.predictedPositive(output);
        Double minReview = th.medianReviewSecondsMin();
        return new Tracked(d, day, slices, millis, s, predicted == null ? (byte) -1 : (byte) (predicted ? 1 : 0),
                minReview == null ? Double.NaN : minReview);
    }

    /** Slice ids by dimension and raw value, so that the common case builds no string. */
    private final Map<String, Map<String, Integer>> sliceByValue = new HashMap<>();
    private final int[] ageBands = new int[16];

    private int slice(String dimension, String value) {
        Map<String, Integer> byValue = sliceByValue.computeIfAbsent(dimension, d -> new HashMap<>());
        Integer id = byValue.get(value);
        if (id == null) {
            id = slice(dimension + ":" + value);
            byValue.put(value, id);
        }
        return id;
    }

    private int ageBand(double age) {
        int band = age < 18 ? 0 : Math.min(15, 1 + (int) (age / 10));
        if (ageBands[band] == 0) {
            int lo = (band - 1) * 10;
            ageBands[band] = slice(band == 0 ? "age:under 18" : band == 15 ? "age:140+" : "age:" + lo + "-" + (lo + 9));
        }
        return ageBands[band];
    }

    private int[] slicesOf(JsonNode data, JsonNode patient, String version, String site, String unit, CardContext card) {
        int[] out = new int[8 + (card == null ? 0 : card.subgroups.size())];
        int n = 0;
        out[n++] = ALL;
        if (version != null) {
            out[n++] = slice("version", version);
        }
        if (site != null) {
            out[n++] = slice("site", site);
        }
        if (unit != null) {
            out[n++] = slice("unit", unit);
        }
        Double age = patient.path("age").isNumber() ? patient.get("age").asDouble() : null;
        String sex = text(patient, "sex");
        String careSetting = text(patient, "careSetting");
        JsonNode attributes = patient.get("attributes");
        if (age != null) {
            out[n++] = ageBand(age);
        }
        if (sex != null) {
            out[n++] = slice("sex", sex);
        }
        if (careSetting != null) {
            out[n++] = slice("careSetting", careSetting);
        }
        if (attributes != null && attributes.hasNonNull("ethnicity")) {
            out[n++] = slice("ethnicity", attributes.get("ethnicity").asText());
        }
        if (card != null) {
            for (CardContext.Subgroup g : card.subgroups) {
                if (g.admits(age, sex, careSetting, attributes)) {
                    out[n++] = slice("subgroup", g.name());
                }
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private Tracked find(long decisionIndex) {
        Long moved = redirect.get(decisionIndex);
        return tracked.get(moved == null ? decisionIndex : moved);
    }

    private DeploymentState action(long index, JsonNode data, int sign) {
        Tracked t = find(data.path("decisionIndex").asLong(-1));
        if (t == null) {
            return null;
        }
        String kind = data.path("kind").asText();
        if (kind.equals("viewed")) {
            if (sign > 0 && !t.viewed) {
                t.viewed = true;
                t.deployment.apply(t.day, t.slices, c -> c.viewed++);
            }
            return t.deployment;
        }
        int k = java.util.Arrays.asList(Cell.DECISIVE).indexOf(kind);
        if (k < 0) {
            return t.deployment;
        }
        if (sign > 0 && t.decisive < 0) {
            double seconds = Math.max(0, (Instant.parse(data.get("time").asText()).toEpochMilli() - t.eventMillis) / 1000.0);
            t.decisive = (byte) k;
            t.decisiveIndex = index;
            t.reviewSeconds = seconds;
            applyDecisive(t, 1);
            t.deployment.unevaluated++;
        } else if (sign < 0 && t.decisiveIndex == index) {
            applyDecisive(t, -1);
            t.decisive = -1;
            t.decisiveIndex = -1;
        }
        return t.deployment;
    }

    private void applyDecisive(Tracked t, int sign) {
        boolean fast = !Double.isNaN(t.minimumReviewSeconds) && t.reviewSeconds < t.minimumReviewSeconds;
        int bin = Cell.reviewBin(t.reviewSeconds);
        int k = t.decisive;
        t.deployment.apply(t.day, t.slices, c -> {
            c.decided += sign;
            c.decisive[k] += sign;
            c.review()[bin] += sign;
            if (fast) {
                c.fastDecisions += sign;
            }
        });
    }

    private DeploymentState outcome(long index, JsonNode data, int sign) {
        JsonNode positive = data.get("positive");
        DeploymentState touched = null;
        for (JsonNode i : data.path("decisionIndexes")) {
            Tracked t = find(i.asLong());
            if (t == null) {
                continue;
            }
            if (sign > 0 && t.outcome < 0 && positive != null && positive.isBoolean()) {
                t.outcome = (byte) (positive.asBoolean() ? 1 : 0);
                t.outcomeIndex = index;
                applyOutcome(t, 1);
                t.deployment.unevaluated++;
                touched = t.deployment;
            } else if (sign < 0 && t.outcomeIndex == index) {
                applyOutcome(t, -1);
                t.outcome = -1;
                t.outcomeIndex = -1;
                touched = t.deployment;
            }
        }
        return touched;
    }

    private void applyOutcome(Tracked t, int sign) {
        boolean pos = t.outcome == 1;
        byte predicted = t.predicted;
        double score = t.score;
        t.deployment.apply(t.day, t.slices, c -> {
            c.withOutcome += sign;
            if (predicted == 1) {
                if (pos) {
                    c.tp += sign;
                } else {
                    c.fp += sign;
                }
            } else if (predicted == 0) {
                if (pos) {
                    c.fn += sign;
                } else {
                    c.tn += sign;
                }
            }
            if (!Double.isNaN(score)) {
                c.scores(pos)[Cell.scoreBin(score)] += sign;
                if (sign > 0) {
                    c.calibration().add(score, pos);
                } else {
                    c.calibration().remove(score, pos);
                }
            }
        });
    }

    /**
     * A corrected decision: the figures under its current index are taken back, the corrected
     * event is counted, and its view, decisive action and outcome carry over to the new record.
     */
    private DeploymentState correctDecision(long index, JsonNode data) {
        long original = data.path("corrects").asLong(-1);
        Long current = redirect.getOrDefault(original, original);
        Tracked old = tracked.remove(current);
        Tracked fresh;
        if (old != null) {
            JsonNode before = entryData.apply(current);
            if (old.viewed) {
                old.deployment.apply(old.day, old.slices, c -> c.viewed--);
            }
            if (old.decisive >= 0) {
                applyDecisive(old, -1);
            }
            if (old.outcome >= 0) {
                applyOutcome(old, -1);
            }
            applyDecision(current, before, -1);
            fresh = applyDecision(index, data, 1);
            fresh.viewed = old.viewed;
            if (fresh.viewed) {
                fresh.deployment.apply(fresh.day, fresh.slices, c -> c.viewed++);
            }
            if (old.decisive >= 0) {
                fresh.decisive = old.decisive;
                fresh.decisiveIndex = old.decisiveIndex;
                fresh.reviewSeconds = Math.max(0, old.reviewSeconds + (old.eventMillis - fresh.eventMillis) / 1000.0);
                applyDecisive(fresh, 1);
            }
            if (old.outcome >= 0) {
                fresh.outcome = old.outcome;
                fresh.outcomeIndex = old.outcomeIndex;
                applyOutcome(fresh, 1);
            }
        } else {
            fresh = applyDecision(index, data, 1);
        }
        tracked.put(index, fresh);
        redirect.put(original, index);
        if (current != original) {
            redirect.put(current, index);
        }
        return fresh.deployment;
    }

    private DeploymentState correctAction(long index, JsonNode data) {
        long original = data.path("corrects").asLong(-1);
        long current = latestCorrection.getOrDefault(original, original);
        latestCorrection.put(original, index);
        JsonNode before = entryData.apply(current);
        if (before != null) {
            Tracked t = find(before.path("decisionIndex").asLong(-1));
            if (t != null && t.decisiveIndex == current) {
                action(current, before, -1);
            }
        }
        return action(index, data, 1);
    }

    private DeploymentState correctOutcome(long index, JsonNode data) {
        long original = data.path("corrects").asLong(-1);
        long current = latestCorrection.getOrDefault(original, original);
        latestCorrection.put(original, index);
        JsonNode before = entryData.apply(current);
        if (before != null) {
            outcome(current, before, -1);
        }
        return outcome(index, data, 1);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
