package org.synthstack.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthstack.caad.NoiseReductionProblem;
import org.synthstack.jobs.InputException;
import org.synthstack.jobs.caad.NoiseProblemSpec;
import org.synthstack.jobs.caad.SpeechInput;
import picocli.CommandLine;

/** The {@code caad} command line: the DIRECT suite's counts, a small end-to-end run, and bad input (exit 2). */
class CaadCommandTest {
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

  @Test
  void directSuiteReproducesThePublishedCountsWithinTenPercent() {
    assertThat(run("caad", "direct-suite")).isZero();
    String table = out.toString();
    Map<String, Integer> published = Map.of("six-hump camel", 285, "Branin", 195, "Goldstein-Price", 191);
    for (Map.Entry<String, Integer> e : published.entrySet()) {
      Matcher m = Pattern.compile("\\| " + Pattern.quote(e.getKey()) + " \\| 2 \\| (\\d+) \\| " + e.getValue()
          + " \\|").matcher(table);
      assertThat(m.find()).as("%s row in%n%s", e.getKey(), table).isTrue();
      int evaluations = Integer.parseInt(m.group(1));
      assertThat(evaluations).as(e.getKey()).isBetween((int) Math.floor(0.9 * e.getValue()),
          (int) Math.ceil(1.1 * e.getValue()));
    }
    // Every function reaches the 0.01 % stop under both variants.
    assertThat(table).doesNotContain("budget spent");
    assertThat(table.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| function"))).hasSize(10);
  }

  @Test
  void verifyRunsEndToEndFromTheCommandLine() throws Exception {
    Path outDir = dir.resolve("v");
    assertThat(run("caad", "verify", "--problems", "1", "--repetitions", "2", "--iterations", "8", "--out",
        outDir.toString(), "--master", "local[2]", "--conf", "spark.ui.showConsoleProgress=false")).as(err.toString())
        .isZero();
    assertThat(out.toString()).contains("| 1 | EGO |").contains("wrote ");
    assertThat(outDir.resolve("summary.md")).exists();
    assertThat(outDir.resolve("verify-problem-1.png")).exists();
    try (var files = Files.list(outDir.resolve("trajectories"))) {
      assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".parquet"));
    }
  }

  @Test
  void badBoundsExitTwoNamingTheFlag() {
    for (String range : new String[] {"0:-40", "-10:-10", "-40:3", "x:0", "-40"}) {
      err.getBuffer().setLength(0);
      assertThat(run("caad", "validate", "--synthetic-speech", "--gain-floor-range", range, "--out",
          dir.resolve("o").toString())).as(range).isEqualTo(2);
      assertThat(err.toString()).as(range).contains("--gain-floor-range");
    }
    assertThat(dir.resolve("o")).doesNotExist();
  }

  @Test
  void aBudgetSmallerThanTheInitialDesignExitsTwo() {
    assertThat(run("caad", "compare", "--synthetic-speech", "--budget", "8", "--initial-design", "10", "--out",
        dir.resolve("o").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--budget 8").contains("initial design of 10");
    err.getBuffer().setLength(0);
    assertThat(run("caad", "verify", "--budget", "20", "--out", dir.resolve("o").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--budget needs --initial-design");
    err.getBuffer().setLength(0);
    assertThat(run("caad", "verify", "--budget", "4", "--initial-design", "5", "--out", dir.resolve("o").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--budget 4");
    assertThat(dir.resolve("o")).doesNotExist();
  }

  @Test
  void missingOrUnreadableSpeechExitsTwoNamingTheFile() throws Exception {
    Path missing = dir.resolve("nope.wav");
    assertThat(run("caad", "validate", "--speech", missing.toString(), "--out", dir.resolve("o").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--speech " + missing).contains("no such file");

    Path junk = dir.resolve("junk.wav");
    Files.write(junk, "RIFF\0\0\0\0WAVEjunk".getBytes(StandardCharsets.ISO_8859_1));
    err.getBuffer().setLength(0);
    assertThat(run("caad", "compare", "--speech", junk.toString(), "--out", dir.resolve("o").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--speech " + junk).contains("not a readable WAV");

    err.getBuffer().setLength(0);
    assertThat(run("caad", "validate", "--speech", dir.toString(), "--out", dir.resolve("o").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("is a directory");

    // A valid WAV that cannot serve as speech: 0.1 s, shorter than the reducer's 0.2 s noise lead.
    Path tooShort = dir.resolve("short.wav");
    double[] tone = new double[1600];
    for (int i = 0; i < tone.length; i++) {
      tone[i] = 0.3 * Math.sin(0.1 * i);
    }
    Files.write(tooShort, org.synthstack.audio.WavWriter.toBytes(new double[][] {tone}, 16_000,
        org.synthstack.audio.WavWriter.SampleFormat.PCM_16));
    err.getBuffer().setLength(0);
    assertThat(run("caad", "validate", "--speech", tooShort.toString(), "--out", dir.resolve("o").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--speech " + tooShort).contains("noise lead");
    assertThat(dir.resolve("o")).doesNotExist();
  }

  @Test
  void otherBadArgumentsExitTwo() {
    String o = dir.resolve("o").toString();
    String[][] cases = {
        {"caad", "verify", "--problems", "9", "--out", o},
        {"caad", "verify", "--repetitions", "0", "--out", o},
        {"caad", "verify", "--iterations", "0", "--out", o},
        {"caad", "verify", "--iterations", "5", "--budget", "20", "--initial-design", "5", "--out", o},
        {"caad", "validate", "--synthetic-speech", "--instances", "0", "--out", o},
        {"caad", "validate", "--synthetic-speech", "--snr-loss", "NaN", "--out", o},
        {"caad", "compare", "--synthetic-speech", "--tolerance", "0", "--out", o},
        {"caad", "compare", "--synthetic-speech", "--direct-evaluations", "0", "--out", o},
        {"caad", "validate", "--synthetic-speech", "--speech", "x.wav", "--out", o},
        {"caad", "direct-suite", "--max-evaluations", "0"},
        {"caad", "direct-suite", "--percent-error", "-1"},
        {"caad", "verify"},
        {"caad"},
    };
    List<String> flags = List.of("--problems", "--repetitions", "--iterations", "exclude", "--instances",
        "--snr-loss", "--tolerance", "--direct-evaluations", "exclude each other", "--max-evaluations",
        "--percent-error", "--out", "missing subcommand");
    for (int i = 0; i < cases.length; i++) {
      err.getBuffer().setLength(0);
      assertThat(run(cases[i])).as(String.join(" ", cases[i])).isEqualTo(2);
      assertThat(err.toString()).as(String.join(" ", cases[i])).contains(flags.get(i));
    }
    assertThat(dir.resolve("o")).doesNotExist();
  }

  @Test
  void everySubcommandHasHelp() {
    for (String sub : new String[] {"verify", "validate", "compare", "direct-suite"}) {
      out.getBuffer().setLength(0);
      assertThat(run("caad", sub, "--help")).isZero();
      assertThat(out.toString()).contains("Usage: synthstack caad " + sub);
    }
  }

  @Test
  void withoutTheRecordingTheDefaultSpeechFallsBackToSyntheticWithAMessage() {
    List<String> notices = new ArrayList<>();
    NoiseProblemSpec spec = SpeechInput.load(null, false, 16_000, List.of(dir.resolve("absent.wav")), notices::add,
        NoiseReductionProblem.Settings.defaults());
    assertThat(spec.speechName()).startsWith("synthetic speech");
    assertThat(notices).singleElement().asString().contains("absent.wav").contains("build.sh");
    assertThat(spec.seconds()).isEqualTo(SpeechInput.SYNTHETIC_SECONDS);

    notices.clear();
    SpeechInput.load(null, true, 16_000, List.of(dir.resolve("absent.wav")), notices::add,
        NoiseReductionProblem.Settings.defaults());
    assertThat(notices).isEmpty();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SpeechInput.load(dir.resolve("absent.wav"), false,
        16_000, List.of(), notices::add, NoiseReductionProblem.Settings.defaults()))
        .isInstanceOf(InputException.class).hasMessageContaining("--speech").hasMessageContaining("no such file");
  }
}
