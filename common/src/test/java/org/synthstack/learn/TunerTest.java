package org.synthstack.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TunerTest {
  @Test
  void decodingCoversTableNinesLevels() {
    Hyperparameters low = SearchSpace.decode(new double[9]);
    assertThat(low.spec()).isEqualTo(new AutoencoderSpec(ModelType.CNN, false, 8, 10, 10, 0));
    assertThat(low.optimizer()).isEqualTo(OptimizerKind.ADAM);
    assertThat(low.learningRate()).isCloseTo(1e-4, within(1e-12));
    assertThat(low.l2()).isCloseTo(1e-6, within(1e-15));
    double[] high = new double[9];
    java.util.Arrays.fill(high, 1.0);
    Hyperparameters h = SearchSpace.decode(high);
    assertThat(h.spec()).isEqualTo(new AutoencoderSpec(ModelType.FC, true, 64, 60, 20, 0.5));
    assertThat(h.optimizer()).isEqualTo(OptimizerKind.SGD);
    assertThat(h.learningRate()).isCloseTo(0.1, within(1e-12));
    assertThat(h.l2()).isCloseTo(0.1, within(1e-12));
    // The middle third of a three-level coordinate is the middle level.
    double[] mid = new double[9];
    mid[4] = 0.5;
    mid[5] = 0.5;
    mid[6] = 0.5;
    Hyperparameters m = SearchSpace.decode(mid);
    assertThat(m.spec().frequencyBins()).isEqualTo(30);
    assertThat(m.spec().latent()).isEqualTo(16);
    assertThat(m.spec().dropout()).isEqualTo(0.1);
  }

  /**
   * A stand-in objective with a known minimum of 0.01 (CNN, latent 64, learning rate 10^-2.5, dropout 0), that fails
   * (NaN) for SGD with learning rate above 0.03, as a diverging trial would.
   */
  private static List<TrialOutcome> synthetic(List<Hyperparameters> trials) {
    List<TrialOutcome> out = new ArrayList<>();
    for (Hyperparameters h : trials) {
      if (h.optimizer() == OptimizerKind.SGD && h.learningRate() > 0.03) {
        out.add(new TrialOutcome(Double.NaN, true, "", 0));
        continue;
      }
      double d = Math.log10(h.learningRate()) + 2.5;
      double loss = 0.01 * (1 + d * d) * (h.spec().type() == ModelType.CNN ? 1 : 1.5)
          * (h.spec().latent() == 64 ? 1 : h.spec().latent() == 16 ? 1.3 : 1.6) * (1 + h.spec().dropout());
      out.add(new TrialOutcome(loss, false, "", 0));
    }
    return out;
  }

  @Test
  void bothStrategiesSpendTheBudgetAndRecordFailures() {
    Tuner.Settings settings = new Tuner.Settings(30, 2, 10, 7);
    for (Tuner.Strategy s : Tuner.Strategy.values()) {
      List<TrialRecord> r = Tuner.search(s, settings, TunerTest::synthetic);
      assertThat(r).hasSize(30);
      assertThat(r).extracting(TrialRecord::index).containsExactlyElementsOf(
          java.util.stream.IntStream.range(0, 30).boxed().toList());
      for (TrialRecord t : r) {
        boolean diverges = t.hyperparameters().optimizer() == OptimizerKind.SGD
            && t.hyperparameters().learningRate() > 0.03;
        assertThat(t.failed()).isEqualTo(diverges);
        assertThat(Double.isNaN(t.loss())).isEqualTo(diverges);
      }
    }
  }

  @Test
  void egoApproachesTheKnownMinimum() {
    List<TrialRecord> r = Tuner.search(Tuner.Strategy.EGO, new Tuner.Settings(40, 2, 12, 3), TunerTest::synthetic);
    double[] best = Tuner.bestSoFar(r);
    // The minimum is 0.01; a tenth above it needs the right family, latent, dropout and lr within 10^±0.3.
    assertThat(best[best.length - 1]).isLessThan(0.011);
  }

  @Test
  void trialsToTargetCountsTheFirstTrialWithinTheMargin() {
    List<TrialRecord> r = new ArrayList<>();
    double[] losses = {0.5, Double.NaN, 0.2, 0.104, 0.1};
    for (int i = 0; i < losses.length; i++) {
      r.add(new TrialRecord("X", i, i, new double[9], Hyperparameters.tableEight(), losses[i],
          Double.isNaN(losses[i]), "", 0));
    }
    assertThat(Tuner.bestSoFar(r)).containsExactly(0.5, 0.5, 0.2, 0.104, 0.1);
    assertThat(Tuner.trialsToWithin(r, 0.1, 0.05)).isEqualTo(4);
    assertThat(Tuner.trialsToWithin(r, 0.05, 0.05)).isEqualTo(-1);
  }
}
