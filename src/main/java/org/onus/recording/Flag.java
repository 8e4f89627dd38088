package org.onus.recording;

/**
 * What a recorded event violated at the moment it happened, as far as the registry shows. Onus
 * records misuse rather than refusing it — those are the events an investigation needs — and
 * flags it. Flags are observations, not findings: the responsibility rules decide what they mean.
 */
public record Flag(String code, String detail) {

    public static final String SYSTEM_NOT_REGISTERED = "system-not-registered";
    public static final String VERSION_NOT_REGISTERED = "version-not-registered";
    public static final String DIGEST_MISMATCH = "digest-not-registered-for-version";
    public static final String NO_AUTHORIZATION = "no-authorization";
    public static final String AUTHORIZATION_NOT_IN_FORCE = "authorization-not-in-force";
    public static final String AUTHORIZATION_REVOKED = "authorization-revoked";
    public static final String VERSION_NOT_AUTHORIZED = "version-not-authorized";
    public static final String UNIT_NOT_AUTHORIZED = "unit-not-authorized";
    public static final String OUTSIDE_INTENDED_POPULATION = "outside-intended-population";
    public static final String OUTSIDE_AUTHORIZED_POPULATION = "outside-authorized-population";
    public static final String INPUT_BELOW_QUALITY = "input-below-quality-threshold";
    public static final String INPUT_MISSING_FIELDS = "input-missing-required-fields";
    public static final String INPUT_WRONG_MODALITY = "input-wrong-modality";
    public static final String SHOWN_TO_UNTRAINED = "shown-to-untrained-clinician";
    public static final String CLINICIAN_UNTRAINED = "clinician-untrained";
    public static final String CLINICIAN_NOT_REGISTERED = "clinician-not-registered";

    /** Flags as the entry holds them: {@code [{"code": ..., "detail": ...}]} (an empty array when there are none). */
    static com.fasterxml.jackson.databind.node.ArrayNode toJson(java.util.List<Flag> flags) {
        var out = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode(flags.size());
        for (Flag f : flags) {
            var n = out.addObject().put("code", f.code());
            if (f.detail() != null && !f.detail().isEmpty()) {
                n.put("detail", f.detail());
            }
        }
        return out;
    }
}
