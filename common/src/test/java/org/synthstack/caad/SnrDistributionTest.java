package org.synthstack.caad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.synthstack.optimize.bayes.GaussianInputs;
import org.synthstack.optimize.bayes.WeightedInstances;

class SnrDistributionTest {
    private static final SnrDistribution NORMAL = SnrDistribution.normalHearing();

    private static double weightedMean(InstanceSet s) {
        double m = 0;
        for (int k = 0; k < s.size(); k++) {
            m += s.weight(k) * s.snrDb(k);
        }
        return m;
    }

    private static double weightedVariance(InstanceSet s) {
        double m = weightedMean(s);
        double v = 0;
        for (int k = 0; k < s.size(); k++) {
            v += s.weight(k) * (s.snrDb(k) - m) * (s.snrDb(k) - m);
        }
        return v;
    }

    @Test
    void normalHearingIsTheSrtWithTheSeedsVariance() {
        assertThat(NORMAL.meanDb()).isEqualTo(-5.0);
        assertThat(NORMAL.varianceDb2()).isEqualTo(25.0 / 9.0);
        assertThat(NORMAL.standardDeviationDb()).isCloseTo(5.0 / 3.0, within(1e-15));
    }

    @Test
    void samplesFollowTheDistribution() {
        InstanceSet s = NORMAL.sample(20_000, 5);
        double sd = NORMAL.standardDeviationDb();
        assertThat(weightedMean(s)).isCloseTo(-5.0, within(4 * sd / Math.sqrt(20_000)));
        assertThat(weightedVariance(s)).isCloseTo(25.0 / 9.0, within(4 * Math.sqrt(2.0 / 20_000) * 25.0 / 9.0));
        for (double w : s.weights()) {
            assertThat(w).isCloseTo(1.0 / 20_000, within(1e-12 / 20_000));
        }
    }

    @Test
    void samplingIsSeededAndPrefixStable() {
        InstanceSet a = NORMAL.sample(50, 11);
        assertThat(NORMAL.sample(50, 11)).isEqualTo(a);
        assertThat(NORMAL.sample(50, 12).snrDb()).isNotEqualTo(a.snrDb());
        assertThat(Arrays.copyOf(NORMAL.sample(200, 11).snrDb(), 50)).containsExactly(a.snrDb());
    }

    @Test
    void gridSpansTheSeedsSixteenDecibelsWithNormalWeights() {
        InstanceSet g = NORMAL.grid(50);
        assertThat(g.size()).isEqualTo(50);
        assertThat(g.snrDb(0)).isCloseTo(-13.0, within(1e-12));
        assertThat(g.snrDb(49)).isCloseTo(3.0, within(1e-12));
        assertThat(Arrays.stream(g.weights()).sum()).isCloseTo(1.0, within(1e-12));
        for (int k = 0; k < 25; k++) {
            assertThat(g.weight(k)).isCloseTo(g.weight(49 - k), within(1e-15));
        }
        // The quadrature reproduces the moments of N(−5, 25/9): truncation at 4.8σ costs 4e-5 of the variance.
        assertThat(weightedMean(g)).isCloseTo(-5.0, within(1e-12));
        assertThat(weightedVariance(g)).isCloseTo(25.0 / 9.0, within(25.0 / 9.0 * 1e-4));
        assertThat(NORMAL.grid(1).snrDb()).containsExactly(-5.0);
    }

    @Test
    void convertsToTheOptimisersDistributions() {
        GaussianInputs gaussian = NORMAL.toGaussianInputs();
        assertThat(gaussian.mean()).containsExactly(-5.0);
        assertThat(gaussian.variance()).containsExactly(25.0 / 9.0);

        InstanceSet g = NORMAL.grid(5);
        WeightedInstances w = g.toWeightedInstances();
        assertThat(w.weights()).containsExactly(g.weights());
        List<double[]> points = w.instances();
        for (int k = 0; k < 5; k++) {
            assertThat(points.get(k)).containsExactly(g.snrDb(k));
        }
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> NORMAL.sample(0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("K (number of problem instances) must be at least 1, got 0");
        assertThatThrownBy(() -> NORMAL.grid(-3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("K ");
        assertThatThrownBy(() -> new SnrDistribution(Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("meanDb");
        assertThatThrownBy(() -> new SnrDistribution(-5, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("varianceDb2");
        assertThatThrownBy(() -> new InstanceSet(new double[] {1, 2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same number");
        assertThatThrownBy(() -> new InstanceSet(new double[] {1}, new double[] {-1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights[0]");
        assertThatThrownBy(() -> new InstanceSet(new double[] {Double.NaN}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("snrDb[0]");
        assertThatThrownBy(() -> new InstanceSet(new double[] {1}, new double[] {0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not all be zero");
    }

    @Test
    void instanceSetsNormaliseTheirWeights() {
        InstanceSet s = new InstanceSet(new double[] {-7, -3}, new double[] {1, 3});
        assertThat(s.weights()).containsExactly(0.25, 0.75);
    }
}
