package org.onus.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.onus.registry.ModelCard;
import org.onus.registry.PerformanceClaim;
import org.onus.registry.Population;

/**
 * What monitoring needs of one version's card, prepared once: how an output is called positive,
 * the named subgroups (who belongs, what is claimed), the input baseline's features with their
 * bins and shares, and the quality thresholds.
 */
final class CardContext {

    /** One declared input feature: numeric bins from edges (plus below and above) or categories (plus other). */
    record Feature(String name, double[] edges, List<String> categories, double[] shares) {

        int bins() {
            return shares.length;
        }

        /** The bin of a value, or -1 when the decision does not carry the feature. */
        int bin(JsonNode value) {
            if (value == null || value.isNull() || value.isMissingNode()) {
                return -1;
            }
            if (edges != null) {
                if (!value.isNumber()) {
                    return -1;
                }
                double v = value.asDouble();
                if (v < edges[0]) {
                    return 0;
                }
                for (int i = 1; i < edges.length; i++) {
                    if (v < edges[i] || (i == edges.length - 1 && v == edges[i])) {
                        return i;
                    }
                }
                return edges.length;
            }
            int i = categories.indexOf(value.asText());
            return i < 0 ? categories.size() : i;
        }

        List<String> labels() {
            List<String> out = new ArrayList<>();
            if (edges != null) {
                out.add("< " + num(edges[0]));
                for (int i = 1; i < edges.length; i++) {
                    out.add(num(edges[i - 1]) + "-" + num(edges[i]));
                }
                out.add("> " + num(edges[edges.length - 1]));
            } else {
                out.addAll(categories);
                out.add("(other)");
            }
            return out;
        }

        private static String num(double d) {
            return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
        }
    }

    record Subgroup(String name, Population population, Map<String, String> attributes, List<PerformanceClaim> claims) {

        /** Membership needs every dimension the subgroup states to be known and to match. */
        boolean admits(Double age, String sex, String careSetting, JsonNode attrs) {
            if (population != null) {
                if ((population.ageMin() != null || population.ageMax() != null) && age == null) {
                    return false;
                }
                if (!population.sexes().isEmpty() && sex == null) {
                    return false;
                }
                if (!population.careSettings().isEmpty() && careSetting == null) {
                    return false;
                }
                if (!population.admits(age, sex, careSetting)) {
                    return false;
                }
            }
            for (Map.Entry<String, String> a : attributes.entrySet()) {
                if (attrs == null || !a.getValue().equals(attrs.path(a.getKey()).asText(null))) {
                    return false;
                }
            }
            return true;
        }
    }

    final String version;
    final String outputKind;
    final Double operatingThreshold;
    final String positiveClass;
    final List<PerformanceClaim> overall;
    final List<Subgroup> subgroups = new ArrayList<>();
    final List<Feature> features = new ArrayList<>();
    final List<ModelCard.QualityThreshold> quality;
    /** "version feature", the key of each feature's histogram, made once. */
    final List<String> featureKeys = new ArrayList<>();

    CardContext(String version, ModelCard card) {
        this.version = version;
        this.outputKind = card.output() == null ? null : card.output().kind();
        this.operatingThreshold = card.output() == null ? null : card.output().operatingThreshold();
        this.positiveClass = card.output() == null ? null : card.output().positiveClass();
        this.overall = card.performance() == null ? List.of() : card.performance().overall();
        if (card.performance() != null) {
            for (ModelCard.Subgroup s : card.performance().subgroups()) {
                subgroups.add(new Subgroup(s.name(), s.population(), s.attributes(), s.claims()));
            }
        }
        this.quality = card.inputRequirements() == null ? List.of() : card.inputRequirements().quality();
        readBaseline(card.inputBaseline());
        features.forEach(f -> featureKeys.add(version + " " + f.name()));
    }

    private void readBaseline(JsonNode baseline) {
        if (baseline == null || !baseline.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = baseline.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode spec = f.getValue();
            if (spec.path("edges").isArray() && spec.path("shares").isArray()
                    && spec.get("edges").size() == spec.get("shares").size() + 1 && spec.get("edges").size() >= 2) {
                int n = spec.get("edges").size();
                double[] edges = new double[n];
                double[] shares = new double[n + 1];
                for (int i = 0; i < n; i++) {
                    edges[i] = spec.get("edges").get(i).asDouble();
                }
                for (int i = 0; i < n - 1; i++) {
                    shares[i + 1] = spec.get("shares").get(i).asDouble();
                }
                features.add(new Feature(f.getKey(), edges, null, shares));
            } else if (spec.path("categories").isObject() && spec.get("categories").size() > 0) {
                List<String> cats = new ArrayList<>();
                spec.get("categories").fieldNames().forEachRemaining(cats::add);
                java.util.Collections.sort(cats);
                double[] shares = new double[cats.size() + 1];
                for (int i = 0; i < cats.size(); i++) {
                    shares[i] = spec.get("categories").get(cats.get(i)).asDouble();
                }
                features.add(new Feature(f.getKey(), null, cats, shares));
            }
            // a feature declared in another form is shown as undeclared rather than guessed at
        }
    }

    /** The value of a declared feature on a decision entry's data: patient fields, input quality, patient attributes. */
    static JsonNode featureValue(JsonNode data, String name) {
        if (name.startsWith("quality.")) {
            return data.path("input").path("quality").get(name.substring(8));
        }
        if (name.startsWith("attributes.")) {
            return data.path("patient").path("attributes").get(name.substring(11));
        }
        JsonNode p = data.path("patient").get(name);
        if (p != null) {
            return p;
        }
        JsonNode in = data.path("input").get(name);
        return in != null ? in : data.get(name);
    }

    /** Whether the output calls the case positive at the operating threshold; null when it cannot be told. */
    Boolean predictedPositive(JsonNode output) {
        if (output.path("flagged").asBoolean(false)) {
            return null;
        }
        JsonNode score = output.get("score");
        if (operatingThreshold != null && score != null && score.isNumber()) {
            return score.asDouble() >= operatingThreshold;
        }
        JsonNode label = output.get("label");
        if (positiveClass != null && label != null) {
            return positiveClass.equals(label.asText());
        }
        return null;
    }

    List<PerformanceClaim> claimsOf(String subgroup) {
        for (Subgroup s : subgroups) {
            if (s.name().equals(subgroup)) {
                return s.claims();
            }
        }
        return List.of();
    }
}
