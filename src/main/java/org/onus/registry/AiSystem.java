package org.onus.registry;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.onus.validation.Fields;

/**
 * An AI product as its manufacturer markets it. Its regulatory status decides which incident
 * reports it can trigger: {@code medicalDevice} (EU MDR / IVDR, US FDA device), the EU AI Act
 * risk class, and clearance identifiers (e.g. FDA 510(k) numbers, CE certificates).
 */
public record AiSystem(String id, String name, String manufacturer, boolean medicalDevice, String aiActRiskClass,
                       String deviceClass, List<String> clearanceIds, Map<String, String> regulatory) {

    public static final Set<String> AI_ACT_CLASSES = Set.of("high", "limited", "minimal", "prohibited", "not-applicable");

    public AiSystem {
        clearanceIds = clearanceIds == null ? List.of() : List.copyOf(clearanceIds);
        regulatory = regulatory == null ? Map.of() : Map.copyOf(regulatory);
    }

    public static AiSystem read(Fields f) {
        String id = f.id("id", true);
        String name = f.requiredString("name");
        String manufacturer = f.id("manufacturer", true);
        Boolean device = f.bool("medicalDevice", true);
        String aiAct = f.oneOf("aiActRiskClass", false, AI_ACT_CLASSES);
        String deviceClass = f.optionalString("deviceClass");
        List<String> clearances = f.strings("clearanceIds", false);
        Map<String, String> regulatory = f.stringMap("regulatory");
        f.end();
        return new AiSystem(id, name, manufacturer, device != null && device, aiAct, deviceClass, clearances, regulatory);
    }
}
