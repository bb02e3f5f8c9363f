package org.synthstack.synth.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class GridTest {
  private final Axis centroid = new Axis("centroid", "Hz", 100, 10_000, true, 4);
  private final Axis noisiness = new Axis("noisiness", "", 0, 1, false, 8);

  @Test
  void logarithmicBinsHaveEqualRatios() {
    // Edges 100, 316.2, 1000, 3162, 10000.
    assertThat(centroid.edge(1)).isCloseTo(316.2278, within(1e-3));
    assertThat(centroid.edge(2)).isCloseTo(1000, within(1e-9));
    assertThat(centroid.bin(150)).isZero();
    assertThat(centroid.bin(400)).isEqualTo(1);
    assertThat(centroid.bin(999)).isEqualTo(1);
    assertThat(centroid.bin(1001)).isEqualTo(2);
    assertThat(centroid.bin(9_999)).isEqualTo(3);
    assertThat(centroid.label(2)).isEqualTo("1k-3.2k Hz");
    assertThat(centroid.label(0)).isEqualTo("100-316 Hz");
    assertThat(new Axis("decay", "s", 0.03, 1, true, 2).label(0)).isEqualTo("0.03-0.17 s");
  }

  @Test
  void outOfRangeValuesFallIntoTheEdgeCells() {
    assertThat(centroid.bin(20)).isZero();
    assertThat(centroid.bin(0)).isZero();
    assertThat(centroid.bin(1e6)).isEqualTo(3);
    assertThat(centroid.bin(Double.NaN)).isZero();
    assertThat(noisiness.bin(-1)).isZero();
    assertThat(noisiness.bin(1.0)).isEqualTo(7);
  }

  @Test
  void linearBinEdgesBelongToTheUpperBin() {
    assertThat(noisiness.bin(0.125)).isEqualTo(1);
    assertThat(noisiness.bin(0.1249)).isZero();
    assertThat(noisiness.bin(0.999)).isEqualTo(7);
  }

  @Test
  void cellsAreRowMajorAndInvertible() {
    Grid grid = new Grid(List.of(centroid, noisiness));
    assertThat(grid.cells()).isEqualTo(32);
    assertThat(grid.cell(new double[] {400, 0.3})).isEqualTo(1 * 8 + 2);
    assertThat(grid.coordinates(10)).containsExactly(1, 2);
    for (int c = 0; c < grid.cells(); c++) {
      int[] xy = grid.coordinates(c);
      double x = Math.sqrt(centroid.edge(xy[0]) * centroid.edge(xy[0] + 1));
      double y = (noisiness.edge(xy[1]) + noisiness.edge(xy[1] + 1)) / 2;
      assertThat(grid.cell(new double[] {x, y})).isEqualTo(c);
    }
  }

  @Test
  void aGridWithoutCellsOrRangeIsRejected() {
    assertThatThrownBy(() -> new Axis("decay", "s", 0.03, 1, true, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one cell");
    assertThatThrownBy(() -> new Axis("decay", "s", 0, 1, true, 4)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 < low");
    assertThatThrownBy(() -> new Axis("decay", "s", 1, 1, false, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Grid(List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
