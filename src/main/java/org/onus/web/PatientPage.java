package org.onus.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.onus.auth.Role;
import org.onus.recording.TenantServices;
import org.onus.recording.Timeline;

/**
 * {@code GET /patients/{pseudonym}}: one patient's decisions, actions and outcomes, each decision
 * with the card and authorization in force, by the same timeline service as
 * {@code GET /v1/patients/{id}/timeline}, and logged as it logs it. The console names patients
 * only by their pseudonym (an incident links here), so no patient identifier appears in an
 * address, a browser history or a server log.
 */
final class PatientPage {

    private static final Instant END_OF_TIME = Instant.parse("9999-12-31T23:59:59Z");

    private final TenantServices.Directory services;

    PatientPage(TenantServices.Directory services) {
        this.services = services;
    }

    WebConsole.Rendered render(Context ctx, WebConsole.Visitor v, WebConsole console) {
        String pseudonym = ctx.pathParam("pseudonym");
        if (!pseudonym.matches("[A-Za-z0-9_:.-]{8,128}")) {
            throw new WebConsole.BadRequest("A patient is named here by the pseudonym an incident shows; '" + pseudonym + "' is not one.");
        }
        TenantServices s = services.of(v.log());
        boolean opens = v.who().role() == Role.ADMIN || v.who().role() == Role.INVESTIGATOR;
        JsonNode t = s.timeline().patientByPseudonym(pseudonym, Instant.EPOCH, END_OF_TIME,
                new Timeline.Reader(v.who().tokenId(), v.who().role().wireName(), opens, null));
        List<Views.TimelineEvent> events = new ArrayList<>();
        for (JsonNode e : t.path("events")) {
            events.add(event(e));
        }
        if (events.isEmpty()) {
            throw new WebConsole.Missing("No decision, action or outcome is recorded for patient " + pseudonym + ".");
        }
        return new WebConsole.Rendered("patient.jte", new Views.PatientPage(console.frame(v, "Patient " + pseudonym, ""), pseudonym,
                "everything recorded", events, t.path("truncated").asBoolean()));
    }

    private static Views.TimelineEvent event(JsonNode e) {
        String type = e.path("type").asText();
        JsonNode d = e.path("data");
        String at = Pages.minute(text(e, "time", text(e, "recordedAt", "")));
        String summary;
        String context = "";
        if (type.startsWith("decision")) {
            JsonNode out = d.path("output");
            List<String> parts = new ArrayList<>();
            out.fields().forEachRemaining(f -> {
                if (f.getValue().isValueNode()) {
                    parts.add(f.getKey() + " " + f.getValue().asText());
                }
            });
            summary = "AI output (" + d.path("system").asText("") + " " + d.path("reportedVersion").asText("") + "): " + String.join(", ", parts)
                    + (d.path("shownTo").size() > 0 ? "; shown to " + join(d.path("shownTo")) : "");
            JsonNode inForce = e.path("inForce");
            context = "under " + (inForce.path("authorization").path("record").path("id").asText(d.path("authorization").asText("no authorization")))
                    + (inForce.has("version") ? ", card of version " + inForce.path("version").path("record").path("version").asText()
                    + " in force since " + Pages.day(java.time.Instant.parse(inForce.path("version").path("effectiveAt").asText())) : ", no registered card");
            List<String> flags = new ArrayList<>();
            d.path("flags").forEach(f -> flags.add(f.path("code").asText(f.asText())));
            if (!flags.isEmpty()) {
                context += " · flags: " + String.join(", ", flags);
            }
        } else if (type.startsWith("action")) {
            summary = "Clinician " + d.path("clinician").asText("") + " " + d.path("kind").asText("") + " the output of decision "
                    + d.path("decision").asText("") + (d.hasNonNull("rationale") && d.path("rationale").isTextual() ? ": " + d.path("rationale").asText() : "");
        } else if (type.startsWith("outcome")) {
            summary = "Outcome for " + join(d.path("decisions")) + ": " + (d.hasNonNull("label") ? d.path("label").asText()
                    : d.has("positive") ? (d.path("positive").asBoolean() ? "positive" : "negative") : "recorded")
                    + (d.hasNonNull("adverseEvent") ? "; adverse event " + d.path("adverseEvent").asText() : "")
                    + (d.hasNonNull("source") ? " (" + d.path("source").asText() + ")" : "");
        } else {
            summary = type;
        }
        return new Views.TimelineEvent(at, type, summary.trim(), context.trim(), e.path("index").asLong(-1));
    }

    private static String join(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(x -> out.add(x.isTextual() ? x.asText() : x.path("id").asText(x.toString())));
        return String.join(", ", out);
    }

    private static String text(JsonNode n, String field, String otherwise) {
        return n.hasNonNull(field) ? n.path(field).asText() : otherwise;
    }
}
