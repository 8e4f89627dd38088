package org.onus.investigation.rules;

import java.util.List;
import org.onus.investigation.ProportionIntervals;
import org.onus.investigation.Rule;

/** The responsibility rules, in the order of DESIGN.md's catalogue; docs/rules.md is checked against it. */
public final class Catalogue {

    private Catalogue() {
    }

    public static List<Rule> rules(ProportionIntervals intervals) {
        return List.of(
                new UnauthorizedVersionRule(),
                new OutsideIntendedUseRule(),
                new OutsideAuthorizationRule(),
                new InputOutOfSpecRule(),
                new InputNotFlaggedRule(),
                new SilentUpdateRule(),
                new UnregisteredSystemRule(),
                new SubgroupGapRule(),
                new PerformanceBelowClaimRule(intervals),
                new DeviceMalfunctionRule(),
                new KnownLimitationRule(),
                new ReviewSkippedRule(),
                new UntrainedClinicianRule(),
                new NoLocalValidationRule(),
                new PrecautionMissingRule(),
                new FailureToWarnRule(),
                new NoticeNotAppliedRule(),
                new StandardOfCareRule(),
                new AlertNotActedRule(),
                new LateReportRule());
    }
}
