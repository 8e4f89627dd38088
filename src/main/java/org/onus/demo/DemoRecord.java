package org.onus.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * One record of the demo hospital, in the order it must be recorded: what kind it is (which
 * endpoint takes it), when it happened in the simulated world, and its JSON body exactly as the
 * API accepts it. {@code at} lets a loader run the server on a simulated clock, so that the
 * ledger's recording times follow the story rather than the few seconds it takes to load it.
 */
public record DemoRecord(String kind, Instant at, ObjectNode body) {

    public static final String PARTY = "party";
    public static final String AI_SYSTEM = "ai-system";
    public static final String VERSION = "version";
    public static final String LOCAL_VALIDATION = "local-validation";
    public static final String AUTHORIZATION = "authorization";
    public static final String NOTICE = "notice";
    public static final String NOTICE_RECEIPT = "notice-receipt";
    public static final String DECISION = "decision";
    public static final String ACTION = "action";
    public static final String OUTCOME = "outcome";

    /** Every kind, in the order a registry must know them before events can refer to them. */
    public static final List<String> KINDS = List.of(PARTY, AI_SYSTEM, VERSION, LOCAL_VALIDATION, AUTHORIZATION, NOTICE,
            NOTICE_RECEIPT, DECISION, ACTION, OUTCOME);

    /** The record's own identifier ({@code id}, or {@code system@version} for a version, {@code notice/deployer} for a receipt). */
    public String id() {
        return switch (kind) {
            case VERSION -> body.path("system").asText() + "@" + body.path("version").asText();
            case NOTICE_RECEIPT -> body.path("notice").asText() + "/" + body.path("deployer").asText();
            default -> body.path("id").asText();
        };
    }
}
