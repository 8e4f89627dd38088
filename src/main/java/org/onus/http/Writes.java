package org.onus.http;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.onus.ledger.Checkpoint;
import org.onus.ledger.InclusionProof;
import org.onus.ledger.TenantLog;

/**
 * How every write answers: its ledger index (or indexes), and with {@code ?proof=true} an
 * inclusion proof of each against a checkpoint signed for the occasion, so that the writer holds
 * evidence of its write that does not depend on trusting Onus later.
 */
final class Writes {

    void answer(Context ctx, TenantLog log, int status, Map<String, Object> out, long[] indexes) {
        if ("true".equalsIgnoreCase(ctx.queryParam("proof"))) {
            String note = log.checkpoint();
            long size = Checkpoint.open(note, log.publicKey()).size();
            List<Object> proofs = new ArrayList<>();
            for (long i : indexes) {
                InclusionProof proof = log.inclusionProof(i, size);
                proofs.add(Map.of("index", i, "size", size, "hashes", LedgerRoutes.b64(proof.hashes())));
            }
            out.put("checkpoint", note);
            out.put("proofs", proofs);
        }
        Json.write(ctx, status, out);
    }
}
