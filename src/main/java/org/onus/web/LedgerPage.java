package org.onus.web;

import io.javalin.http.Context;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.onus.ledger.Checkpoint;
import org.onus.ledger.Entries;
import org.onus.ledger.SignedNote;
import org.onus.store.StoredEntry;
import org.onus.recording.TenantServices;
import org.onus.recording.Timeline;

/**
 * {@code GET /ledger}: the tenant's latest signed checkpoint, the verifier key to pin, and how
 * anyone checks an evidence bundle offline. {@code GET /ledger/entries/{index}}: one entry as
 * the API returns it (an evidence link of a finding leads here); reading a patient-linked entry
 * is logged as the API logs it.
 */
final class LedgerPage {

    private final TenantServices.Directory services;

    LedgerPage(TenantServices.Directory services) {
        this.services = services;
    }

    WebConsole.Rendered render(Context ctx, WebConsole.Visitor v, WebConsole console) {
        String note = v.log().checkpoint();
        Checkpoint cp = Checkpoint.parse(SignedNote.parse(note).text());
        String key = v.log().verifierKey();
        List<String> steps = List.of(
                "Pin the verifier key above: take it from the hospital's published copy, not from the file beside the data.",
                "Download an incident's evidence bundle (the button on each incident page), or ask the API: GET /v1/incidents/{id}/bundle.",
                "Check it offline: ./onus verify --key '" + key + "' bundle.json",
                "The check recomputes each entry's leaf hash, every inclusion proof against the bundle's checkpoint, and the checkpoint's Ed25519 signature; it names the first thing that does not verify.",
                "To check the whole log, an auditor runs ./onus verify --data <data directory> --key '" + key + "'.");
        return new WebConsole.Rendered("ledger.jte", new Views.LedgerPage(console.frame(v, "Ledger", "/ledger"), cp.origin(), cp.size(),
                Base64.getEncoder().encodeToString(cp.root()), note, key, steps));
    }

    WebConsole.Rendered entry(Context ctx, WebConsole.Visitor v, WebConsole console) {
        long index;
        try {
            index = Long.parseLong(ctx.pathParam("index"));
        } catch (NumberFormatException e) {
            throw new WebConsole.BadRequest("An entry is named by its index, a whole number; got '" + ctx.pathParam("index") + "'.");
        }
        long size = v.log().size();
        StoredEntry e = v.log().entry(index).orElseThrow(() -> new WebConsole.Missing("There is no entry " + index
                + ": the log holds " + size + " entries."));
        services.of(v.log()).timeline().logEntryRead(new Timeline.Reader(v.who().tokenId(), v.who().role().wireName(), false, null),
                e.index(), e.type());
        return new WebConsole.Rendered("entry.jte", new Views.EntryPage(console.frame(v, "Entry " + index, ""), e.index(), e.type(),
                Pages.minute(Instant.ofEpochMilli(e.recordedAtMillis()), java.time.ZoneOffset.UTC),
                Base64.getEncoder().encodeToString(e.leafHash()), Entries.parse(e.bytes()).toPrettyString()));
    }
}
