package org.synthstack.synth.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.synthstack.synth.ProgramGenerator;
import org.synthstack.synth.StackSizes;

class EliteArchiveTest {
  static final ClassSpace CLASSES = ClassSpace.of(List.of("kick", "snare", "clap", "hat", "synth_noise"),
      "synth_noise");
  private static final Grid KICK_GRID = new Grid(List.of(new Axis("centroid", "Hz", 50, 800, true, 4),
      new Axis("decay", "s", 0.0, 1.0, false, 4)));
  private static final Grid SNARE_GRID = new Grid(List.of(new Axis("centroid", "Hz", 200, 5000, true, 4),
      new Axis("decay", "s", 0.0, 1.0, false, 4)));
  private static final ProgramGenerator GENERATOR = new ProgramGenerator(StackSizes.parse("1-3"));

  private long next;

  /** A judged program with these probabilities (kick, snare, clap, hat, noise) and descriptors. */
  private Evaluation judged(double[] p, double centroid, double decay) {
    int label = 0;
    for (int k = 1; k < p.length; k++) {
      label = p[k] > p[label] ? k : label;
    }
    long i = next++;
    return new Evaluation(new Candidate(i, "p" + i, 0, GENERATOR.generate(1, i)), p, label, false,
        new double[] {centroid, decay});
  }

  private static double[] kick(double pKick) {
    double rest = (1 - pKick) / 4;
    return new double[] {pKick, rest, rest, rest, rest};
  }

  private EliteArchive kicks() {
    return new EliteArchive(List.of(KICK_GRID), CLASSES, new int[] {0}, 0.0);
  }

  @Test
  void descriptorsMapToTheirCell() {
    EliteArchive archive = kicks();
    // centroid 110 Hz: log bin floor(4 * ln(2.2) / ln(16)) = 1; decay 0.6 s: bin 2; cell 1 * 4 + 2.
    archive.offer(judged(kick(0.9), 110, 0.6));
    assertThat(archive.get(0, 6)).isNotNull();
    assertThat(archive.filled(0)).isEqualTo(1);
    assertThat(archive.coverage(0)).isEqualTo(1.0 / 16);
  }

  @Test
  void aBetterProgramReplacesTheEliteAndAWorseOrEqualOneDoesNot() {
    EliteArchive archive = kicks();
    Evaluation first = judged(kick(0.6), 110, 0.6);
    assertThat(archive.offer(first)).isEqualTo(1);
    Evaluation worse = judged(kick(0.5), 110, 0.61);
    assertThat(archive.offer(worse)).isZero();
    assertThat(archive.get(0, 6).evaluation()).isSameAs(first);
    Evaluation tie = judged(kick(0.6), 120, 0.62);
    assertThat(archive.offer(tie)).isZero();
    assertThat(archive.get(0, 6).evaluation()).isSameAs(first);
    Evaluation better = judged(kick(0.8), 105, 0.55);
    assertThat(archive.offer(better)).isEqualTo(1);
    assertThat(archive.get(0, 6).evaluation()).isSameAs(better);
    assertThat(archive.qdScore(0)).isCloseTo(0.8, within(1e-12));
    assertThat(archive.filled(0)).isEqualTo(1);
  }

  @Test
  void aDrumOfTheClassBeatsAnyStepStoneAndIsNotDisplacedByOne() {
    EliteArchive archive = kicks();
    // P(kick) 0.45 but the ear says snare: a stepping stone, not a kept kick.
    Evaluation stone = judged(new double[] {0.45, 0.5, 0.0, 0.0, 0.05}, 110, 0.6);
    archive.offer(stone);
    assertThat(archive.get(0, 6).qualified()).isFalse();
    assertThat(archive.filled(0)).isZero();
    assertThat(archive.qdScore(0)).isZero();
    Evaluation weakKick = judged(new double[] {0.3, 0.2, 0.2, 0.1, 0.2}, 110, 0.6);
    archive.offer(weakKick);
    assertThat(archive.get(0, 6).evaluation()).isSameAs(weakKick);
    assertThat(archive.filled(0)).isEqualTo(1);
    archive.offer(judged(new double[] {0.49, 0.51, 0, 0, 0}, 110, 0.6));
    assertThat(archive.get(0, 6).evaluation()).isSameAs(weakKick);
    assertThat(archive.qdScore(0)).isCloseTo(0.3, within(1e-12));
  }

  @Test
  void theMinimumProbabilityQualifiesDrums() {
    EliteArchive archive = new EliteArchive(List.of(KICK_GRID), CLASSES, new int[] {0}, 0.5);
    archive.offer(judged(new double[] {0.4, 0.2, 0.2, 0.1, 0.1}, 110, 0.6));
    assertThat(archive.filled(0)).isZero();
    archive.offer(judged(kick(0.5), 110, 0.6));
    assertThat(archive.filled(0)).isEqualTo(1);
  }

  @Test
  void silentProgramsNeverEnter() {
    EliteArchive archive = kicks();
    Evaluation silent = new Evaluation(new Candidate(0, "s", 0, GENERATOR.generate(1, 0)), kick(0.99), 0, true,
        new double[] {Double.NaN, Double.NaN});
    assertThat(archive.offer(silent)).isZero();
    assertThat(archive.occupied()).isEmpty();
  }

  @Test
  void eachLayerJudgesItsOwnClassOnItsOwnGrid() {
    EliteArchive archive = new EliteArchive(List.of(KICK_GRID, SNARE_GRID), CLASSES, new int[] {0, 1}, 0.0);
    // 300 Hz: kick bin floor(4 ln 6 / ln 16) = 2; snare bin floor(4 ln 1.5 / ln 25) = 0. Decay 0.1: bin 0.
    Evaluation snare = judged(new double[] {0.2, 0.7, 0.0, 0.0, 0.1}, 300, 0.1);
    assertThat(archive.offer(snare)).isEqualTo(2);
    assertThat(archive.get(0, 8).qualified()).isFalse();
    assertThat(archive.get(0, 8).fitness()).isEqualTo(0.2);
    assertThat(archive.get(1, 0).qualified()).isTrue();
    assertThat(archive.get(1, 0).fitness()).isEqualTo(0.7);
    assertThat(archive.filled(0)).isZero();
    assertThat(archive.filled(1)).isEqualTo(1);
    assertThat(archive.coverage()).isEqualTo(1.0 / 32);
    assertThat(archive.qdScore()).isCloseTo(0.7, within(1e-12));
    assertThat(archive.occupied()).extracting(EliteArchive.Elite::layer).containsExactly(0, 1);
    assertThat(archive.qualified()).extracting(EliteArchive.Elite::layer).containsExactly(1);
    assertThat(archive.layerName(1)).isEqualTo("snare");
  }
}
