package org.synthstack.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthstack.audio.AudioDecoder;
import org.synthstack.audio.DecodedAudio;
import org.synthstack.audio.WavWriter;
import org.synthstack.synth.ProgramGenerator;
import org.synthstack.synth.ProgramJson;
import org.synthstack.synth.StackSizes;
import picocli.CommandLine;

class SynthstackCliTest {
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

  private Path program(String json) throws Exception {
    Path p = dir.resolve("p.json");
    Files.writeString(p, json);
    return p;
  }

  @Test
  void renderProgramWritesAWavAndFeaturesReadsItBack() throws Exception {
    String json = ProgramJson.toPrettyJson(new ProgramGenerator(StackSizes.parse("4")).generate(5, 5));
    Path wav = dir.resolve("p.wav");
    assertThat(run("render-program", "--program", program(json).toString(), "--out", wav.toString())).isZero();
    DecodedAudio audio = AudioDecoder.decode(Files.readAllBytes(wav), "p.wav");
    assertThat(audio.sampleRate()).isEqualTo(48_000);
    assertThat(audio.channelCount()).isEqualTo(1);
    assertThat(audio.bitsPerSample()).isEqualTo(24);

    assertThat(run("features", "--in", wav.toString())).isZero();
    JsonNode features = new ObjectMapper().readTree(out.toString());
    assertThat(features.get("envelope")).hasSize(10);
    assertThat(features.get("frequency")).hasSize(50);
    assertThat(features.get("spectrum")).hasSize(30);
    assertThat(features.get("spectrum").get(0)).hasSize(20);
  }

  @Test
  void invalidProgramJsonExitsTwoNamingTheFieldAndWritesNothing() throws Exception {
    Path wav = dir.resolve("p.wav");
    Files.writeString(wav, "precious");
    String json = ProgramJson.toJson(new ProgramGenerator(StackSizes.parse("2")).generate(1, 1))
        .replaceFirst("\"lowPassHz\":[0-9.E]+", "\"lowPassHz\":5.0");
    assertThat(run("render-program", "--program", program(json).toString(), "--out", wav.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("submodules[0].lowPassHz").contains("expected");
    assertThat(Files.readString(wav)).isEqualTo("precious");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("p.json", "p.wav");
    }
  }

  @Test
  void missingFilesAndUndecodableAudioExitTwo() throws Exception {
    assertThat(run("render-program", "--program", dir.resolve("nope.json").toString(), "--out",
        dir.resolve("x.wav").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("nope.json: no such file");
    Path junk = dir.resolve("junk.wav");
    Files.write(junk, "RIFF\0\0\0\0WAVEjunk".getBytes(StandardCharsets.ISO_8859_1));
    assertThat(run("features", "--in", junk.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("junk.wav");
  }

  @Test
  void badArgumentsPrintUsageAndExitTwo() {
    assertThat(run("render", "--programs", "ten", "--seed", "1", "--date", "2026-01-01", "--out", "x")).isEqualTo(2);
    assertThat(err.toString()).contains("--programs").contains("Usage:");
    assertThat(run("render", "--programs", "10", "--seed", "1", "--date", "2026-13-01", "--out", "x")).isEqualTo(2);
    assertThat(run("render", "--programs", "10", "--seed", "1", "--date", "2026-01-01", "--out", "x",
        "--stack-sizes", "0-9")).isEqualTo(2);
    assertThat(err.toString()).contains("1..64");
    assertThat(run("bench", "extratrees", "--trees", "100,0")).isEqualTo(2);
    assertThat(err.toString()).contains("--trees >= 1");
    assertThat(run("demo", "--programs", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("--programs must be at least 1");
    assertThat(run("no-such-command")).isEqualTo(2);
    assertThat(run()).isEqualTo(2);
  }

  @Test
  void everyCommandHasHelp() {
    for (String[] command : new String[][] {{"render-program"}, {"features"}, {"render"}, {"bench", "render"},
        {"bench", "extratrees"}, {"demo"}}) {
      String[] args = java.util.Arrays.copyOf(command, command.length + 1);
      args[command.length] = "--help";
      assertThat(run(args)).as(String.join(" ", command)).isZero();
      assertThat(out.toString()).contains("Usage: synthstack " + String.join(" ", command));
    }
  }

  @Test
  void aFloatWavRoundTripsThroughFeatures() throws Exception {
    double[] tone = new double[48_000];
    for (int n = 0; n < tone.length; n++) {
      tone[n] = 0.5 * Math.sin(2 * Math.PI * 440 * n / 48_000.0) * Math.exp(-3.0 * n / 48_000);
    }
    Path wav = dir.resolve("tone.wav");
    Files.write(wav, WavWriter.toBytes(new double[][] {tone}, 48_000, WavWriter.SampleFormat.FLOAT_32));
    assertThat(run("features", "--in", wav.toString())).isZero();
    assertThat(new ObjectMapper().readTree(out.toString()).get("envelope").get(1).asDouble()).isBetween(0.0, 1.0);
  }
}
