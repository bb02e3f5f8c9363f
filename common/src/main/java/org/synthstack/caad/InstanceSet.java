package org.synthstack.caad;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.synthstack.optimize.bayes.WeightedInstances;

/**
 * A finite set of problem instances: input SNRs (dB) with weights. The expected loss over the set is
 * Σ_k w_k L(θ, SNR_k) with the weights normalised to sum 1 ({@link ExpectedLoss#weightedMean}).
 *
 * @param snrDb the instances' SNRs in dB, finite, at least one
 * @param weights one weight ≥ 0 per instance, not all zero; stored normalised to sum 1
 */
public record InstanceSet(double[] snrDb, double[] weights) implements Serializable {

    public InstanceSet {
        if (snrDb == null || weights == null || snrDb.length == 0 || snrDb.length != weights.length) {
            throw new IllegalArgumentException("snrDb and weights need the same number (at least 1) of entries, got "
                    + (snrDb == null ? "null" : snrDb.length) + " and " + (weights == null ? "null" : weights.length));
        }
        double total = 0;
        for (int k = 0; k < snrDb.length; k++) {
            Checks.finite("snrDb[" + k + "]", snrDb[k], "dB");
            if (!(weights[k] >= 0) || !Double.isFinite(weights[k])) {
                throw new IllegalArgumentException("weights[" + k + "] must be finite and >= 0, got " + weights[k]);
            }
            total += weights[k];
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("weights must not all be zero");
        }
        snrDb = snrDb.clone();
        double[] normalised = new double[weights.length];
        for (int k = 0; k < weights.length; k++) {
            normalised[k] = weights[k] / total;
        }
        weights = normalised;
    }

    @Override
    public double[] snrDb() {
        return snrDb.clone();
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    /** K, the number of instances. */
    public int size() {
        return snrDb.length;
    }

    public double snrDb(int k) {
        return snrDb[k];
    }

    public double weight(int k) {
        return weights[k];
    }

    /** The set as REGO's finite random input (exact finite-instance projection). */
    public WeightedInstances toWeightedInstances() {
        List<double[]> points = new ArrayList<>(snrDb.length);
        for (double snr : snrDb) {
            points.add(new double[] {snr});
        }
        return new WeightedInstances(points, weights);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InstanceSet s && Arrays.equals(snrDb, s.snrDb) && Arrays.equals(weights, s.weights);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(snrDb) + Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return "InstanceSet[K=" + snrDb.length + ", snrDb=" + Arrays.toString(snrDb) + "]";
    }
}
