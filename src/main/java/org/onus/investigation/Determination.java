package org.onus.investigation;

import java.util.Set;
import org.onus.registry.ModelCard;
import org.onus.validation.Fields;

/**
 * An investigator's signed judgement, the human input some rules need and no record can supply:
 * whether the AI's recommendation was standard of care, whether it was correct, whether acting on
 * it caused the harm, whether a device malfunctioned, which failure mode occurred, whether a
 * precaution was needed, and whether the product's workflow forced acceptance. It is signed in
 * the sense that matters here: a ledger entry naming the investigator and the token that wrote
 * it, covered by the tenant's signed checkpoints, never changed; a revised judgement is a new
 * determination, and the latest one of a kind (per decision) is the one rules use.
 *
 * @param decision the decision it concerns; required for the decision-level kinds
 * @param value the judgement (true: was standard of care / was correct / did cause / did malfunction / was needed / did force)
 * @param failureMode for {@code failure-mode}: the code of the mode that failed, matched against cards' known limitations;
 *     for {@code device-malfunction} optionally the fault
 * @param precautionKind for {@code precaution-needed}: which kind of precaution (one of the card's precaution kinds)
 */
public record Determination(String id, String kind, String decision, Boolean value, String failureMode, String precautionKind,
                            String investigator, String rationale) {

    public static final String STANDARD_OF_CARE = "ai-standard-of-care";
    public static final String CORRECT = "ai-correct";
    public static final String HARM_CAUSED = "harm-caused-by-acting-on-ai";
    public static final String DEVICE_MALFUNCTION = "device-malfunction";
    public static final String FAILURE_MODE = "failure-mode";
    public static final String PRECAUTION_NEEDED = "precaution-needed";
    public static final String WORKFLOW_FORCED = "workflow-forced-acceptance";

    public static final Set<String> KINDS = Set.of(STANDARD_OF_CARE, CORRECT, HARM_CAUSED, DEVICE_MALFUNCTION, FAILURE_MODE,
            PRECAUTION_NEEDED, WORKFLOW_FORCED);
    /** Kinds that judge one decision and so must name it. */
    public static final Set<String> PER_DECISION = Set.of(STANDARD_OF_CARE, CORRECT, HARM_CAUSED, WORKFLOW_FORCED);

    static Determination read(Fields f) {
        String id = f.id("id", false);
        String kind = f.oneOf("kind", true, KINDS);
        String decision = f.id("decision", false);
        if (kind != null && PER_DECISION.contains(kind) && decision == null && !f.has("decision")) {
            f.errors().add(f.at("decision"), "is required for a " + kind + " determination: name the decision judged");
        }
        Boolean value = f.bool("value", false);
        String failureMode = f.id("failureMode", false);
        String precaution = f.oneOf("precautionKind", false, ModelCard.PRECAUTION_KINDS);
        if (FAILURE_MODE.equals(kind)) {
            if (failureMode == null && !f.has("failureMode")) {
                f.errors().add(f.at("failureMode"), "is required for a failure-mode determination");
            }
        } else if (kind != null && value == null && !f.has("value")) {
            f.errors().add(f.at("value"), "is required: true or false");
        }
        if (PRECAUTION_NEEDED.equals(kind) && Boolean.TRUE.equals(value) && precaution == null && !f.has("precautionKind")) {
            f.errors().add(f.at("precautionKind"), "is required when a precaution was needed: one of "
                    + String.join(", ", ModelCard.PRECAUTION_KINDS));
        }
        String investigator = f.id("investigator", true);
        String rationale = f.requiredString("rationale");
        f.end();
        return new Determination(id, kind, decision, FAILURE_MODE.equals(kind) && value == null ? Boolean.TRUE : value,
                failureMode, precaution, investigator, rationale);
    }
}
