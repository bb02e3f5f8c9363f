package org.synthstack.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthstack.audio.WavWriter;
import org.synthstack.jobs.Redaction;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

class ConfigOptionsTest {
  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private CommandLine cli() {
    CommandLine cli = SynthstackCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli;
  }

  private Path config(String text) throws Exception {
    Path p = dir.resolve("job.properties");
    Files.writeString(p, text);
    return p;
  }

  private static RenderCommand render(ParseResult parsed) {
    return (RenderCommand) parsed.subcommand().commandSpec().userObject();
  }

  @Test
  void theFileSuppliesRequiredAndOptionalOptionsAndTheCommandLineAndScopedKeysWin() throws Exception {
    Path f = config("""
        # a shared file: plain keys for every command, render.* for render only
        programs = 20
        seed = 3
        date = 2026-01-01
        render.date = 2026-02-02
        out = /data/render
        stack-sizes = 1,3,5
        model = /data/ear
        spark.sql.shuffle.partitions = 7
        """);
    // --config may come before or after the options it fills in.
    RenderCommand r = render(cli().parseArgs("render", "--seed", "9", "--config", f.toString()));
    assertThat(r.programs).isEqualTo(20);
    assertThat(r.seed).isEqualTo(9);
    assertThat(r.date).isEqualTo(LocalDate.of(2026, 2, 2));
    assertThat(r.out).isEqualTo("/data/render");
    assertThat(r.stackSizes.values()).containsExactly(1, 3, 5);
    assertThat(r.partitions).isZero();
    assertThat(r.spark.sparkSettings()).containsEntry("spark.sql.shuffle.partitions", "7");

    // Without the file the required options are missing: a usage error.
    assertThat(cli().execute("render", "--seed", "9")).isEqualTo(SynthstackCli.INPUT_ERROR);
    assertThat(err.toString()).contains("Missing required options");
  }

  @Test
  void sparkSettingsFromTheFileBeatSparkSubmitAndLoseToConf() throws Exception {
    Path f = config("""
        programs = 1
        date = 2026-01-01
        out = /tmp/x
        spark.synthstack.test.a = file
        spark.synthstack.test.b = file
        """);
    System.setProperty("spark.synthstack.test.a", "spark-submit");
    System.setProperty("spark.synthstack.test.c", "spark-submit");
    try {
      RenderCommand r = render(cli().parseArgs("render", "--seed", "1", "--config", f.toString(),
          "--conf", "spark.synthstack.test.b=command-line"));
      SparkConf conf = r.spark.sparkConf("test");
      assertThat(conf.get("spark.synthstack.test.a")).isEqualTo("file");
      assertThat(conf.get("spark.synthstack.test.b")).isEqualTo("command-line");
      assertThat(conf.get("spark.synthstack.test.c")).isEqualTo("spark-submit");
      assertThat(conf.get("spark.master")).isEqualTo("local[*]");
    } finally {
      System.clearProperty("spark.synthstack.test.a");
      System.clearProperty("spark.synthstack.test.c");
    }
  }

  @Test
  void theEffectiveConfigNamesEverySourceAndNeverPrintsASecret() throws Exception {
    Path f = config("""
        programs = 20
        date = 2026-01-01
        spark.hadoop.fs.s3a.access.key = AKIAEXAMPLEKEYID
        spark.hadoop.fs.s3a.endpoint = http://127.0.0.1:9000
        """);
    RenderCommand r = render(cli().parseArgs("render", "--config", f.toString(), "--seed", "9",
        "--out", "s3a://someone:hunter2@bucket/render",
        "--conf", "spark.hadoop.fs.s3a.secret.key=wJalrXUtnFEMIEXAMPLE",
        "--conf", "spark.hadoop.fs.s3a.session.token=FwoGZXIvYXdzEXAMPLE"));
    r.spark.sparkConf("synthstack render");
    String printed = err.toString();
    assertThat(printed).contains("render: effective config").contains("--config " + f);
    assertThat(printed).contains("--programs = 20  [config]").contains("--seed = 9  [command line]")
        .contains("--partitions = 0  [default]").contains("--date = 2026-01-01  [config]");
    assertThat(printed).contains("spark.hadoop.fs.s3a.endpoint = http://127.0.0.1:9000")
        .contains("spark.hadoop.fs.s3a.access.key = " + Redaction.REDACTED)
        .contains("spark.hadoop.fs.s3a.secret.key = " + Redaction.REDACTED)
        .contains("spark.app.name = synthstack render");
    assertThat(printed).doesNotContain("AKIAEXAMPLEKEYID").doesNotContain("wJalrXUtnFEMIEXAMPLE")
        .doesNotContain("FwoGZXIvYXdzEXAMPLE").doesNotContain("hunter2");
  }

  @Test
  void nonSparkCommandsTakeTheFileToo() throws Exception {
    Path wav = dir.resolve("tone.wav");
    double[] tone = new double[24_000];
    for (int i = 0; i < tone.length; i++) {
      tone[i] = 0.5 * Math.sin(2 * Math.PI * 440 * i / 48_000.0) * Math.exp(-i / 4000.0);
    }
    try (OutputStream o = Files.newOutputStream(wav)) {
      WavWriter.writeMono(o, tone, 48_000, WavWriter.SampleFormat.PCM_16);
    }
    // "programs" belongs to other commands: features ignores it; bench.render.* only reaches bench render.
    Path f = config("in = " + wav + "\nprograms = 5\nbench.render.threads = 2\n");
    assertThat(cli().execute("features", "--config", f.toString())).isZero();
    assertThat(new ObjectMapper().readTree(out.toString()).get("frequency")).hasSize(50);
    assertThat(err.toString()).contains("features: effective config").contains("--in = " + wav + "  [config]");

    var parsed = cli().parseArgs("bench", "render", "--config", f.toString());
    var bench = (BenchCommand.Render) parsed.subcommand().subcommand().commandSpec().userObject();
    assertThat(bench.threads).isEqualTo(2);
    assertThat(bench.programs).isEqualTo(5);
  }

  @Test
  void unknownKeysAndUnreadableFilesAreUsageErrors() throws Exception {
    Path f = config("programz = 5\n");
    assertThat(cli().execute("render", "--config", f.toString())).isEqualTo(SynthstackCli.INPUT_ERROR);
    assertThat(err.toString()).contains(f.toString()).contains("unknown key 'programz'");

    Path g = config("render.model = /x\n");
    assertThat(cli().execute("render", "--config", g.toString())).isEqualTo(SynthstackCli.INPUT_ERROR);
    assertThat(err.toString()).contains("unknown key 'render.model'");

    assertThat(cli().execute("render", "--config", dir.resolve("missing.properties").toString()))
        .isEqualTo(SynthstackCli.INPUT_ERROR);
    assertThat(err.toString()).contains("missing.properties").contains("cannot read");
  }

  @Test
  void redactionHidesSecretNamesAndUserInfo() {
    assertThat(Redaction.value("fs.s3a.secret.key", "x")).isEqualTo(Redaction.REDACTED);
    assertThat(Redaction.value("spark.hadoop.fs.s3a.encryption.key", "x")).isEqualTo(Redaction.REDACTED);
    assertThat(Redaction.value("db.password", "x")).isEqualTo(Redaction.REDACTED);
    assertThat(Redaction.value("GITHUB_TOKEN", "x")).isEqualTo(Redaction.REDACTED);
    assertThat(Redaction.value("--out", "s3a://id:secret@bucket/p")).isEqualTo("s3a://" + Redaction.REDACTED
        + "@bucket/p");
    assertThat(Redaction.value("--out", "s3a://bucket/p")).isEqualTo("s3a://bucket/p");
    assertThat(Redaction.value("spark.sql.shuffle.partitions", "8")).isEqualTo("8");
  }
}
