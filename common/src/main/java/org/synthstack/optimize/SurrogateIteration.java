package org.synthstack.optimize;

import java.util.Arrays;

/**
 * Diagnostics of one EGO or REGO iteration: the Gaussian-process fit and the acquisition.
 *
 * @param jitter the diagonal jitter the Cholesky factorisation of the fitted covariance needed, in
 *     the units of the objective squared (0 if none)
 * @param logMarginalLikelihood the log marginal likelihood of the fitted hyperparameters
 * @param signalVariance fitted signal variance s², objective units squared
 * @param lengthScales fitted length-scales, in unit-cube coordinates of the model inputs
 * @param noiseVariance fitted noise (nugget) variance, objective units squared
 * @param maxExpectedImprovement the expected improvement at the first proposed point of the batch
 *     (NaN in the final iteration, where nothing is proposed)
 * @param incumbent EGO: the best point observed; REGO: the design θ minimising the predicted expected
 *     loss ẑ; in the units of the bounds
 * @param incumbentValue EGO: the best observed value; REGO: ẑ at the incumbent
 * @param incumbentStandardDeviation the model's predictive standard deviation at the incumbent (σ_z
 *     for REGO)
 */
public record SurrogateIteration(int iteration, int evaluations, double jitter, double logMarginalLikelihood,
        double signalVariance, double[] lengthScales, double noiseVariance, double maxExpectedImprovement,
        double[] incumbent, double incumbentValue, double incumbentStandardDeviation)
        implements IterationDiagnostics {

    public SurrogateIteration {
        lengthScales = lengthScales.clone();
        incumbent = incumbent.clone();
    }

    @Override
    public double[] lengthScales() {
        return lengthScales.clone();
    }

    @Override
    public double[] incumbent() {
        return incumbent.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SurrogateIteration s && iteration == s.iteration && evaluations == s.evaluations
                && Double.compare(jitter, s.jitter) == 0
                && Double.compare(logMarginalLikelihood, s.logMarginalLikelihood) == 0
                && Double.compare(signalVariance, s.signalVariance) == 0
                && Arrays.equals(lengthScales, s.lengthScales)
                && Double.compare(noiseVariance, s.noiseVariance) == 0
                && Double.compare(maxExpectedImprovement, s.maxExpectedImprovement) == 0
                && Arrays.equals(incumbent, s.incumbent)
                && Double.compare(incumbentValue, s.incumbentValue) == 0
                && Double.compare(incumbentStandardDeviation, s.incumbentStandardDeviation) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * iteration + Arrays.hashCode(incumbent)) + Double.hashCode(logMarginalLikelihood);
    }

    @Override
    public String toString() {
        return "SurrogateIteration[" + iteration + ", evaluations " + evaluations + ", jitter " + jitter
                + ", logML " + logMarginalLikelihood + ", s² " + signalVariance + ", ℓ "
                + Arrays.toString(lengthScales) + ", noise " + noiseVariance + ", EI " + maxExpectedImprovement
                + ", incumbent " + Arrays.toString(incumbent) + " -> " + incumbentValue + " ± "
                + incumbentStandardDeviation + "]";
    }
}
