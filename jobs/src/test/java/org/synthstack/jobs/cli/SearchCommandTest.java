package org.synthstack.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The search command's usage errors: each exits 2 with a message before a Spark session or a file exists. */
class SearchCommandTest {
  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int search(String... extra) {
    CommandLine cli = SynthstackCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] base = {"search", "--model", dir.resolve("ear").toString(), "--target", "kick", "--budget", "400",
        "--seed", "1", "--date", "2026-01-01", "--out", dir.resolve("out").toString()};
    String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return cli.execute(args);
  }

  @Test
  void aBudgetBelowOneGenerationExitsTwo() {
    assertThat(search("--generation-size", "500")).isEqualTo(2);
    assertThat(err.toString()).contains("smaller than one generation").contains("Usage:");
  }

  @Test
  void aGridWithoutCellsExitsTwo() {
    assertThat(search("--grid", "0x8")).isEqualTo(2);
    assertThat(err.toString()).contains("--grid 0x8").contains("0 cells");
    assertThat(search("--grid", "eight")).isEqualTo(2);
    assertThat(search("--grid", "8")).isEqualTo(2);
  }

  @Test
  void unknownMethodsDescriptorsAndRangesExitTwo() {
    assertThat(search("--method", "annealing")).isEqualTo(2);
    assertThat(err.toString()).contains("annealing");
    assertThat(search("--method", "ga,ga")).isEqualTo(2);
    assertThat(search("--descriptors", "centroid")).isEqualTo(2);
    assertThat(search("--range", "decay=1")).isEqualTo(2);
    assertThat(search("--max-kit-sounds", "93")).isEqualTo(2);
    assertThat(search("--sigma", "0")).isEqualTo(2);
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void searchHasHelp() {
    CommandLine cli = SynthstackCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    assertThat(cli.execute("search", "--help")).isZero();
    assertThat(out.toString()).contains("Usage: synthstack search").contains("--target").contains("--check-model");
  }
}
