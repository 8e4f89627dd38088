package org.onus.ledger;

import java.util.List;
import java.util.Optional;

/**
 * What {@link EvidenceBundle#verify} found: the checkpoint it verified the entries against (absent
 * if the checkpoint itself did not verify), the key it used and whether the caller pinned it,
 * how many entries verified, and every problem, each a sentence naming the entry or part at fault.
 */
public record BundleVerification(Checkpoint checkpoint, String verifierKey, boolean keyPinned, int entriesVerified,
                                 List<String> problems) {

    public BundleVerification {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    public Optional<Checkpoint> verifiedCheckpoint() {
        return Optional.ofNullable(checkpoint);
    }
}
