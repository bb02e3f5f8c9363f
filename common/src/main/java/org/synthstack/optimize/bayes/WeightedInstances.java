package org.synthstack.optimize.bayes;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.synthstack.optimize.gp.GaussianProcess;
import org.synthstack.optimize.gp.ProjectedProcess;

/**
 * A finite set of problem instances x_k with relevance weights p_k: REGO's exact finite-instance
 * projection, which needs no Gaussian assumption. The model box spans the instances (width 1 where
 * they all agree).
 *
 * @param instances the instances, all of one dimension, in the black box's units
 * @param weights one weight ≥ 0 per instance, not all zero; normalised to sum 1 where used
 */
public record WeightedInstances(List<double[]> instances, double[] weights) implements InputDistribution {

    public WeightedInstances {
        if (instances.isEmpty() || instances.size() != weights.length) {
            throw new IllegalArgumentException("need the same positive number of instances and weights, got "
                    + instances.size() + " and " + weights.length);
        }
        int m = instances.get(0).length;
        double total = 0;
        for (int k = 0; k < weights.length; k++) {
            double[] x = instances.get(k);
            if (x.length != m || m == 0) {
                throw new IllegalArgumentException("instance " + k + " has " + x.length + " coordinates, expected "
                        + m + " (at least 1)");
            }
            for (double v : x) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("instance " + k + " has a non-finite coordinate");
                }
            }
            if (!(weights[k] >= 0) || !Double.isFinite(weights[k])) {
                throw new IllegalArgumentException("weight " + k + " must be finite and >= 0, got " + weights[k]);
            }
            total += weights[k];
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("instance weights must not all be zero");
        }
        instances = instances.stream().map(double[]::clone).toList();
        weights = weights.clone();
    }

    /** Equally weighted instances. */
    public static WeightedInstances uniform(List<double[]> instances) {
        double[] w = new double[instances.size()];
        Arrays.fill(w, 1.0);
        return new WeightedInstances(instances, w);
    }

    @Override
    public List<double[]> instances() {
        return instances.stream().map(double[]::clone).toList();
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    @Override
    public int dimension() {
        return instances.get(0).length;
    }

    @Override
    public double[] sample(SplittableRandom random) {
        return instanceAt(random.nextDouble());
    }

    /** Uses u[0] only: the instances are stratified along their cumulative weights. */
    @Override
    public double[] fromUniform(double[] u) {
        return instanceAt(u[0]);
    }

    private double[] instanceAt(double u) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double target = u * total;
        double cumulative = 0;
        for (int k = 0; k < weights.length; k++) {
            cumulative += weights[k];
            if (target < cumulative && weights[k] > 0) {
                return instances.get(k).clone();
            }
        }
        for (int k = weights.length - 1; k >= 0; k--) {
            if (weights[k] > 0) {
                return instances.get(k).clone();
            }
        }
        throw new IllegalStateException("no instance has a positive weight");
    }

    @Override
    public double[] modelLower() {
        double[] lower = new double[dimension()];
        for (int d = 0; d < lower.length; d++) {
            double lo = extreme(d, -1);
            lower[d] = extreme(d, 1) > lo ? lo : lo - 0.5;
        }
        return lower;
    }

    @Override
    public double[] modelWidth() {
        double[] width = new double[dimension()];
        for (int d = 0; d < width.length; d++) {
            double range = extreme(d, 1) - extreme(d, -1);
            width[d] = range > 0 ? range : 1.0;
        }
        return width;
    }

    /** The largest (sign 1) or smallest (sign −1) coordinate d over the instances. */
    private double extreme(int d, int sign) {
        double e = sign * Double.NEGATIVE_INFINITY;
        for (double[] x : instances) {
            e = sign > 0 ? Math.max(e, x[d]) : Math.min(e, x[d]);
        }
        return e;
    }

    @Override
    public ProjectedProcess project(GaussianProcess gp) {
        double[] lower = modelLower();
        double[] width = modelWidth();
        double[][] scaled = new double[instances.size()][];
        for (int k = 0; k < scaled.length; k++) {
            double[] x = instances.get(k);
            scaled[k] = new double[x.length];
            for (int d = 0; d < x.length; d++) {
                scaled[k][d] = (x[d] - lower[d]) / width[d];
            }
        }
        return ProjectedProcess.finiteInstances(gp, scaled, weights);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof WeightedInstances w) || !Arrays.equals(weights, w.weights)
                || instances.size() != w.instances.size()) {
            return false;
        }
        for (int k = 0; k < instances.size(); k++) {
            if (!Arrays.equals(instances.get(k), w.instances.get(k))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = Arrays.hashCode(weights);
        for (double[] x : instances) {
            h = 31 * h + Arrays.hashCode(x);
        }
        return h;
    }

    @Override
    public String toString() {
        return "WeightedInstances[" + instances.size() + " instances of dimension " + dimension() + "]";
    }
}
