package org.onus.investigation;

import java.util.List;

/**
 * One rule's answer about one party for one decision (or the incident as a whole): the verdict,
 * why in one or two sentences, what is missing when it is undetermined, and the ledger indexes of
 * every entry it rests on, including the human determinations it used.
 *
 * @param partyRole manufacturer, deployer, clinician, or the role a report was owed by
 * @param party the registered party's id, when known
 * @param decision the decision it concerns; null for the incident as a whole
 */
public record Finding(String rule, Link link, String partyRole, String party, Verdict verdict, String because,
                      List<String> missing, String decision, List<Long> evidence) {

    public Finding {
        missing = missing == null ? List.of() : List.copyOf(missing);
        evidence = evidence == null ? List.of() : evidence.stream().distinct().sorted().toList();
    }
}
