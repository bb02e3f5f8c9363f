package org.synthstack.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthstack.jobs.embed.AutoencoderArtifact;
import org.synthstack.learn.Autoencoder;
import org.synthstack.learn.AutoencoderSpec;
import org.synthstack.learn.FeatureSettings;
import org.synthstack.learn.ModelType;
import picocli.CommandLine;

class AutoencoderCommandsTest {
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
  void bothCommandsAreRegisteredWithHelp() {
    for (String command : new String[] {"tune-autoencoder", "embed"}) {
      assertThat(run(command, "--help")).isZero();
      assertThat(out.toString()).contains("Usage: synthstack " + command);
    }
  }

  @Test
  void impossibleTuningSettingsAreAUsageError() {
    assertThat(run("tune-autoencoder", "--drums", "d", "--model", "m", "--report", "r", "--budget", "4",
        "--initial", "8")).isEqualTo(2);
    assertThat(err.toString()).contains("--budget ≥ --initial");
  }

  @Test
  void embedRefusesAModelForOtherFeaturesWithExitTwoAndWritesNothing() throws Exception {
    FeatureSettings other = new FeatureSettings(48_000, 48_000 / 17, 48_000 / 19, 30, 20, "htk", "min-max");
    try (Autoencoder ae = Autoencoder.create(new AutoencoderSpec(ModelType.FC, false, 8, 30, 20, 0), other, 1)) {
      AutoencoderArtifact.save(ae, dir.resolve("ae").toString(), new Configuration());
    }
    Files.createDirectories(dir.resolve("drums"));
    assertThat(run("embed", "--in", dir.resolve("drums").toString(), "--autoencoder", dir.resolve("ae").toString(),
        "--out", dir.resolve("out").toString(), "--master", "local[1]")).isEqualTo(2);
    assertThat(err.toString()).contains("mel_scale = htk").contains("mel_scale = slaney");
    assertThat(Files.exists(dir.resolve("out"))).isFalse();
  }
}
