package org.onus.investigation.rules;

import java.util.ArrayList;
import java.util.List;
import org.onus.investigation.Finding;
import org.onus.investigation.Link;
import org.onus.investigation.OwedReports;
import org.onus.investigation.Reconstruction;
import org.onus.investigation.Rule;
import org.onus.investigation.Verdict;

/** A regulatory report the incident owes was filed late, or is overdue and missing; the party that owed it is implicated. */
public final class LateReportRule implements Rule {

    @Override
    public String id() {
        return "REPORT-LATE-OR-MISSING";
    }

    @Override
    public String statement() {
        return "A required regulatory report was filed late, or is overdue and missing.";
    }

    @Override
    public String basis() {
        return "EU MDR Art. 87; EU AI Act Art. 73 and 26(5); 21 CFR 803.30, 803.50, 803.53";
    }

    @Override
    public Link link() {
        return Link.REPORTING;
    }

    @Override
    public String parties() {
        return "whoever owed it (deployer / user facility, manufacturer / provider)";
    }

    @Override
    public String undeterminedWhen() {
        return "the regulatory clocks cannot say which reports are owed";
    }

    @Override
    public List<Finding> evaluate(Reconstruction r) {
        long filed = r.incident().filing().index();
        if (r.owedReports() == null) {
            return List.of(new Finding(id(), link(), "reporter", null, Verdict.UNDETERMINED, "which reports the incident owes is not known",
                    List.of("the regulatory clocks' computation of the reports owed, with their deadlines and status"), null, List.of(filed)));
        }
        if (r.owedReports().isEmpty()) {
            return List.of(new Finding(id(), link(), "reporter", null, Verdict.NOT_IMPLICATED, "the incident's facts trigger no regulatory report",
                    List.of(), null, List.of(filed)));
        }
        List<Finding> out = new ArrayList<>();
        for (OwedReports.OwedReport o : r.owedReports()) {
            List<Long> evidence = new ArrayList<>(o.evidence());
            evidence.add(filed);
            String what = o.report() + " under " + o.regime() + " owed by " + o.owedBy() + ", due " + o.dueAt();
            Verdict v = switch (o.status()) {
                case OVERDUE, SUBMITTED_LATE -> Verdict.IMPLICATED;
                case PENDING, SUBMITTED_ON_TIME -> Verdict.NOT_IMPLICATED;
            };
            String because = switch (o.status()) {
                case OVERDUE -> what + ": overdue and not filed";
                case SUBMITTED_LATE -> what + ": filed late, on " + o.submittedAt();
                case PENDING -> what + ": not yet due";
                case SUBMITTED_ON_TIME -> what + ": filed on time, on " + o.submittedAt();
            };
            out.add(new Finding(id(), link(), o.owedByRole(), o.owedBy(), v, because, List.of(), null, evidence));
        }
        return out;
    }
}
