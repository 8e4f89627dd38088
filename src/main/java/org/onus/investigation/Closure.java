package org.onus.investigation;

import java.time.Instant;
import org.onus.validation.Fields;

/** The closing of an incident's investigation: when, by whom, and the conclusion in words. Nothing is added after it. */
public record Closure(Instant closedAt, String investigator, String conclusion) {

    static Closure read(Fields f) {
        Instant at = f.instant("closedAt", true, true);
        String investigator = f.id("investigator", true);
        String conclusion = f.requiredString("conclusion");
        f.end();
        return new Closure(at, investigator, conclusion);
    }
}
