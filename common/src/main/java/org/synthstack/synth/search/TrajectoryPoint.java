package org.synthstack.synth.search;

/**
 * The state of a search after a generation.
 *
 * @param rendered programs rendered so far (the budget spent)
 * @param bestFitness the best target fitness seen so far
 * @param kept rendered programs the ear kept as drums (any drum class)
 * @param keptTarget rendered programs the ear kept as the target class (as any drum for target {@code any})
 * @param distinctKept distinct programs among {@code kept}
 * @param filled qualified cells per archive layer
 * @param coverage qualified cells over all layers' cells
 * @param qdScore the archive's QD-score (sum of the qualified elites' fitness over all layers)
 */
public record TrajectoryPoint(int generation, long rendered, double bestFitness, long kept, long keptTarget,
    long distinctKept, int[] filled, double coverage, double qdScore) {}
