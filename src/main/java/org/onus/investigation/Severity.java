package org.onus.investigation;

import java.util.List;
import java.util.Map;
import org.onus.validation.Fields;

/**
 * How bad the harm was, on a recognised scale: the AHRQ Common Formats Harm Scale (v1.2: death,
 * severe, moderate, mild, no harm, unknown) for any event, or the NCC MERP index (categories A to
 * I) for medication events, where A to D reached no harm, E to H harm of rising severity and I
 * death. The value is kept as the scale writes it, so reports can quote it.
 */
public record Severity(String scale, String value) {

    public static final String AHRQ = "ahrq-harm";
    public static final String NCC_MERP = "ncc-merp";

    /** Allowed values per scale, in order of increasing harm. */
    public static final Map<String, List<String>> SCALES = Map.of(
            AHRQ, List.of("unknown", "no-harm", "mild-harm", "moderate-harm", "severe-harm", "death"),
            NCC_MERP, List.of("A", "B", "C", "D", "E", "F", "G", "H", "I"));

    static Severity read(Fields f) {
        if (f == null) {
            return null;
        }
        String scale = f.oneOf("scale", true, SCALES.keySet());
        String value = f.requiredString("value");
        f.end();
        if (scale != null && value != null && !SCALES.get(scale).contains(value)) {
            f.errors().add(f.at("value"), "must be one of " + String.join(", ", SCALES.get(scale)) + " on scale " + scale);
            return null;
        }
        return scale == null || value == null ? null : new Severity(scale, value);
    }

    /** Whether the scale says the patient died (AHRQ death, NCC MERP I). */
    public boolean death() {
        return (AHRQ.equals(scale) && "death".equals(value)) || (NCC_MERP.equals(scale) && "I".equals(value));
    }

    /** Whether the scale says the patient was harmed at all (AHRQ mild or worse, NCC MERP E or worse). */
    public boolean harm() {
        List<String> order = SCALES.get(scale);
        int at = order.indexOf(value);
        return AHRQ.equals(scale) ? at >= order.indexOf("mild-harm") : at >= order.indexOf("E");
    }
}
