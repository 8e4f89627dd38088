package org.onus.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Compact facts about a generated hospital, gathered in one pass over its stream, for rate checks. */
final class Tally {

    /** One decision and what followed it. */
    static final class D {
        String id;
        String system;
        String site;
        String unit;
        int day;
        int age;
        boolean aiPositive;
        boolean flagged;
        Instant time;
        Instant viewed;
        String action;
        Double reviewSeconds;
        Double editedShare;
        Boolean truth;
        String deviceAction;
    }

    final Map<String, D> decisions = new HashMap<>();
    final List<DemoRecord> registry = new ArrayList<>();
    long records;

    Tally(DemoHospital h) {
        for (DemoRecord r : h) {
            records++;
            JsonNode b = r.body();
            switch (r.kind()) {
                case DemoRecord.DECISION -> {
                    D d = new D();
                    d.id = r.id();
                    d.system = b.get("system").asText();
                    d.site = b.get("site").asText();
                    d.unit = b.get("unit").asText();
                    d.time = r.at();
                    d.day = (int) Duration.between(h.start(), r.at()).toDays();
                    d.age = b.at("/patient/age").asInt();
                    JsonNode out = b.get("output");
                    d.flagged = out.path("flagged").asBoolean(false);
                    d.aiPositive = List.of("suspicious", "elevated-risk").contains(out.path("label").asText());
                    d.deviceAction = out.at("/deviceAction/kind").asText(null);
                    decisions.put(d.id, d);
                }
                case DemoRecord.ACTION -> {
                    D d = decisions.get(b.get("decision").asText());
                    Instant t = OffsetDateTime.parse(b.get("time").asText()).toInstant();
                    if ("viewed".equals(b.get("kind").asText())) {
                        d.viewed = t;
                    } else {
                        d.action = b.get("kind").asText();
                        d.reviewSeconds = d.viewed == null ? null : (double) Duration.between(d.viewed, t).toSeconds();
                        d.editedShare = b.has("editedShare") ? b.get("editedShare").asDouble() : null;
                    }
                }
                case DemoRecord.OUTCOME -> b.get("decisions").forEach(x -> {
                    D d = decisions.get(x.asText());
                    d.truth = b.has("positive") ? b.get("positive").asBoolean() : !"no-complication".equals(b.get("label").asText());
                });
                default -> registry.add(r);
            }
        }
    }

    /** Overridden share of the decisions of {@code system} at {@code unit} (any unit if null) that were acted on. */
    double overrideRate(String system, String unit, int fromDay, int toDay) {
        long acted = 0;
        long overridden = 0;
        for (D d : decisions.values()) {
            if (d.system.equals(system) && (unit == null || d.unit.equals(unit)) && d.day >= fromDay && d.day < toDay && d.action != null) {
                acted++;
                if ("overridden".equals(d.action)) {
                    overridden++;
                }
            }
        }
        return (double) overridden / acted;
    }

    double medianReviewSeconds(String system, String unit) {
        double[] xs = decisions.values().stream().filter(d -> d.system.equals(system) && d.unit.equals(unit) && d.reviewSeconds != null)
                .mapToDouble(d -> d.reviewSeconds).sorted().toArray();
        return xs[xs.length / 2];
    }

    /** Observed sensitivity: AI positive among the decisions whose outcome was positive. */
    double sensitivity(String system, String site, int fromDay, int toDay) {
        long pos = 0;
        long tp = 0;
        for (D d : decisions.values()) {
            if (d.system.equals(system) && d.site.equals(site) && d.day >= fromDay && d.day < toDay && Boolean.TRUE.equals(d.truth)
                    && !d.flagged) {
                pos++;
                if (d.aiPositive) {
                    tp++;
                }
            }
        }
        return (double) tp / pos;
    }

    double outcomeCoverage() {
        return (double) decisions.values().stream().filter(d -> d.truth != null).count() / decisions.size();
    }
}
