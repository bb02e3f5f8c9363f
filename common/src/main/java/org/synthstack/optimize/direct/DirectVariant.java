package org.synthstack.optimize.direct;

/** Which rule DIRECT uses to pick the rectangles it divides. */
public enum DirectVariant {
    /**
     * Jones, Perttunen &amp; Stuckman (1993): rectangles are measured by their centre-to-vertex
     * distance, and every rectangle tied for the lowest value in a size group is divided.
     */
    ORIGINAL,
    /**
     * DIRECT-L (Gablonsky &amp; Kelley 2001): rectangles are measured by their longest side, which
     * makes fewer size groups, and only one rectangle per group is divided. Biased towards local
     * search; needs fewer evaluations on functions with few global minima.
     */
    LOCALLY_BIASED
}
