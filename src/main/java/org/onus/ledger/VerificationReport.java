package org.onus.ledger;

import java.util.Base64;
import java.util.Optional;

/**
 * What a {@link LogVerifier} found for one tenant's log: how much it checked and the first
 * problem, if any. When {@link #ok()}, {@code root} is the recomputed root of the whole stored
 * log ({@code entries} leaves); otherwise the counts say how far verification got.
 *
 * @param tenant the tenant's name
 * @param origin the log's origin (the verifier key's name)
 * @param entries entries verified (leaf hash, envelope, order)
 * @param tiles completed tiles verified against their entries
 * @param checkpoints signed checkpoints whose signature, root and consistency were verified
 * @param latestCheckpoint the tree size of the latest signed checkpoint, or -1 if none
 * @param root the recomputed root of the whole log when ok, else null
 * @param problem the first problem found
 */
public record VerificationReport(String tenant, String origin, long entries, long tiles, int checkpoints,
                                 long latestCheckpoint, byte[] root, Optional<VerificationProblem> problem) {

    public boolean ok() {
        return problem.isEmpty();
    }

    /** One line for people: what was verified, or the first problem. */
    public String summary() {
        if (ok()) {
            return "tenant " + tenant + " (" + origin + "): " + entries + " entries, " + tiles + " tiles, "
                    + checkpoints + " checkpoints verified" + (latestCheckpoint >= 0 ? " (latest at size " + latestCheckpoint + ")" : "")
                    + ", root " + Base64.getEncoder().encodeToString(root);
        }
        return "tenant " + tenant + " (" + origin + "): " + problem.get().message();
    }

    @Override
    public String toString() {
        return (ok() ? "OK " : "FAILED ") + summary();
    }
}
