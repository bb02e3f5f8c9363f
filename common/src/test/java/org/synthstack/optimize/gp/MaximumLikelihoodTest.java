package org.synthstack.optimize.gp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MaximumLikelihoodTest {
    private static final Kernel KERNEL = Kernel.of(KernelFamily.MATERN_52, 2);

    private static double[][] inputs(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[n][2];
        for (double[] row : x) {
            row[0] = random.nextDouble();
            row[1] = random.nextDouble();
        }
        return x;
    }

    private static double[] targets(double[][] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 10 * Math.sin(4 * x[i][0]) + 3 * x[i][1] * x[i][1] + 50;
        }
        return y;
    }

    @Test
    void noRandomHyperparametersInTheSearchBoxBeatTheFit() {
        double[][] x = inputs(25, 1);
        double[] y = targets(x);
        GpFitOptions options = GpFitOptions.defaults();
        GaussianProcess fitted = MaximumLikelihood.fit(KERNEL, x, y, options, new SplittableRandom(2), null);

        SplittableRandom random = new SplittableRandom(3);
        double variance = fitted.hyperparameters().signalVariance();
        for (int trial = 0; trial < 300; trial++) {
            double[] ell = {
                Math.exp(Math.log(0.01) + random.nextDouble() * Math.log(1e4)),
                Math.exp(Math.log(0.01) + random.nextDouble() * Math.log(1e4))};
            double s2 = variance * Math.exp(random.nextDouble() * 6 - 3);
            double noise = s2 * Math.exp(Math.log(1e-10) + random.nextDouble() * Math.log(1e9));
            double other = GaussianProcess.condition(KERNEL, new Hyperparameters(s2, ell, noise), x, y)
                    .logMarginalLikelihood();
            assertThat(other).isLessThanOrEqualTo(fitted.logMarginalLikelihood() + 1e-9);
        }
    }

    @Test
    void theFitIsAStationaryPointInItsFreeParameters() {
        double[][] x = inputs(25, 4);
        double[] y = targets(x);
        GaussianProcess fitted = MaximumLikelihood.fit(KERNEL, x, y, GpFitOptions.defaults(), new SplittableRandom(5),
                null);
        Hyperparameters h = fitted.hyperparameters();
        double[] gradient = fitted.logMarginalLikelihoodGradient();
        // The signal variance is optimal in closed form at a fixed nugget ratio σn²/s², so the derivative
        // along log s² with σn² scaled alongside vanishes; length-scales strictly inside their bounds are
        // optimal numerically. (The nugget itself often sits on its lower bound.)
        assertThat(gradient[0] + gradient[3]).isCloseTo(0.0, within(1e-6));
        for (int d = 0; d < 2; d++) {
            double ell = h.lengthScale(d);
            if (ell > 0.011 && ell < 99) {
                assertThat(gradient[1 + d]).isCloseTo(0.0, within(1e-3));
            }
        }
    }

    @Test
    void fixedZeroNoiseIsKeptAndTheFitIsDeterministicGivenTheSeed() {
        double[][] x = inputs(15, 6);
        double[] y = targets(x);
        GpFitOptions options = GpFitOptions.defaults().withFixedNoise(0.0);
        GaussianProcess a = MaximumLikelihood.fit(KERNEL, x, y, options, new SplittableRandom(7), null);
        GaussianProcess b = MaximumLikelihood.fit(KERNEL, x, y, options, new SplittableRandom(7), null);
        assertThat(a.hyperparameters().noiseVariance()).isZero();
        assertThat(a.hyperparameters()).isEqualTo(b.hyperparameters());
    }

    @Test
    void aWarmStartCannotMakeTheFitWorse() {
        double[][] x = inputs(20, 8);
        double[] y = targets(x);
        GaussianProcess cold = MaximumLikelihood.fit(KERNEL, x, y, GpFitOptions.defaults().withStarts(1),
                new SplittableRandom(9), null);
        GaussianProcess warm = MaximumLikelihood.fit(KERNEL, x, y, GpFitOptions.defaults().withStarts(1),
                new SplittableRandom(9), cold.hyperparameters());
        assertThat(warm.logMarginalLikelihood()).isGreaterThanOrEqualTo(cold.logMarginalLikelihood() - 1e-9);
    }
}
