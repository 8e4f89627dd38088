package org.onus.registry;

import java.time.Instant;
import org.onus.validation.Fields;

/**
 * One released version of an AI system: its version label, the SHA-256 digest of its artifact
 * (what a decision event's reported digest is checked against) and its model card.
 */
public record AiVersion(String system, String version, String artifactDigest, Instant releasedAt, ModelCard card) {

    public static AiVersion read(Fields f) {
        String system = f.id("system", true);
        String version = f.id("version", true);
        String digest = f.digest("artifactDigest", true);
        Instant released = f.instant("releasedAt", false, true);
        ModelCard card = ModelCard.read(f.object("card", true));
        f.end();
        return new AiVersion(system, version, digest, released, card);
    }

    /** The record's identity within the registry: {@code <system>@<version>}. */
    public String key() {
        return system + "@" + version;
    }
}
