package org.synthstack.improv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthstack.features.SpectralDescriptors;
import org.synthstack.features.SpectralSettings;

class PerformanceJsonTest {
  private static final FeatureSet TWO = new FeatureSet(List.of("SpectralCentroid", "SpectralSpread"));

  private static Performance read(String json, FeatureSet expected) throws IOException {
    return PerformanceJson.read(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "take7.json", expected);
  }

  @Test
  void analysedAudioRoundTripsThroughTheInstrumentsJson(@TempDir Path dir) throws IOException {
    double[] signal = new double[48_000 / 4];
    for (int n = 0; n < signal.length; n++) {
      signal[n] = Math.sin(2 * Math.PI * 440 * n / 48_000.0) * (n % 4000) / 4000.0;
    }
    Performance analysed =
        Performance.ofSpectral("tone.wav", new SpectralDescriptors(SpectralSettings.DEFAULT).analyse(signal));
    Path file = dir.resolve("tone.json");
    PerformanceJson.write(analysed, file);
    Performance back = PerformanceJson.read(file, FeatureSet.SPECTRAL);
    assertThat(back.features()).isEqualTo(FeatureSet.SPECTRAL);
    assertThat(back.timeMs()).containsExactly(analysed.timeMs());
    for (int f = 0; f < FeatureSet.SPECTRAL.size(); f++) {
      assertThat(back.columns()[f]).as(FeatureSet.SPECTRAL.name(f)).containsExactly(analysed.columns()[f]);
    }
    String text = Files.readString(file);
    assertThat(text).startsWith("{\"Analysis\":{\"Spectral\":{\"Chroma01\":[").contains("\"Time\":[0.0,");
  }

  @Test
  void timeMayAlsoSitBesideTheCategoriesAndOtherCategoriesAreIgnored() throws IOException {
    Performance p = read("""
        {"Analysis": {"Harmonic": {"Pitch": [1, 2]},
                      "Spectral": {"SpectralCentroid": [100, 200.5], "SpectralSpread": [3, 4], "Other": ["x"]},
                      "Time": [0, 18]},
         "Devices": {}}""", TWO);
    assertThat(p.timeMs()).containsExactly(0, 18);
    assertThat(p.columns()[0]).containsExactly(100, 200.5);
  }

  private static void assertRejected(String json, FeatureSet expected, String field, String problem) {
    assertThatThrownBy(() -> read(json, expected))
        .isInstanceOf(CorpusFormatException.class)
        .hasMessageStartingWith("take7.json: ")
        .hasMessageContaining(problem)
        .satisfies(e -> assertThat(((CorpusFormatException) e).field()).isEqualTo(field));
  }

  @Test
  void corruptOrMismatchedJsonNamesTheFileAndTheField() {
    assertRejected("{\"Analysis\": {\"Spectral\": {", TWO, "(line 1, column 28)", "not valid JSON");
    assertRejected("[1, 2]", TWO, "(root)", "object");
    assertRejected("{\"Perf\": {}}", TWO, "Analysis", "missing");
    assertRejected("{\"Analysis\": {\"Spectral\": []}}", TWO, "Analysis.Spectral", "must be an object");
    assertRejected("{\"Analysis\": {\"Spectral\": {\"SpectralCentroid\": [1], \"SpectralSpread\": [1]}}}", TWO,
        "Analysis.Spectral.Time", "missing");
    assertRejected("""
        {"Analysis": {"Spectral": {"SpectralCentroid": [1, 2], "Time": [0, 1]}}}""", TWO,
        "Analysis.Spectral.SpectralSpread", "missing");
    assertRejected("""
        {"Analysis": {"Spectral": {"SpectralCentroid": [1, "2"], "SpectralSpread": [1, 2], "Time": [0, 1]}}}""",
        TWO, "Analysis.Spectral.SpectralCentroid[1]", "must be a number");
    assertRejected("""
        {"Analysis": {"Spectral": {"SpectralCentroid": [1, null], "SpectralSpread": [1, 2], "Time": [0, 1]}}}""",
        TWO, "Analysis.Spectral.SpectralCentroid[1]", "must be a number");
    assertRejected("""
        {"Analysis": {"Spectral": {"SpectralCentroid": [1, 2, 3], "SpectralSpread": [1, 2], "Time": [0, 1]}}}""",
        TWO, "Analysis.Spectral.SpectralCentroid", "has 3 values but Time has 2");
    assertRejected("""
        {"Analysis": {"Spectral": {"SpectralCentroid": [1, 2, 3], "SpectralSpread": [1, 2, 3], "Time": [0, 9, 5]}}}""",
        TWO, "Analysis.Spectral.Time[2]", "goes back in time");
    assertRejected("""
        {"Analysis": {"Spectral": {"SpectralCentroid": [1], "SpectralSpread": [1], "Time": [0]}, "Time": [3]}}""",
        TWO, "Analysis.Time", "disagrees");
    // A file from an instrument with other features, read as the spectral set, names the first missing feature.
    assertRejected("""
        {"Analysis": {"Spectral": {"SpectralCentroid": [1], "SpectralSpread": [1], "Time": [0]}}}""",
        FeatureSet.SPECTRAL, "Analysis.Spectral.Chroma01", "missing");
  }

  @Test
  void numbersTooLargeForADoubleAreRejected() {
    assertRejected("""
        {"Analysis": {"Spectral": {"SpectralCentroid": [1e999], "SpectralSpread": [1], "Time": [0]}}}""",
        TWO, "Analysis.Spectral.SpectralCentroid[0]", "finite");
  }

  @Test
  void writingToAStreamLeavesItOpen() throws IOException {
    Performance p = new Performance("x", TWO, new double[] {0, 20}, new double[][] {{1, 2}, {3, 4}});
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PerformanceJson.write(p, out);
    out.write('\n');
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
        "{\"Analysis\":{\"Spectral\":{\"SpectralCentroid\":[1.0,2.0],\"SpectralSpread\":[3.0,4.0],"
            + "\"Time\":[0.0,20.0]}}}\n");
  }
}
