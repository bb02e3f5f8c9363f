package org.synthstack.optimize;

/** Why an optimiser stopped. */
public enum StopReason {
    /** The evaluation budget is spent (or the next iteration would not fit in it). */
    BUDGET,
    /** The percent error against the known global minimum fell below the tolerance (DIRECT). */
    TARGET_REACHED,
    /** The rectangle holding the best point became smaller than the minimum size (DIRECT). */
    MIN_RECTANGLE_SIZE,
    /** The maximal expected improvement fell below the threshold (EGO, REGO). */
    EXPECTED_IMPROVEMENT_BELOW_THRESHOLD
}
