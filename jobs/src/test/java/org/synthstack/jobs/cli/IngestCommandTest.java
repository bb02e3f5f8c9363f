package org.synthstack.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthstack.audio.WavWriter;
import picocli.CommandLine;

/** The drum-manifest, ingest and bench ingest commands: help, usage errors, and one run each end to end. */
class IngestCommandTest {
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

  private static byte[] hit(double seconds) throws Exception {
    double[] x = new double[(int) (48_000 * seconds)];
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.exp(-20.0 * i / 48_000) * Math.sin(2 * Math.PI * 60 * i / 48_000.0);
    }
    return WavWriter.toBytes(new double[][] {x}, 48_000, WavWriter.SampleFormat.PCM_16);
  }

  @Test
  void everyNewCommandHasHelp() {
    for (String[] command : new String[][] {{"ingest"}, {"drum-manifest"}, {"bench", "ingest"}}) {
      String[] args = java.util.Arrays.copyOf(command, command.length + 1);
      args[command.length] = "--help";
      assertThat(run(args)).as(String.join(" ", command)).isZero();
      assertThat(out.toString()).contains("Usage: synthstack " + String.join(" ", command));
    }
  }

  @Test
  void usageErrorsExitTwoBeforeAnyWork() {
    assertThat(run("ingest", "--out", "x")).isEqualTo(2);
    assertThat(err.toString()).contains("--manifest").contains("--in");
    assertThat(run("ingest", "--manifest", "m.csv", "--in", "d", "--out", "x")).isEqualTo(2);
    assertThat(run("ingest", "--in", "d", "--out", "x", "--max-seconds", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("--max-seconds must be a positive number");
    assertThat(run("ingest", "--manifest", "m.csv", "--out", "x", "--source", "s")).isEqualTo(2);
    assertThat(run("ingest", "--in", "d", "--out", "x", "--date", "2026-02-30")).isEqualTo(2);
    assertThat(run("bench", "ingest", "--manifest", "m.csv", "--threads", "0")).isEqualTo(2);
    assertThat(Path.of("x")).doesNotExist();
  }

  @Test
  void drumManifestLabelsAPackageTreeAndIngestReadsIt() throws Exception {
    Path root = dir.resolve("root");
    Path drums = Files.createDirectories(root.resolve("lmms-common/usr/share/lmms/samples/drums"));
    Files.write(drums.resolve("kick01.ogg"), hit(0.3)); // a WAV named .ogg: the decoder goes by content
    Files.write(drums.resolve("snare01.ogg"), hit(0.2));
    Files.write(drums.resolve("mystery01.ogg"), hit(0.2));
    Files.write(drums.resolve("crash01.ogg"), hit(3.0)); // longer than 2 s
    Path manifest = dir.resolve("manifest.csv");
    assertThat(run("drum-manifest", "--root", root.toString(),
        "--rules", "../data-catalog/debian-drums/label-rules.tsv",
        "--licences", "../data-catalog/debian-drums/licences.tsv", "--out", manifest.toString())).isZero();
    assertThat(out.toString()).contains("| kick | 1 |").contains("3 files labelled; 1 files no rule labels");
    List<String> lines = Files.readAllLines(manifest);
    assertThat(lines).hasSize(4).first().isEqualTo("path,label,source,kit,licence,instrument,rule");
    assertThat(lines.get(2)).startsWith("root/lmms-common/usr/share/lmms/samples/drums/kick01.ogg,kick,lmms-common,"
        + "drums,GPL-2+,,");
    assertThat(Files.readAllLines(dir.resolve("unlabelled.tsv"))).hasSize(2).last().asString()
        .startsWith("lmms-common/usr/share/lmms/samples/drums/mystery01.ogg");
    assertThat(Files.getPosixFilePermissions(manifest)).contains(PosixFilePermission.OWNER_READ);

    out.getBuffer().setLength(0);
    Path outRoot = dir.resolve("out");
    assertThat(run("ingest", "--manifest", manifest.toString(), "--out", outRoot.toString(), "--date",
        "2026-05-01", "--master", "local[1]", "--conf", "spark.ui.showConsoleProgress=false")).isZero();
    assertThat(out.toString()).contains("| kick | 1 |").contains("| snare | 1 |").contains("| TOO_LONG | 1 |")
        .contains("files/s per core");
    assertThat(outRoot.resolve("features/dt=2026-05-01/_SUCCESS")).exists();
    assertThat(outRoot.resolve("quarantine/dt=2026-05-01/_SUCCESS")).exists();
    assertThat(outRoot.resolve("report/dt=2026-05-01/ingest.md")).exists();
  }
}
