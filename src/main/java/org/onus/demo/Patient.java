package org.onus.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A patient as one decision sees them: the hospital's id (an MRN, pseudonymized by the server),
 * the attributes intended use depends on, subgroup attributes (e.g. breast density, encounter
 * language) and the card exclusions that apply to them. An exclusion is written as an attribute
 * named after the card's exclusion code with the value {@code "true"}, e.g. {@code "breast-implants": "true"}.
 */
record Patient(String mrn, int age, String sex, String careSetting, String indication, Map<String, String> attributes,
               Set<String> exclusions) {

    Patient {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        exclusions = exclusions == null ? Set.of() : Set.copyOf(exclusions);
    }

    String attribute(String name) {
        return attributes.get(name);
    }

    ObjectNode json() {
        Map<String, String> attrs = new TreeMap<>(attributes);
        exclusions.forEach(e -> attrs.put(e, "true"));
        return Json.obj("id", mrn, "age", age, "sex", sex, "careSetting", careSetting, "indication", indication,
                "attributes", attrs.isEmpty() ? null : attrs);
    }

    Patient in(String careSetting, String indication) {
        return new Patient(mrn, age, sex, careSetting, indication, attributes, exclusions);
    }
}
