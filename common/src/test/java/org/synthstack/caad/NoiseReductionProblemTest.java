package org.synthstack.caad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.synthstack.dsp.Stft;
import org.synthstack.optimize.Bounds;
import org.synthstack.optimize.OptimizationResult;
import org.synthstack.optimize.bayes.Rego;
import org.synthstack.optimize.bayes.SurrogateOptions;
import org.synthstack.optimize.direct.Direct;
import org.synthstack.optimize.direct.DirectOptions;

class NoiseReductionProblemTest {
    private static final NoiseReductionProblem.Settings SETTINGS = NoiseReductionProblem.Settings.defaults();
    private static final NoiseReductionProblem PROBLEM = NoiseReductionProblem.of(TestSignals.SPEECH, 16_000, SETTINGS);
    private static final InstanceSet GRID = PROBLEM.gridInstances(9);

    /** Argmin of EL over [−40, 0] dB: a 2 dB scan, then a parabola through the best point and its 0.1 dB neighbours. */
    private static double argminOfExpectedLoss(NoiseReductionProblem problem, InstanceSet instances) {
        double best = 0;
        double bestValue = Double.POSITIVE_INFINITY;
        for (double theta = -40; theta <= 0; theta += 2) {
            double el = problem.expectedLoss(theta, instances);
            if (el < bestValue) {
                bestValue = el;
                best = theta;
            }
        }
        double fineBest = best;
        for (double theta = best - 2; theta <= Math.min(0, best + 2); theta += 0.1) {
            double el = problem.expectedLoss(theta, instances);
            if (el < bestValue) {
                bestValue = el;
                fineBest = theta;
            }
        }
        double h = 0.1;
        double left = problem.expectedLoss(fineBest - h, instances);
        double right = problem.expectedLoss(Math.min(0, fineBest + h), instances);
        return fineBest + 0.5 * h * (left - right) / (left - 2 * bestValue + right);
    }

    @Test
    void singleInstanceLossEqualsTheTimeDomainComputation() {
        // The fast path mixes precomputed spectra; the slow one mixes signals, denoises and analyses them.
        SpeechInNoise signals = SpeechInNoise.of(TestSignals.SPEECH, SETTINGS.noiseSeed());
        LogSpectralLoss loss = new LogSpectralLoss(Stft.sqrtHann(512, 256), SETTINGS.magnitudeFloor());
        NoiseReducer reducer = new NoiseReducer(SETTINGS.reducer());
        for (double[] point : new double[][] {{-12, -5}, {-3, -8.5}, {0, 1}, {-40, -5}}) {
            double[] y = reducer.process(signals.noisy(point[1]), 16_000, point[0]);
            double expected = loss.between(signals.reference(point[1], SETTINGS.snrLossDb()), y);

            assertThat(PROBLEM.loss(point[0], point[1])).as("L(%s, %s)", point[0], point[1])
                    .isCloseTo(expected, within(1e-9));
        }
    }

    @Test
    void atZeroDecibelsTheLossIsThatOfTheUnprocessedInput() {
        SpeechInNoise signals = SpeechInNoise.of(TestSignals.SPEECH, SETTINGS.noiseSeed());
        LogSpectralLoss loss = new LogSpectralLoss(Stft.sqrtHann(512, 256), SETTINGS.magnitudeFloor());
        double expected = loss.between(signals.reference(-5, 5), signals.noisy(-5));

        assertThat(PROBLEM.loss(0, -5)).isCloseTo(expected, within(1e-12));
        // Noise dominates most bins at −5 dB, and there |R|/|Y| = 10^(−SNR_loss/20): close to 5 dB.
        assertThat(expected).isBetween(4.0, 5.0);
    }

    @Test
    void expectedLossIsSmoothWithAnInteriorMinimum() {
        double[] coarse = new double[21];
        int argmin = 0;
        for (int i = 0; i < coarse.length; i++) {
            coarse[i] = PROBLEM.expectedLoss(-40 + 2 * i, GRID);
            if (coarse[i] < coarse[argmin]) {
                argmin = i;
            }
        }
        // Unimodal on the whole range, with the minimum strictly inside it.
        assertThat(argmin).isBetween(1, coarse.length - 2);
        for (int i = 1; i < coarse.length; i++) {
            if (i <= argmin) {
                assertThat(coarse[i]).as("EL decreasing at %d dB", -40 + 2 * i).isLessThan(coarse[i - 1]);
            } else {
                assertThat(coarse[i]).as("EL increasing at %d dB", -40 + 2 * i).isGreaterThan(coarse[i - 1]);
            }
        }
        // Smooth around the minimum: 0.1 dB second differences stay small. A kink (slopes of ±0.6 dB/dB,
        // as a V-shaped EL would have) would show as a second difference of about 0.12.
        double h = 0.1;
        double minimiser = argminOfExpectedLoss(PROBLEM, GRID);
        for (int i = -20; i <= 20; i++) {
            double theta = minimiser + i * h;
            double d2 = PROBLEM.expectedLoss(theta - h, GRID) - 2 * PROBLEM.expectedLoss(theta, GRID)
                    + PROBLEM.expectedLoss(theta + h, GRID);
            assertThat(Math.abs(d2)).as("second difference at %.2f dB", theta).isLessThan(0.02);
            if (Math.abs(i) <= 5) {
                assertThat(d2).as("convex near the minimum, at %.2f dB", theta).isPositive();
            }
        }
        System.out.printf("EL(G_min) on 1.2 s synthetic speech, SNR_loss 5 dB: minimum at %.2f dB%n", minimiser);
        // Noise-only bins dominate; there the ideal gain is −SNR_loss, and ξ > 0 lifts G above G_min.
        assertThat(minimiser).isBetween(-9.0, -5.0);
    }

    @Test
    void theMinimumMovesWithTheSnrLoss() {
        NoiseReductionProblem harder = NoiseReductionProblem.of(TestSignals.SPEECH, 16_000, SETTINGS.withSnrLossDb(10));

        double shift = argminOfExpectedLoss(harder, GRID) - argminOfExpectedLoss(PROBLEM, GRID);

        // A reference 5 dB cleaner asks for about 5 dB more suppression.
        assertThat(shift).isBetween(-6.5, -4.0);
    }

    @Test
    void sampledExpectedLossConvergesToTheFiniteInstanceForm() {
        double theta = -7;
        InstanceSet fine = PROBLEM.gridInstances(50);
        double exact = PROBLEM.expectedLoss(theta, fine);
        double[] losses = PROBLEM.instanceLoss().losses(theta, fine.snrDb());
        double variance = 0;
        for (int k = 0; k < losses.length; k++) {
            variance += fine.weight(k) * (losses[k] - exact) * (losses[k] - exact);
        }
        double sd = Math.sqrt(variance);
        assertThat(sd).isPositive();

        for (int k : new int[] {4, 16, 64, 256}) {
            double sampled = PROBLEM.expectedLoss(theta, PROBLEM.sampledInstances(k, 2024));
            // Monte Carlo: within 4 standard errors (plus the grid's own quadrature error, < 1e-4).
            assertThat(sampled).as("K = %d", k).isCloseTo(exact, within(4 * sd / Math.sqrt(k) + 1e-4));
        }
    }

    @Test
    void theGridFormConvergesInK() {
        double theta = -7;
        double k50 = PROBLEM.expectedLoss(theta, PROBLEM.gridInstances(50));
        assertThat(PROBLEM.expectedLoss(theta, PROBLEM.gridInstances(25))).isCloseTo(k50, within(2e-4));
        assertThat(PROBLEM.expectedLoss(theta, PROBLEM.gridInstances(101))).isCloseTo(k50, within(2e-5));
    }

    @Test
    void equalSeedsGiveBitIdenticalLosses() throws Exception {
        NoiseReductionProblem twin = NoiseReductionProblem.of(TestSignals.SPEECH.clone(), 16_000, SETTINGS);
        InstanceSet instances = twin.sampledInstances(12, 77);
        assertThat(instances).isEqualTo(PROBLEM.sampledInstances(12, 77));

        double[] sequential = PROBLEM.instanceLoss().losses(-9.5, instances.snrDb());
        // As Spark tasks would: each instance on some thread of a pool, in any order.
        double[] fannedOut = new double[instances.size()];
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Double>> futures = IntStream.range(0, instances.size()).map(k -> instances.size() - 1 - k)
                    .mapToObj(k -> pool.submit(() -> twin.loss(-9.5, instances.snrDb(k)))).toList();
            for (int k = 0; k < instances.size(); k++) {
                fannedOut[instances.size() - 1 - k] = futures.get(k).get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(fannedOut).containsExactly(sequential);
        assertThat(ExpectedLoss.weightedMean(fannedOut, instances.weights()))
                .isEqualTo(PROBLEM.expectedLoss(-9.5, instances));
        NoiseReductionProblem otherNoise = NoiseReductionProblem.of(TestSignals.SPEECH, 16_000, SETTINGS.withNoiseSeed(2));
        assertThat(otherNoise.loss(-9.5, instances.snrDb(0))).isNotEqualTo(sequential[0]);
    }

    @Test
    void facadeHandsTheOptimisersTheirFunctionsAndDistributions() {
        Bounds bounds = PROBLEM.gainFloorBounds();
        assertThat(bounds.lower()).containsExactly(-40.0);
        assertThat(bounds.upper()).containsExactly(0.0);

        ToDoubleFunction<double[]> joint = PROBLEM.jointLoss();
        assertThat(joint.applyAsDouble(new double[] {-6, -4})).isEqualTo(PROBLEM.loss(-6, -4));
        ToDoubleFunction<double[]> el = PROBLEM.expectedLoss(GRID);
        assertThat(el.applyAsDouble(new double[] {-6})).isEqualTo(PROBLEM.expectedLoss(-6, GRID));

        assertThat(PROBLEM.snrInputs().mean()).containsExactly(-5.0);
        assertThat(PROBLEM.snrInputs().variance()).containsExactly(25.0 / 9.0);
        assertThat(PROBLEM.weightedInstances(GRID).weights()).containsExactly(GRID.weights());
    }

    @Test
    void directFindsTheMinimumOfTheExpectedLoss() {
        InstanceSet instances = PROBLEM.gridInstances(5);
        double expected = argminOfExpectedLoss(PROBLEM, instances);

        OptimizationResult r = Direct.minimize(PROBLEM.expectedLoss(instances), PROBLEM.gainFloorBounds(),
                DirectOptions.budget(30));

        assertThat(r.bestPoint()[0]).isCloseTo(expected, within(0.3));
    }

    @Test
    void regoFindsTheMinimumFromSingleInstanceLosses() {
        double expected = argminOfExpectedLoss(PROBLEM, PROBLEM.gridInstances(25));

        OptimizationResult r = Rego.minimize(PROBLEM.jointLoss(), PROBLEM.gainFloorBounds(), PROBLEM.snrInputs(),
                SurrogateOptions.defaults(2, 25));

        System.out.printf("REGO, 25 evaluations of L: G_min = %.2f dB (EL minimum at %.2f dB)%n", r.bestPoint()[0],
                expected);
        assertThat(r.evaluations()).isEqualTo(25);
        assertThat(r.bestPoint()[0]).isCloseTo(expected, within(0.5));
    }

    @Test
    void rejectsBadInputNamingTheField() {
        assertThatThrownBy(() -> PROBLEM.loss(0.5, -5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gainFloorDb (G_min) must be in [-Infinity, 0] dB, got 0.5");
        assertThatThrownBy(() -> PROBLEM.loss(Double.NaN, -5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gainFloorDb");
        assertThatThrownBy(() -> PROBLEM.loss(-5, Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("snrDb must be a finite number of dB");
        assertThatThrownBy(() -> PROBLEM.expectedLoss(3, GRID)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gainFloorDb");
        assertThatThrownBy(() -> PROBLEM.sampledInstances(0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("K (number of problem instances) must be at least 1");
        assertThatThrownBy(() -> PROBLEM.gridInstances(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("K ");
        assertThatThrownBy(() -> NoiseReductionProblem.of(new double[0], 16_000, SETTINGS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("speech").hasMessageContaining("empty");
        assertThatThrownBy(() -> NoiseReductionProblem.of(TestSignals.SPEECH, 48_000, SETTINGS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sampleRate of the speech is 48000 Hz but the noise reducer is set for 16000 Hz");
        assertThatThrownBy(() -> NoiseReductionProblem.of(new double[20_000], 16_000, SETTINGS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("speech is silent");
        assertThatThrownBy(() -> NoiseReductionProblem.of(new double[] {0.1, 0.2, 0.3}, 16_000, SETTINGS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("noise lead");
        assertThatThrownBy(() -> PROBLEM.jointLoss().applyAsDouble(new double[] {-5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[gainFloorDb, snrDb]");
        assertThatThrownBy(() -> PROBLEM.expectedLoss(GRID).applyAsDouble(new double[] {-5, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[gainFloorDb]");
        assertThatThrownBy(() -> SETTINGS.withSnrLossDb(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("snrLossDb");
        assertThatThrownBy(() -> NoiseReductionProblem.of(TestSignals.SPEECH, 16_000, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("settings");
    }
}
