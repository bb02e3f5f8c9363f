package org.synthstack.optimize;

/**
 * Diagnostics of one DIRECT iteration.
 *
 * @param dividedRectangles the number of potentially optimal rectangles divided
 * @param bestValue the best finite value so far (+∞ if none)
 * @param bestRectangleSize centre-to-vertex distance, in unit-cube coordinates, of the rectangle
 *     whose centre is the best point
 */
public record DirectIteration(int iteration, int evaluations, int dividedRectangles, double bestValue,
        double bestRectangleSize) implements IterationDiagnostics {
}
