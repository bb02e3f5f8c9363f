package org.synthstack.improv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class MinMaxNormaliserTest {
  private static final FeatureSet TWO = new FeatureSet(List.of("SpectralCentroid", "SpectralRolloff"));

  private static Performance performance(String name, double[] centroid, double[] rolloff) {
    double[] time = new double[centroid.length];
    for (int t = 0; t < time.length; t++) {
      time[t] = 20 * t;
    }
    return new Performance(name, TWO, time, new double[][] {centroid, rolloff});
  }

  @Test
  void scalesEachFeatureToTheUnitIntervalOverAllPerformancesAndBack() {
    MinMaxNormaliser n = MinMaxNormaliser.fit(List.of(
        performance("a", new double[] {100, 300}, new double[] {5, 5}),
        performance("b", new double[] {500, 200}, new double[] {5, 5})));
    assertThat(n.min(0)).isEqualTo(100);
    assertThat(n.max(0)).isEqualTo(500);
    assertThat(n.normalise(0, 300)).isEqualTo(0.5);
    assertThat(n.denormalise(0, 0.25)).isEqualTo(200);
    // A constant feature maps to 0 and back to its value, never NaN.
    assertThat(n.normalise(1, 5)).isZero();
    assertThat(n.denormalise(1, 0.7)).isEqualTo(5);
    double[][] columns = n.normalise(performance("c", new double[] {100, 500, 700}, new double[] {5, 5, 5}));
    assertThat(columns[0]).containsExactly(0, 1, 1.5);
  }

  @Test
  void jsonRoundTripsAndDamageNamesTheField() throws Exception {
    MinMaxNormaliser n = new MinMaxNormaliser(TWO, new double[] {1, -2}, new double[] {3, 4});
    ObjectMapper mapper = new ObjectMapper();
    String json = mapper.writeValueAsString(n.toJson());
    assertThat(MinMaxNormaliser.fromJson(mapper.readTree(json), "m.bin", "normaliser")).isEqualTo(n);
    assertThatThrownBy(() -> MinMaxNormaliser.fromJson(
        mapper.readTree("{\"features\": [\"a\", \"b\"], \"min\": [1], \"max\": [2, 3]}"), "m.bin", "normaliser"))
        .isInstanceOf(CorpusFormatException.class)
        .hasMessage("m.bin: normaliser.min: must be an array of 2 numbers");
    assertThatThrownBy(() -> MinMaxNormaliser.fromJson(
        mapper.readTree("{\"features\": [\"a\"], \"min\": [5], \"max\": [2]}"), "m.bin", "normaliser"))
        .isInstanceOf(CorpusFormatException.class)
        .hasMessageContaining("normaliser.min[0]");
  }

  @Test
  void aPerformanceWithOtherFeaturesIsRefused() {
    MinMaxNormaliser n = new MinMaxNormaliser(TWO, new double[] {0, 0}, new double[] {1, 1});
    Performance other = new Performance("other.json", new FeatureSet(List.of("SpectralCentroid", "Chroma01")),
        new double[] {0}, new double[][] {{1}, {1}});
    assertThatThrownBy(() -> n.normalise(other))
        .isInstanceOf(IncompatibleFeatureSetException.class)
        .hasMessageContaining("other.json")
        .hasMessageContaining("lacks [SpectralRolloff]")
        .hasMessageContaining("extra [Chroma01]");
    Performance swapped = new Performance("swapped.json", new FeatureSet(List.of("SpectralRolloff",
        "SpectralCentroid")), new double[] {0}, new double[][] {{1}, {1}});
    assertThatThrownBy(() -> n.normalise(swapped)).hasMessageContaining("another order");
  }

  @Test
  void stepsAreScaledByTenAndDecodedWithClamping() {
    MinMaxNormaliser n = new MinMaxNormaliser(TWO, new double[] {100, 0}, new double[] {500, 1000});
    StepCodec codec = new StepCodec(n);
    float[] step = new float[3];
    codec.encode(0.02, new double[] {300, 250}, step, 0);
    assertThat(step).containsExactly(0.2f, 5f, 2.5f);
    double[] raw = new double[2];
    assertThat(codec.decode(new float[] {-0.3f, 12f, 2.5f}, raw)).isCloseTo(0.03, within(1e-7));
    assertThat(raw[0]).isEqualTo(500);
    assertThat(raw[1]).isCloseTo(250, within(1e-4));
    Performance continuation = Continuation.toPerformance("out.json", codec, 1000,
        new float[][] {{0.2f, 0f, 0f}, {0.1f, 10f, 10f}});
    assertThat(continuation.timeMs()[0]).isCloseTo(1020, within(1e-4));
    assertThat(continuation.timeMs()[1]).isCloseTo(1030, within(1e-4));
    assertThat(continuation.columns()[0]).containsExactly(100, 500);
  }
}
