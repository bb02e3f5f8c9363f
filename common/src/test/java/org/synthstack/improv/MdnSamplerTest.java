package org.synthstack.improv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MdnSamplerTest {
  /** K = 2, D = 1: μ = (−5, 5), σ = (1, 2), logits (2, 0) so softmax π = (0.8808, 0.1192). */
  private static final MdrnnSpec SPEC = new MdrnnSpec(ModelSize.XS, 1, 2);
  private static final float[] PARAMS = {-5f, 5f, 1f, 2f, 2f, 0f};
  private static final int DRAWS = 40_000;

  private record Stats(double share0, double std0, double std1, double mean0) {}

  private static Stats draw(double piTemperature, double sigmaTemperature) {
    MdnSampler sampler = new MdnSampler(SPEC, piTemperature, sigmaTemperature);
    SplittableRandom random = new SplittableRandom(11);
    float[] out = new float[1];
    int n0 = 0;
    double s0 = 0;
    double ss0 = 0;
    int n1 = 0;
    double s1 = 0;
    double ss1 = 0;
    for (int i = 0; i < DRAWS; i++) {
      int k = sampler.sample(PARAMS, 0, random, out);
      if (k == 0) {
        n0++;
        s0 += out[0];
        ss0 += out[0] * out[0];
      } else {
        n1++;
        s1 += out[0];
        ss1 += out[0] * out[0];
      }
    }
    double mean0 = s0 / n0;
    double std0 = Math.sqrt(ss0 / n0 - mean0 * mean0);
    double std1 = n1 < 2 ? 0 : Math.sqrt(ss1 / n1 - (s1 / n1) * (s1 / n1));
    return new Stats((double) n0 / DRAWS, std0, std1, mean0);
  }

  @Test
  void atUnitTemperatureItDrawsTheMixtureItself() {
    Stats stats = draw(1, 1);
    double pi0 = Math.exp(2) / (Math.exp(2) + 1);
    assertThat(stats.share0()).isCloseTo(pi0, within(0.01));
    assertThat(stats.mean0()).isCloseTo(-5, within(0.03));
    assertThat(stats.std0()).isCloseTo(1, within(0.03));
    assertThat(stats.std1()).isCloseTo(2, within(0.1));
  }

  @Test
  void lowTemperaturesPickTheLikeliestComponentAndShrinkTheSpread() {
    // IMPS's sigma_temp 0.01 scales the variance: σ·√0.01 = 0.1.
    Stats stats = draw(0.01, 0.01);
    assertThat(stats.share0()).isEqualTo(1.0);
    assertThat(stats.std0()).isCloseTo(0.1, within(0.005));
    assertThat(draw(1, 0).std0()).isZero();
  }

  @Test
  void highPiTemperaturePicksAlmostUniformly() {
    // softmax((2, 0)/100) = (0.505, 0.495).
    Stats stats = draw(100, 4);
    assertThat(stats.share0()).isCloseTo(0.505, within(0.01));
    assertThat(stats.std0()).isCloseTo(2, within(0.05));
  }

  @Test
  void temperaturesAreChecked() {
    assertThatThrownBy(() -> new MdnSampler(SPEC, 0, 1)).hasMessageContaining("piTemperature");
    assertThatThrownBy(() -> new MdnSampler(SPEC, 1, -1)).hasMessageContaining("sigmaTemperature");
  }
}
