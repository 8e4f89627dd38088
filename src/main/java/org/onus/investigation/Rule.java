package org.onus.investigation;

import java.util.List;

/**
 * One responsibility rule of the catalogue (DESIGN.md, "Responsibility rules"; docs/rules.md):
 * deterministic, reading nothing but the {@link Reconstruction}, and answering with findings that
 * cite their evidence. Its description is what the catalogue prints, so it is stated once, here.
 */
public interface Rule {

    /** The rule's stable id, e.g. {@code DEPLOY-UNAUTHORIZED-VERSION}. */
    String id();

    /** What the rule says, in one line. */
    String statement();

    /** The framework or regulation it rests on. */
    String basis();

    Link link();

    /** The party (or parties) it speaks about when it fires. */
    String parties();

    /** What makes it undetermined. */
    String undeterminedWhen();

    List<Finding> evaluate(Reconstruction r);
}
