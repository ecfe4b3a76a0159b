package io.buildfactory.domain.workitems;

import io.buildfactory.domain.shared.Text;

/** One statement that must hold before the item is complete. */
public record DoneCriterion(String statement, boolean met) {

    public DoneCriterion {
        statement = Text.required("doneCriteria.statement", statement, 500);
    }
}
