package org.synthstack.optimize.bayes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.synthstack.optimize.numeric.BoundedQuasiNewton;
import org.synthstack.optimize.numeric.DifferentiableFunction;
import org.synthstack.optimize.numeric.LatinHypercube;
import org.synthstack.optimize.numeric.LocalMinimum;

/**
 * Global minimisation of a cheap model function over the unit hypercube: scores a seeded Latin
 * hypercube of candidates plus caller-supplied seeds, then runs a local quasi-Newton search from
 * each of the best few.
 */
final class MultiStartMinimizer {
    private final int candidates;
    private final int starts;
    private final BoundedQuasiNewton local;

    MultiStartMinimizer(int candidates, int starts) {
        this.candidates = candidates;
        this.starts = starts;
        this.local = new BoundedQuasiNewton(200, 1e-10, 1e-12);
    }

    LocalMinimum minimize(DifferentiableFunction f, int dimension, List<double[]> seeds, SplittableRandom random) {
        List<double[]> points = new ArrayList<>(Arrays.asList(LatinHypercube.sample(candidates, dimension, random)));
        for (double[] s : seeds) {
            points.add(clampToUnit(s));
        }
        double[] scratch = new double[dimension];
        int count = points.size();
        double[] values = new double[count];
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            double v = f.valueAndGradient(points.get(i), scratch);
            values[i] = Double.isFinite(v) ? v : Double.POSITIVE_INFINITY;
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double[] lower = new double[dimension];
        double[] upper = new double[dimension];
        Arrays.fill(upper, 1.0);
        LocalMinimum best = new LocalMinimum(points.get(order[0]), values[order[0]], 0);
        for (int s = 0; s < Math.min(starts, count); s++) {
            LocalMinimum m = local.minimize(f, points.get(order[s]), lower, upper);
            if (m.value() < best.value()) {
                best = m;
            }
        }
        return best;
    }

    private static double[] clampToUnit(double[] p) {
        double[] c = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            c[i] = Math.min(1.0, Math.max(0.0, p[i]));
        }
        return c;
    }
}
