package org.synthstack.jobs.kits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Applies the kit checks to kits a real run exported, e.g. after {@code generate --programs 5000}:
 * {@code mvn -o test -pl common,jobs -Dtest=ExportedKitsTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dsynthstack.kits=$PWD/out/gen/kits/dt=2026-11-22}. Without that property there is nothing to check, and the test
 * is skipped; {@code KitExporterTest}, {@code GenerateJobTest} and {@code SearchJobTest} check kits they make.
 */
class ExportedKitsTest {
  @Test
  void everyExportedKitLoads() throws Exception {
    String root = System.getProperty("synthstack.kits");
    assumeTrue(root != null && !root.isBlank(), "set -Dsynthstack.kits=DIR to check a run's kits");
    Path kits = Path.of(root);
    assertThat(kits.resolve("_SUCCESS")).as("a published kits partition").exists();
    List<Path> labels;
    try (Stream<Path> dirs = Files.list(kits)) {
      labels = dirs.filter(Files::isDirectory).sorted().toList();
    }
    assertThat(labels).isNotEmpty();
    for (Path kit : labels) {
      long sounds;
      try (Stream<Path> files = Files.list(kit)) {
        sounds = files.filter(f -> f.getFileName().toString().endsWith(".wav")).count();
      }
      assertThat(sounds).as(kit.toString()).isPositive();
      KitExporterTest.assertLoadableKit(kit, kit.getFileName().toString(), (int) sounds);
    }
  }
}
