package org.synthstack.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {
  @TempDir
  Path dir;

  private static BufferedImage decode(byte[] png) throws Exception {
    return ImageIO.read(new ByteArrayInputStream(png));
  }

  @Test
  void plotsArePngImages() throws Exception {
    double[] x = {1, 2, 3, 4};
    byte[] line = Plots.lines("convergence", "iteration", "distance", List.of(
        new Plots.Line("REGO", x, new double[] {4, 2, 1, 0.5}, new double[] {3, 1, 0.5, 0.2},
            new double[] {5, 3, 2, 1})), true);
    Map<String, double[]> groups = new LinkedHashMap<>();
    groups.put("ExtraTrees", new double[] {0.9, 0.92, 0.91});
    groups.put("LogisticRegression", new double[] {0.8, 0.83, 0.79});
    byte[] boxes = Plots.boxes("macro-F1 per fold", "macro-F1", groups);
    byte[] heat = Plots.heatmap("confusion", "predicted", "true", List.of("kick", "snare"), List.of("kick", "snare"),
        new double[][] {{10, 1}, {2, 7}});
    for (byte[] png : new byte[][] {line, boxes, heat}) {
      assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
      BufferedImage image = decode(png);
      assertThat(image.getWidth()).isEqualTo(900);
      assertThat(image.getHeight()).isEqualTo(560);
    }
  }

  @Test
  void reportFilesLandWholeInTheDirectory() throws Exception {
    ReportWriter writer = new ReportWriter(dir.resolve("report").toString(), new Configuration());
    writer.writeText("summary.md", new MarkdownTable("model", "macro-F1").row("ExtraTrees", "0.91 ± 0.01").toString());
    assertThat(Files.readString(dir.resolve("report/summary.md")))
        .isEqualTo("| model | macro-F1 |\n|---|---|\n| ExtraTrees | 0.91 ± 0.01 |\n");
    try (var files = Files.list(dir.resolve("report"))) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".crc")))
          .containsExactly("summary.md");
    }
    double[] ms = Plots.meanAndSd(new double[] {1, 2, 3, 4});
    assertThat(ms[0]).isEqualTo(2.5);
    assertThat(ms[1]).isCloseTo(Math.sqrt(5.0 / 3), within(1e-12));
  }
}
