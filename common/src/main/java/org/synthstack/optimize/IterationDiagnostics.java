package org.synthstack.optimize;

/** Per-iteration diagnostics of an optimiser run, in addition to the evaluation history. */
public sealed interface IterationDiagnostics permits DirectIteration, SurrogateIteration {

    /** The iteration number, from 1 (iteration 0 is the initial design). */
    int iteration();

    /** Total number of evaluations recorded when the iteration ended. */
    int evaluations();
}
