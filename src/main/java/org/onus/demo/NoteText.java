package org.onus.demo;

import java.util.List;
import java.util.Random;

/** Short, templated clinical notes for the scribe's drafts, in the encounter's language. */
final class NoteText {

    private static final List<String> EN_COMPLAINTS = List.of("chest pain", "shortness of breath", "abdominal pain", "headache",
            "fever and cough", "ankle injury", "dizziness", "back pain", "palpitations", "a follow-up of hypertension");
    private static final List<String> EN_MEDS = List.of("lisinopril 10 mg daily", "metformin 500 mg twice daily",
            "atorvastatin 20 mg nightly", "metoprolol succinate 25 mg daily", "no regular medication", "levothyroxine 50 mcg daily");
    private static final List<String> DE_PROBLEMS = List.of("Pneumonie, Tag 3 der Antibiose", "dekompensierte Herzinsuffizienz",
            "Exazerbation einer COPD", "Harnwegsinfekt mit Exsikkose", "Diabetes mellitus Typ 2, Neueinstellung",
            "Synkope, Abklärung");
    private static final List<String> DE_MEDS = List.of("Ramipril 5 mg 1-0-0", "Metformin 1000 mg 1-0-1", "Torasemid 10 mg 1-0-0",
            "Bisoprolol 2,5 mg 1-0-0", "Apixaban 5 mg 1-0-1", "keine Dauermedikation");
    private static final List<String> ES_COMPLAINTS = List.of("dolor de pecho", "dolor abdominal", "tos y fiebre", "mareo");
    static final List<String> ERRORS = List.of("medication dose transcribed wrongly", "allergy omitted",
            "laterality reversed (left documented as right)", "examination finding documented that was not examined",
            "symptom attributed to the wrong speaker", "plan item not discussed in the encounter");

    private NoteText() {
    }

    static String draft(Random r, String language, Patient p, String setting) {
        String who = p.age() + "-year-old " + p.sex();
        return switch (language) {
            case "de" -> "Visitennotiz. " + p.age() + "-jährige/r Patient/in mit " + Stats.pick(r, DE_PROBLEMS)
                    + ". Subjektiv: fühlt sich besser, keine Dyspnoe in Ruhe. Befund: wach, orientiert, Vesikuläratmen, "
                    + "keine Ödeme. Procedere: Labor morgen, Mobilisation, Entlassplanung. Medikation: " + Stats.pick(r, DE_MEDS) + ".";
            case "es" -> "Encounter note (Spanish-language visit). " + who + " presenting with " + Stats.pick(r, ES_COMPLAINTS)
                    + " (\"" + Stats.pick(r, ES_COMPLAINTS) + "\"). Exam unremarkable apart from mild distress. Plan: labs, "
                    + "follow-up in one week. Medications: " + Stats.pick(r, EN_MEDS) + ".";
            default -> ("emergency".equals(setting) ? "ED note. " : "Visit note. ") + who + " presenting with "
                    + Stats.pick(r, EN_COMPLAINTS) + ". HPI: onset two days ago, no prior episodes. Exam: alert, vitals stable, "
                    + "lungs clear, abdomen soft. Assessment and plan: symptomatic treatment, return precautions given. "
                    + "Medications: " + Stats.pick(r, EN_MEDS) + ".";
        };
    }
}
