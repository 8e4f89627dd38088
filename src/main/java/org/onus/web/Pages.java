package org.onus.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;
import org.onus.auth.Permission;
import org.onus.auth.Role;
import org.onus.monitoring.Monitor;
import org.onus.registry.AiSystem;
import org.onus.registry.Party;
import org.onus.registry.RecordKind;
import org.onus.registry.Registry;

/** What the pages share: how figures, times and names are written, and who sees what. */
final class Pages {

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);

    private Pages() {
    }

    static String day(Instant t) {
        return t == null ? "" : DAY.format(t.atZone(ZoneOffset.UTC));
    }

    static String minute(Instant t, ZoneId zone) {
        return t == null ? "" : MINUTE.format(t.atZone(zone)) + " " + (zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId());
    }

    static String minute(String iso) {
        return iso == null || iso.isEmpty() ? "" : minute(Instant.parse(iso), ZoneOffset.UTC);
    }

    /** "3 d 4 h", "5 h 10 min", "overdue by 2 d". */
    static String left(Duration d) {
        if (d == null) {
            return "";
        }
        boolean past = d.isNegative();
        Duration a = d.abs();
        String text = a.toDays() > 0 ? a.toDays() + " d " + a.toHoursPart() + " h"
                : a.toHours() > 0 ? a.toHours() + " h " + a.toMinutesPart() + " min" : a.toMinutes() + " min";
        return past ? "overdue by " + text : text + " left";
    }

    static String percent(double v) {
        return String.format(Locale.ROOT, "%.1f%%", v * 100);
    }

    /**
     * A monitored proportion as a CMIO reads it: "10.4% (7.6–14.1%, n 345)", or what stands in for
     * a figure on too few cases.
     */
    static String proportion(JsonNode p) {
        if (p == null || p.isMissingNode() || p.isNull()) {
            return "–";
        }
        if (p.has("tooFew")) {
            return "too few cases (n " + p.path("n").asLong() + ")";
        }
        if (!p.has("value")) {
            return "–";
        }
        JsonNode ci = p.path("ci");
        return percent(p.path("value").asDouble()) + (ci.has("lower")
                ? " (" + percent(ci.path("lower").asDouble()) + "–" + percent(ci.path("upper").asDouble()) + ", n " + p.path("n").asLong() + ")"
                : "");
    }

    /** {@link #proportion} split into the figure and its interval, for tables that must stay narrow. */
    static Views.Figure figure(JsonNode p) {
        if (p == null || p.isMissingNode() || p.isNull() || (!p.has("tooFew") && !p.has("value"))) {
            return new Views.Figure("–", "");
        }
        if (p.has("tooFew")) {
            return new Views.Figure("too few cases", "n " + p.path("n").asLong());
        }
        JsonNode ci = p.path("ci");
        return new Views.Figure(percent(p.path("value").asDouble()), ci.has("lower")
                ? percent(ci.path("lower").asDouble()) + "–" + percent(ci.path("upper").asDouble()) + ", n " + p.path("n").asLong() : "");
    }

    static String systemName(Registry registry, String id, Instant at) {
        return id == null ? "" : registry.current(RecordKind.AI_SYSTEM, id, at, AiSystem.class).map(AiSystem::name).orElse(id);
    }

    static String partyName(Registry registry, String id, Instant at) {
        return id == null ? "" : registry.current(RecordKind.PARTY, id, at, Party.class).map(Party::name).orElse(id);
    }

    /** The monitor's view for this visitor: a vendor sees only its manufacturer's products. */
    static Monitor.Viewer viewer(WebConsole.Visitor v, Registry registry) {
        Set<String> only = v.who().role() == Role.VENDOR ? registry.systemsOf(v.who().party()) : null;
        return new Monitor.Viewer(v.who().tokenId(), v.who().role().wireName(), v.who().party(), only);
    }

    /** Whether this visitor may see a system's records (everyone but a vendor; a vendor its own products). */
    static boolean seesSystem(WebConsole.Visitor v, Registry registry, String system) {
        return v.who().role() != Role.VENDOR || registry.systemsOf(v.who().party()).contains(system);
    }

    static String describe(Permission p) {
        return switch (p) {
            case READ_MONITORING -> "read monitoring figures and alerts";
            case READ_REGISTRY -> "read the registry";
            case READ_PATIENT_DATA -> "read patient-linked data (incidents, timelines)";
            case RESPOND_TO_ALERTS -> "acknowledge alerts";
            case READ_PROOFS -> "read checkpoints and the verifier key";
            case READ_ENTRIES -> "read ledger entries";
            default -> p.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

    static String words(String wire) {
        return wire == null ? "" : wire.replace('-', ' ');
    }
}
