package org.synthstack.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MixdownTest {

  @Test
  void averagesChannels() {
    double[] mono = Mixdown.toMono(new double[][] {{1.0, 0.5, -1.0}, {0.0, 0.5, 1.0}, {0.5, -1.0, 0.0}});
    assertThat(mono).containsExactly(0.5, 0.0, 0.0);
  }

  @Test
  void monoIsCopiedNotShared() {
    double[] in = {0.25, -0.25};
    double[] out = Mixdown.toMono(new double[][] {in});
    assertThat(out).containsExactly(0.25, -0.25).isNotSameAs(in);
  }

  @Test
  void duplicatedMonoMixesBackToItself() {
    double[] x = {0.1, -0.7, 0.3};
    assertThat(Mixdown.toMono(new double[][] {x, x})).containsExactly(x);
  }

  @Test
  void rejectsRaggedOrEmptyInput() {
    assertThatThrownBy(() -> Mixdown.toMono(new double[][] {{1}, {1, 2}})).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Mixdown.toMono(new double[0][])).isInstanceOf(IllegalArgumentException.class);
  }
}
