package org.synthstack.improv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthstack.audio.WavWriter;
import org.synthstack.features.SpectralFeature;

class CorpusBuilderTest {
  private static final int SR = 48_000;

  @TempDir
  Path dir;

  /** {@code pad} s of silence, {@code seconds} s of a sine at {@code hz}, {@code pad} s of silence. */
  private Path sineWav(String name, double hz, double seconds, double pad, int rate) throws Exception {
    int padding = (int) (pad * rate);
    int n = (int) (seconds * rate);
    double[] samples = new double[n + 2 * padding];
    for (int i = 0; i < n; i++) {
      samples[padding + i] = 0.5 * Math.sin(2 * Math.PI * hz * i / rate);
    }
    Path file = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(file)) {
      WavWriter.writeMono(out, samples, rate, WavWriter.SampleFormat.PCM_24);
    }
    return file;
  }

  private Path instrumentJson(String name, int frames) throws Exception {
    double[] time = new double[frames];
    double[][] columns = new double[FeatureSet.SPECTRAL.size()][frames];
    for (int t = 0; t < frames; t++) {
      time[t] = 12.5 * t;
      for (int f = 0; f < columns.length; f++) {
        columns[f][t] = f + Math.sin(t * 0.3);
      }
    }
    Path file = dir.resolve(name);
    PerformanceJson.write(new Performance(name, FeatureSet.SPECTRAL, time, columns), file);
    return file;
  }

  @Test
  void recordingsAndInstrumentFilesBecomeANormalisedCorpus() throws Exception {
    Path inputs = Files.createDirectories(dir.resolve("in/sub"));
    Path wav = sineWav("in/sub/a440.wav", 440, 1.0, 0.25, 44_100);
    Path json = instrumentJson("in/performance.json", 60);
    Files.writeString(dir.resolve("in/notes.txt"), "not audio");
    List<Path> files = CorpusBuilder.discover(List.of(dir.resolve("in")));
    assertThat(files).containsExactly(json, wav);

    CorpusBuilder.Settings settings = new CorpusBuilder.Settings(CorpusBuilder.Settings.DEFAULT.spectral(), false,
        400, 64, 1e-3);
    CorpusBuilder.Result result = CorpusBuilder.build(files, settings);
    // The silence is trimmed: one second of audio remains (at 48 kHz after resampling).
    CorpusBuilder.Source audio = result.sources().get(1);
    assertThat(audio.kind()).isEqualTo("audio");
    assertThat(audio.seconds()).isCloseTo(1.0, within(0.002));
    // The hop aims the whole corpus at 400 frames: 340 from the audio, 60 from the instrument file.
    assertThat(result.hop()).isEqualTo((int) (audio.seconds() * SR / 340));
    assertThat(result.corpus().frames()).isBetween(380L, 400L);
    Performance analysed = result.corpus().performances().get(1);
    int mid = analysed.frames() / 2;
    // A 440 Hz sine: its centroid sits at 440 Hz, its chroma peaks at A (Chroma10).
    assertThat(analysed.columns()[SpectralFeature.CENTROID.ordinal()][mid]).isCloseTo(440, within(12.0));
    assertThat(analysed.columns()[SpectralFeature.chroma(9).ordinal()][mid]).isEqualTo(1.0);
    assertThat(analysed.timeMs()[1] - analysed.timeMs()[0]).isCloseTo(1000.0 * result.hop() / SR, within(1e-9));

    Path out = dir.resolve("corpus");
    result.corpus().write(out, result.names(), JsonNodeFactory.instance.objectNode().put("note", "test"));
    assertThat(out.resolve(Corpus.PERFORMANCES).resolve("0000-performance.json")).exists();
    assertThat(out.resolve(Corpus.PERFORMANCES).resolve("0001-a440.json")).exists();
    assertThat(Files.readString(out.resolve(Corpus.MANIFEST))).contains("\"note\"", "\"frames\"");
    Corpus back = Corpus.read(out, FeatureSet.SPECTRAL);
    assertThat(back.normaliser()).isEqualTo(result.corpus().normaliser());
    assertThat(back.performances()).hasSize(2);
    assertThat(back.performances().get(1).columns()[3]).containsExactly(analysed.columns()[3]);
    // Every feature maps onto [0, 1], its min to 0 and its max to 1.
    MinMaxNormaliser n = back.normaliser();
    for (int f = 0; f < n.features().size(); f++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (Performance p : back.performances()) {
        for (double v : n.normalise(p)[f]) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
      assertThat(lo).as(n.features().name(f)).isEqualTo(0.0);
      if (n.max(f) > n.min(f)) {
        assertThat(hi).as(n.features().name(f)).isEqualTo(1.0);
      }
    }
    // Writing again replaces the corpus as a whole; nothing is left beside it.
    result.corpus().write(out, result.names(), JsonNodeFactory.instance.objectNode());
    try (var siblings = Files.list(dir)) {
      assertThat(siblings.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("in", "corpus");
    }
  }

  @Test
  void aFixedHopIsKept() throws Exception {
    Path wav = sineWav("b.wav", 1000, 0.5, 0, SR);
    CorpusBuilder.Settings settings = new CorpusBuilder.Settings(
        CorpusBuilder.Settings.DEFAULT.spectral().withFrame(1024, 512), true, 80_000, 128, 0);
    CorpusBuilder.Result result = CorpusBuilder.build(List.of(wav), settings);
    assertThat(result.hop()).isEqualTo(512);
    assertThat(result.corpus().frames()).isEqualTo(1 + (24_000 - 1024) / 512);
  }

  @Test
  void aMalformedInstrumentFileIsNamedWithItsField() throws Exception {
    Path good = instrumentJson("good.json", 10);
    String broken = Files.readString(good).replace("\"SpectralKurtosis\"", "\"Kurtosis\"");
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, broken);
    assertThatThrownBy(() -> CorpusBuilder.build(List.of(good, bad), CorpusBuilder.Settings.DEFAULT))
        .isInstanceOf(CorpusFormatException.class)
        .hasMessageContaining(bad.toString())
        .hasMessageContaining("Analysis.Spectral.SpectralKurtosis");
  }

  @Test
  void aCorpusDirectoryWithoutPerformancesIsRefused() throws Exception {
    Files.createDirectories(dir.resolve("empty/performances"));
    assertThatThrownBy(() -> Corpus.read(dir.resolve("empty"), FeatureSet.SPECTRAL))
        .isInstanceOf(CorpusFormatException.class).hasMessageContaining("no .json performance");
    assertThatThrownBy(() -> Corpus.read(dir.resolve("nothing"), FeatureSet.SPECTRAL))
        .isInstanceOf(CorpusFormatException.class).hasMessageContaining("performances");
  }
}
