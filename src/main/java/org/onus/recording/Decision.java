package org.onus.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.onus.validation.Fields;

/**
 * One AI output in one patient's care, as the integration reports it. The patient id arrives in
 * clear and never leaves this object unpseudonymized; free text and payloads are encrypted before
 * anything reaches the ledger (see {@link PatientVault}).
 *
 * <p>The deployment is named either by {@code authorization} or by {@code site} and {@code unit}
 * (an EHR often knows where it runs a model, not under which governance decision). Which
 * authorization was in force is then worked out as of the event time.
 */
public record Decision(
        String id,
        Instant eventTime,
        String authorization,
        String site,
        String unit,
        String system,
        String reportedVersion,
        String artifactDigest,
        Patient patient,
        Input input,
        Output output,
        List<String> shownTo) {

    public static final Set<String> DEVICE_ACTIONS = Set.of("assisted-motion", "mode-change", "fault", "alarm", "other");

    public Decision {
        shownTo = shownTo == null ? List.of() : List.copyOf(shownTo);
    }

    /** What intended use depends on; {@code id} is the hospital's identifier, pseudonymized on write. */
    public record Patient(String id, Double age, String sex, String careSetting, String indication, Map<String, String> attributes) {
    }

    /** The input the AI saw: a digest, the modality, quality indicators, fields present, an optional payload. */
    public record Input(String digest, String modality, Map<String, Double> quality, List<String> fieldsPresent, JsonNode payload) {
    }

    /**
     * The output: one of a class, a score, a recommendation, generated text or a device action;
     * {@code flagged} says the system itself warned (e.g. "image quality insufficient") rather
     * than answering as usual.
     */
    public record Output(String kind, String label, Double score, String recommendation, String text,
                         DeviceAction deviceAction, Boolean flagged, String flagReason) {
    }

    /** A device's own event, e.g. a surgical robot's assisted motion, mode change or fault. */
    public record DeviceAction(String kind, String code, String description) {
    }

    public static Decision read(Fields f) {
        String id = f.id("id", true);
        Instant eventTime = f.instant("eventTime", true, true);
        String authorization = f.id("authorization", false);
        String site = f.id("site", false);
        String unit = f.id("unit", false);
        if (authorization == null && site == null && f.has("authorization") == false) {
            f.errors().add(f.at("authorization"), "is required unless site (and unit) name the deployment");
        }
        String system = f.id("system", false);
        String version = f.id("reportedVersion", true);
        String digest = f.digest("artifactDigest", true);
        Patient patient = null;
        Fields p = f.object("patient", true);
        if (p != null) {
            patient = new Patient(p.requiredString("id"), p.number("age", false, 0, 150),
                    p.oneOf("sex", false, org.onus.registry.Population.SEXES), p.optionalString("careSetting"),
                    p.optionalString("indication"), p.stringMap("attributes"));
            p.end();
        }
        Input input = null;
        Fields in = f.object("input", false);
        if (in != null) {
            Map<String, Double> quality = new TreeMap<>();
            Fields q = in.object("quality", false);
            if (q != null) {
                for (String name : q.fieldNames()) {
                    Double v = q.number(name, true, -1e12, 1e12);
                    if (v != null) {
                        quality.put(name, v);
                    }
                }
                q.end();
            }
            input = new Input(in.digest("digest", false), in.optionalString("modality"), quality,
                    in.strings("fieldsPresent", false), in.raw("payload"));
            in.end();
        }
        Output output = null;
        Fields o = f.object("output", true);
        if (o != null) {
            String kind = o.oneOf("kind", true, org.onus.registry.ModelCard.OUTPUT_KINDS);
            String label = o.optionalString("label");
            Double score = o.number("score", false, -1e12, 1e12);
            String recommendation = o.optionalString("recommendation");
            String text = o.optionalString("text");
            DeviceAction action = null;
            Fields d = o.object("deviceAction", false);
            if (d != null) {
                action = new DeviceAction(d.oneOf("kind", true, DEVICE_ACTIONS), d.optionalString("code"), d.optionalString("description"));
                d.end();
            }
            Boolean flagged = o.bool("flagged", false);
            String reason = o.optionalString("flagReason");
            if (kind != null) {
                String needed = switch (kind) {
                    case "class" -> label == null ? "label" : null;
                    case "score" -> score == null ? "score" : null;
                    case "recommendation" -> recommendation == null ? "recommendation" : null;
                    case "generated-text" -> text == null ? "text" : null;
                    case "device-action" -> action == null ? "deviceAction" : null;
                    default -> null;
                };
                if (needed != null && !Boolean.TRUE.equals(flagged)) {
                    o.errors().add(o.at(needed), "is required when kind is " + kind);
                }
            }
            o.end();
            output = new Output(kind, label, score, recommendation, text, action, flagged, reason);
        }
        List<String> shownTo = f.strings("shownTo", false);
        f.end();
        return new Decision(id, eventTime, authorization, site, unit, system, version, digest, patient, input, output, shownTo);
    }

    /**
     * This event as the tree its entry is made from: every present field under its record name,
     * absent and empty ones left out (what Jackson writes for it, see the test that holds the two
     * equal). Built by hand because it runs for every event recorded and reflection-driven
     * conversion was a tenth of ingest time.
     */
    public ObjectNode toData() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        EntryTree.put(n, "id", id);
        if (eventTime != null) {
            n.put("eventTime", eventTime.toString());
        }
        EntryTree.put(n, "authorization", authorization);
        EntryTree.put(n, "site", site);
        EntryTree.put(n, "unit", unit);
        EntryTree.put(n, "system", system);
        EntryTree.put(n, "reportedVersion", reportedVersion);
        EntryTree.put(n, "artifactDigest", artifactDigest);
        if (patient != null) {
            ObjectNode p = n.putObject("patient");
            EntryTree.put(p, "id", patient.id());
            EntryTree.put(p, "age", patient.age());
            EntryTree.put(p, "sex", patient.sex());
            EntryTree.put(p, "careSetting", patient.careSetting());
            EntryTree.put(p, "indication", patient.indication());
            EntryTree.putStrings(p, "attributes", patient.attributes());
        }
        if (input != null) {
            ObjectNode i = n.putObject("input");
            EntryTree.put(i, "digest", input.digest());
            EntryTree.put(i, "modality", input.modality());
            if (input.quality() != null && !input.quality().isEmpty()) {
                ObjectNode q = i.putObject("quality");
                input.quality().forEach((k, v) -> EntryTree.put(q, k, v));
            }
            EntryTree.putList(i, "fieldsPresent", input.fieldsPresent());
            JsonNode payload = input.payload();
            if (payload != null && !payload.isNull() && !payload.isMissingNode()
                    && !(payload.isContainerNode() && payload.isEmpty())) {
                i.set("payload", payload);
            }
        }
        if (output != null) {
            ObjectNode o = n.putObject("output");
            EntryTree.put(o, "kind", output.kind());
            EntryTree.put(o, "label", output.label());
            EntryTree.put(o, "score", output.score());
            EntryTree.put(o, "recommendation", output.recommendation());
            EntryTree.put(o, "text", output.text());
            DeviceAction a = output.deviceAction();
            if (a != null) {
                ObjectNode d = o.putObject("deviceAction");
                EntryTree.put(d, "kind", a.kind());
                EntryTree.put(d, "code", a.code());
                EntryTree.put(d, "description", a.description());
            }
            if (output.flagged() != null) {
                o.put("flagged", output.flagged());
            }
            EntryTree.put(o, "flagReason", output.flagReason());
        }
        EntryTree.putList(n, "shownTo", shownTo);
        return n;
    }
}
