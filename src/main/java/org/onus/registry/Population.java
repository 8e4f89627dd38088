package org.onus.registry;

import java.util.List;
import java.util.Set;
import org.onus.validation.Fields;

/**
 * Who a product is meant for (on a card) or may be used for (on an authorization): an age range
 * in years, sexes, care settings and named exclusions. An empty list means "not restricted".
 */
public record Population(Double ageMin, Double ageMax, List<String> sexes, List<String> careSettings,
                         List<String> exclusions) {

    public static final Set<String> SEXES = Set.of("female", "male", "other", "unknown");

    public Population {
        sexes = sexes == null ? List.of() : List.copyOf(sexes);
        careSettings = careSettings == null ? List.of() : List.copyOf(careSettings);
        exclusions = exclusions == null ? List.of() : List.copyOf(exclusions);
    }

    static Population read(Fields f) {
        if (f == null) {
            return null;
        }
        Double min = f.number("ageMin", false, 0, 150);
        Double max = f.number("ageMax", false, 0, 150);
        List<String> sexes = f.strings("sexes", false);
        for (int i = 0; i < sexes.size(); i++) {
            if (!SEXES.contains(sexes.get(i))) {
                f.errors().add(f.at("sexes") + "/" + i, "must be one of " + String.join(", ", SEXES));
            }
        }
        List<String> settings = f.strings("careSettings", false);
        List<String> exclusions = f.strings("exclusions", false);
        f.end();
        if (min != null && max != null && min > max) {
            f.errors().add(f.at("ageMin"), "must not exceed ageMax");
        }
        return new Population(min, max, sexes, settings, exclusions);
    }

    /** Whether a patient with these attributes lies inside; unknown attributes are not held against the patient. */
    public boolean admits(Double age, String sex, String careSetting) {
        if (age != null && ageMin != null && age < ageMin) {
            return false;
        }
        if (age != null && ageMax != null && age > ageMax) {
            return false;
        }
        if (sex != null && !sexes.isEmpty() && !sexes.contains(sex)) {
            return false;
        }
        return careSetting == null || careSettings.isEmpty() || careSettings.contains(careSetting);
    }

    /**
     * The population an authorization actually permits, given the card it refers to: each
     * dimension the authorization states replaces the card's, each it leaves out is the card's.
     * Exclusions add up.
     */
    public Population over(Population card) {
        if (card == null) {
            return this;
        }
        java.util.List<String> allExclusions = new java.util.ArrayList<>(card.exclusions);
        exclusions.stream().filter(e -> !allExclusions.contains(e)).forEach(allExclusions::add);
        return new Population(ageMin != null ? ageMin : card.ageMin, ageMax != null ? ageMax : card.ageMax,
                sexes.isEmpty() ? card.sexes : sexes, careSettings.isEmpty() ? card.careSettings : careSettings, allExclusions);
    }

    /**
     * Ways in which this population (an authorization's) reaches beyond {@code card}'s: each item
     * names the dimension, e.g. "ages below 18 (card: 18-)". A dimension the authorization does
     * not state is the card's, so it cannot widen it.
     */
    public List<String> widerThan(Population card) {
        if (card == null) {
            return List.of();
        }
        java.util.List<String> out = new java.util.ArrayList<>();
        if (card.ageMin != null && ageMin != null && ageMin < card.ageMin) {
            out.add("ages below " + num(card.ageMin) + " (card: " + range(card) + ")");
        }
        if (card.ageMax != null && ageMax != null && ageMax > card.ageMax) {
            out.add("ages above " + num(card.ageMax) + " (card: " + range(card) + ")");
        }
        if (!card.sexes.isEmpty()) {
            for (String s : sexes) {
                if (!card.sexes.contains(s)) {
                    out.add("sex " + s + " (card: " + String.join(", ", card.sexes) + ")");
                }
            }
        }
        if (!card.careSettings.isEmpty()) {
            for (String s : careSettings) {
                if (!card.careSettings.contains(s)) {
                    out.add("care setting " + s + " (card: " + String.join(", ", card.careSettings) + ")");
                }
            }
        }
        return out;
    }

    private static String range(Population p) {
        return (p.ageMin == null ? "" : num(p.ageMin)) + "-" + (p.ageMax == null ? "" : num(p.ageMax));
    }

    private static String num(Double d) {
        return d == Math.rint(d) ? Long.toString(d.longValue()) : d.toString();
    }
}
