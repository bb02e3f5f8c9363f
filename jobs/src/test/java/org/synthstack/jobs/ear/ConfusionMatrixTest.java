package org.synthstack.jobs.ear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {
  @Test
  void scoresMatchHandComputedValues() {
    // truth\pred: a  b  c
    //        a:   5  1  0
    //        b:   2  3  1
    //        c:   0  0  0   (class c never occurs but is predicted once)
    ConfusionMatrix m = new ConfusionMatrix(List.of("a", "b", "c"));
    m.add(0, 0, 5);
    m.add(0, 1, 1);
    m.add(1, 0, 2);
    m.add(1, 1, 3);
    m.add(1, 2, 1);
    assertThat(m.total()).isEqualTo(12);
    assertThat(m.accuracy()).isCloseTo(8.0 / 12, within(1e-12));
    // F1(a) = 2*5 / (7 + 6); F1(b) = 2*3 / (4 + 6); F1(c) = 0 / (1 + 0) = 0.
    assertThat(m.f1(0)).isCloseTo(10.0 / 13, within(1e-12));
    assertThat(m.f1(1)).isCloseTo(0.6, within(1e-12));
    assertThat(m.f1(2)).isZero();
    assertThat(m.macroF1()).isCloseTo((10.0 / 13 + 0.6) / 3, within(1e-12));
    assertThat(m.rowNormalised()[1]).containsExactly(2.0 / 6, 3.0 / 6, 1.0 / 6);
  }
}
