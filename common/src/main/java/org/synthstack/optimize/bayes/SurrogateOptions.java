package org.synthstack.optimize.bayes;

import org.synthstack.optimize.gp.GpFitOptions;
import org.synthstack.optimize.gp.KernelFamily;

/**
 * Settings of an {@link Ego} or {@link Rego} run. Start from {@link #defaults(int, int)} and refine
 * with the {@code with…} methods.
 *
 * @param maxEvaluations total black-box evaluations, initial design included
 * @param initialDesignSize Latin-hypercube points evaluated before the first model (the seed paper
 *     uses 5 per input dimension, design and random inputs together)
 * @param kernel the covariance family (for REGO: over the design θ; the random inputs always use the
 *     squared exponential)
 * @param batchSize points proposed per iteration (q), evaluated together through the batch objective
 * @param batchStrategy how points after the first of a batch are chosen
 * @param expectedImprovementThreshold stop when the best expected improvement falls below this, in
 *     objective units (0: never)
 * @param seed seeds every random choice of the run; equal seeds give equal histories
 * @param fit hyperparameter search settings
 * @param acquisitionCandidates space-filling candidates scored before local searches of the
 *     acquisition (and, for REGO, of the predicted mean)
 * @param acquisitionStarts local searches from the best candidates
 */
public record SurrogateOptions(int maxEvaluations, int initialDesignSize, KernelFamily kernel, int batchSize,
        BatchStrategy batchStrategy, double expectedImprovementThreshold, long seed, GpFitOptions fit,
        int acquisitionCandidates, int acquisitionStarts) {

    public SurrogateOptions {
        if (initialDesignSize < 1) {
            throw new IllegalArgumentException("initialDesignSize must be at least 1, got " + initialDesignSize);
        }
        if (maxEvaluations < initialDesignSize) {
            throw new IllegalArgumentException("the budget of " + maxEvaluations
                    + " evaluations is smaller than the initial design of " + initialDesignSize + " points");
        }
        if (kernel == null || batchStrategy == null || fit == null) {
            throw new IllegalArgumentException("kernel, batchStrategy and fit must not be null");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        if (!(expectedImprovementThreshold >= 0) || !Double.isFinite(expectedImprovementThreshold)) {
            throw new IllegalArgumentException("expectedImprovementThreshold must be finite and >= 0, got "
                    + expectedImprovementThreshold);
        }
        if (acquisitionCandidates < 1 || acquisitionStarts < 1) {
            throw new IllegalArgumentException("acquisitionCandidates and acquisitionStarts must be at least 1, got "
                    + acquisitionCandidates + " and " + acquisitionStarts);
        }
    }

    /**
     * Defaults for {@code dimension} model inputs (REGO: design plus random inputs): 5·dimension
     * initial points, Matérn 5/2, one point per iteration, no EI threshold, seed 1, default GP fit,
     * 1000 acquisition candidates and 5 local searches.
     */
    public static SurrogateOptions defaults(int dimension, int maxEvaluations) {
        return new SurrogateOptions(maxEvaluations, 5 * dimension, KernelFamily.MATERN_52, 1,
                BatchStrategy.KRIGING_BELIEVER, 0.0, 1L, GpFitOptions.defaults(), 1000, 5);
    }

    public SurrogateOptions withMaxEvaluations(int budget) {
        return new SurrogateOptions(budget, initialDesignSize, kernel, batchSize, batchStrategy,
                expectedImprovementThreshold, seed, fit, acquisitionCandidates, acquisitionStarts);
    }

    public SurrogateOptions withInitialDesignSize(int size) {
        return new SurrogateOptions(maxEvaluations, size, kernel, batchSize, batchStrategy,
                expectedImprovementThreshold, seed, fit, acquisitionCandidates, acquisitionStarts);
    }

    public SurrogateOptions withKernel(KernelFamily family) {
        return new SurrogateOptions(maxEvaluations, initialDesignSize, family, batchSize, batchStrategy,
                expectedImprovementThreshold, seed, fit, acquisitionCandidates, acquisitionStarts);
    }

    public SurrogateOptions withBatch(int size, BatchStrategy strategy) {
        return new SurrogateOptions(maxEvaluations, initialDesignSize, kernel, size, strategy,
                expectedImprovementThreshold, seed, fit, acquisitionCandidates, acquisitionStarts);
    }

    public SurrogateOptions withExpectedImprovementThreshold(double threshold) {
        return new SurrogateOptions(maxEvaluations, initialDesignSize, kernel, batchSize, batchStrategy, threshold,
                seed, fit, acquisitionCandidates, acquisitionStarts);
    }

    public SurrogateOptions withSeed(long newSeed) {
        return new SurrogateOptions(maxEvaluations, initialDesignSize, kernel, batchSize, batchStrategy,
                expectedImprovementThreshold, newSeed, fit, acquisitionCandidates, acquisitionStarts);
    }

    public SurrogateOptions withFit(GpFitOptions newFit) {
        return new SurrogateOptions(maxEvaluations, initialDesignSize, kernel, batchSize, batchStrategy,
                expectedImprovementThreshold, seed, newFit, acquisitionCandidates, acquisitionStarts);
    }

    public SurrogateOptions withAcquisitionSearch(int candidates, int starts) {
        return new SurrogateOptions(maxEvaluations, initialDesignSize, kernel, batchSize, batchStrategy,
                expectedImprovementThreshold, seed, fit, candidates, starts);
    }
}
