package org.onus.investigation;

import java.util.ArrayList;
import java.util.List;

/**
 * A rule judged decision by decision: the findings of an incident are those of each of its
 * decisions, and an incident without any decision on record is undetermined for the rule.
 */
public abstract class DecisionRule implements Rule {

    private final String id;
    private final Link link;
    private final String statement;
    private final String basis;
    private final String parties;
    private final String undeterminedWhen;

    protected DecisionRule(String id, Link link, String statement, String basis, String parties, String undeterminedWhen) {
        this.id = id;
        this.link = link;
        this.statement = statement;
        this.basis = basis;
        this.parties = parties;
        this.undeterminedWhen = undeterminedWhen;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Link link() {
        return link;
    }

    @Override
    public final String statement() {
        return statement;
    }

    @Override
    public final String basis() {
        return basis;
    }

    @Override
    public final String parties() {
        return parties;
    }

    @Override
    public final String undeterminedWhen() {
        return undeterminedWhen;
    }

    @Override
    public final List<Finding> evaluate(Reconstruction r) {
        List<Finding> out = new ArrayList<>();
        if (r.decisions().isEmpty()) {
            out.add(new Finding(id, link, mainRole(), null, Verdict.UNDETERMINED, "the incident concerns no recorded decision",
                    List.of("a decision linked to the incident, or one of the patient's in the window before it"), null,
                    List.of(r.incident().filing().index())));
            return out;
        }
        for (DecisionFacts d : r.decisions()) {
            out.addAll(evaluate(r, d));
        }
        return out;
    }

    /** The role named when no decision is there to judge. */
    protected abstract String mainRole();

    protected abstract List<Finding> evaluate(Reconstruction r, DecisionFacts d);

    /** A finding of this rule about {@code d}. */
    protected Finding finding(DecisionFacts d, String role, String party, Verdict verdict, String because, List<String> missing,
                              List<Long> evidence) {
        List<Long> cited = new ArrayList<>(evidence);
        cited.add(d.index());
        return new Finding(id, link, role, party, verdict, because, missing, d.id(), cited);
    }

    protected Finding finding(DecisionFacts d, String role, String party, Verdict verdict, String because, Long... evidence) {
        List<Long> list = new ArrayList<>();
        for (Long e : evidence) {
            if (e != null) {
                list.add(e);
            }
        }
        return finding(d, role, party, verdict, because, List.of(), list);
    }

    protected Finding undetermined(DecisionFacts d, String role, String party, String because, String missing, Long... evidence) {
        Finding f = finding(d, role, party, Verdict.UNDETERMINED, because, evidence);
        return new Finding(f.rule(), f.link(), f.partyRole(), f.party(), f.verdict(), f.because(), List.of(missing), f.decision(), f.evidence());
    }

    /** The index of a registered record, or null. */
    protected static Long idx(Registered<?> r) {
        return r == null ? null : r.index();
    }

    protected static String deployer(DecisionFacts d) {
        return d.site();
    }

    protected static String manufacturer(DecisionFacts d) {
        return d.manufacturer().orElse(null);
    }
}
