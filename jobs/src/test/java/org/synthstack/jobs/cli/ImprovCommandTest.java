package org.synthstack.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthstack.audio.WavWriter;
import org.synthstack.improv.Corpus;
import org.synthstack.improv.FeatureSet;
import org.synthstack.improv.Mdrnn;
import org.synthstack.improv.MinMaxNormaliser;
import org.synthstack.improv.ModelSize;
import picocli.CommandLine;

/** The improv commands that run without Spark: corpus, serve's refusals, bench-osc end to end. */
class ImprovCommandTest {
  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = SynthstackCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private Path chirp(String name, double seconds) throws Exception {
    int rate = 44_100;
    double[] samples = new double[(int) (seconds * rate)];
    double phase = 0;
    for (int i = 0; i < samples.length; i++) {
      phase += 2 * Math.PI * (200 + 600.0 * i / samples.length) / rate;
      samples[i] = 0.4 * Math.sin(phase);
    }
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    try (OutputStream o = Files.newOutputStream(file)) {
      WavWriter.writeMono(o, samples, rate, WavWriter.SampleFormat.PCM_16);
    }
    return file;
  }

  @Test
  void corpusAnalysesAFolderToTheTargetFrameCount() throws Exception {
    chirp("in/a.wav", 1.0);
    chirp("in/b.wav", 0.5);
    Path corpusDir = dir.resolve("corpus");
    assertThat(run("improv", "corpus", "--in", dir.resolve("in").toString(), "--out", corpusDir.toString(),
        "--target-frames", "500", "--min-hop", "32")).as(err.toString()).isZero();
    Corpus corpus = Corpus.read(corpusDir, FeatureSet.SPECTRAL);
    assertThat(corpus.performances()).hasSize(2);
    assertThat(corpus.frames()).isBetween(470L, 500L);
    assertThat(out.toString()).contains("wrote 2 performances", "2 audio files");
    assertThat(Files.readString(corpusDir.resolve(Corpus.MANIFEST))).contains("\"hopChosenForTarget\" : true");
  }

  @Test
  void aMalformedInstrumentFileIsAnInputErrorAndNothingIsWritten() throws Exception {
    Files.createDirectories(dir.resolve("in"));
    Files.writeString(dir.resolve("in/take.json"), "{\"Analysis\": {\"Spectral\": {\"Time\": [0, 10]}}}");
    Path corpusDir = dir.resolve("corpus");
    assertThat(run("improv", "corpus", "--in", dir.resolve("in").toString(), "--out", corpusDir.toString()))
        .isEqualTo(SynthstackCli.INPUT_ERROR);
    assertThat(err.toString()).contains("take.json", "Analysis.Spectral.Chroma01", "is missing");
    assertThat(corpusDir).doesNotExist();
  }

  @Test
  void aModelFromAnotherFeatureSetIsRefused() throws Exception {
    FeatureSet three = new FeatureSet(List.of("SpectralCentroid", "SpectralSpread", "Loudness"));
    Path file = dir.resolve("other.mdrnn");
    try (Mdrnn model = Mdrnn.create(ModelSize.XS,
        new MinMaxNormaliser(three, new double[] {0, 0, 0}, new double[] {1, 1, 1}), 1)) {
      model.save(file);
    }
    assertThat(run("improv", "serve", "--model", file.toString(), "--duration", "1"))
        .isEqualTo(SynthstackCli.INPUT_ERROR);
    assertThat(err.toString()).contains(file.toString(), "another feature set", "3 features, expected 20",
        "it has extra [Loudness]");
    assertThat(run("improv", "serve", "--model", dir.resolve("missing.mdrnn").toString()))
        .isEqualTo(SynthstackCli.INPUT_ERROR);
    assertThat(err.toString()).contains("no such file");
    assertThat(run("improv", "train", "--corpus", "c", "--out", "o", "--rows", "11"))
        .isEqualTo(SynthstackCli.INPUT_ERROR);
  }

  @Test
  void benchOscTimesRepliesThroughRealSockets() throws Exception {
    double[] min = new double[FeatureSet.SPECTRAL.size()];
    double[] max = new double[min.length];
    java.util.Arrays.fill(max, 1);
    Path file = dir.resolve("xs.mdrnn");
    try (Mdrnn model = Mdrnn.create(ModelSize.XS, new MinMaxNormaliser(FeatureSet.SPECTRAL, min, max), 1)) {
      model.save(file);
    }
    // A generous timeout: the test asserts the plumbing, not the latency (the machine may be busy).
    assertThat(run("improv", "bench-osc", "--model", file.toString(), "--frames", "20", "--warmup", "5",
        "--interval-ms", "0", "--timeout-ms", "10000")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("OSC round trip over 20 frames (0 lost)", "messages=25", "observed=25",
        "predictions_sent=25", "dropped_address=0");
  }
}
