package org.onus.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A population, as a card declares it or an authorization permits it; {@link #admits} is the
 * demo's own reading of it, used to know which decisions it planted outside one.
 */
record Scope(Integer ageMin, Integer ageMax, List<String> sexes, List<String> careSettings, List<String> exclusions) {

    Scope {
        sexes = sexes == null ? List.of() : List.copyOf(sexes);
        careSettings = careSettings == null ? List.of() : List.copyOf(careSettings);
        exclusions = exclusions == null ? List.of() : List.copyOf(exclusions);
    }

    boolean admits(Patient p) {
        if (ageMin != null && p.age() < ageMin || ageMax != null && p.age() > ageMax) {
            return false;
        }
        if (!sexes.isEmpty() && !sexes.contains(p.sex())) {
            return false;
        }
        if (!careSettings.isEmpty() && !careSettings.contains(p.careSetting())) {
            return false;
        }
        return exclusions.stream().noneMatch(p.exclusions()::contains);
    }

    ObjectNode json() {
        return Json.obj("ageMin", ageMin, "ageMax", ageMax, "sexes", sexes.isEmpty() ? null : sexes,
                "careSettings", careSettings.isEmpty() ? null : careSettings, "exclusions", exclusions.isEmpty() ? null : exclusions);
    }
}
