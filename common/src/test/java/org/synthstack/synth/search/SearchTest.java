package org.synthstack.synth.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.synthstack.synth.Program;
import org.synthstack.synth.ProgramGenerator;
import org.synthstack.synth.StackSizes;
import org.synthstack.synth.Submodule;

class SearchTest {
  private static final ClassSpace CLASSES = EliteArchiveTest.CLASSES;
  private static final Grid GRID = new Grid(List.of(new Axis("pitch", "Hz", 16, 16_000, true, 4),
      new Axis("length", "s", 0, 1, false, 4)));

  /**
   * A stand-in ear: a program is kick-like in proportion to how loud, tonal and low-passed its submodules are and how
   * close their decays are to 0.7 s; the descriptors are its first submodule's first pitch and its mean length.
   * Random programs, whose decays are whole seconds, hardly ever pass.
   */
  static Evaluation judge(Candidate c) {
    double score = 0;
    double length = 0;
    for (Submodule s : c.program().submodules()) {
      score += s.amplitude() * (s.noise() ? 0.2 : 1) * (s.lowPassHz() < 500 ? 1 : 0.3)
          * Math.exp(-(s.decay() - 0.7) * (s.decay() - 0.7) / 0.02);
      length += s.length();
    }
    score /= c.program().stackSize();
    double kick = 0.95 * score * score;
    double[] p = {kick, 0.01, 0.01, 0.01, 0.97 - kick};
    int label = kick > p[4] ? 0 : 4;
    return new Evaluation(c, p, label, false, new double[] {c.program().submodules().get(0).pitch(0),
        length / c.program().stackSize()});
  }

  private static SearchSettings settings(SearchMethod method, long seed, long budget, int batch) {
    Map<String, Grid> grids = new HashMap<>();
    for (String cls : List.of("kick", "snare", "clap", "hat")) {
      grids.put(cls, GRID);
    }
    return new SearchSettings(method, seed, budget, batch, StackSizes.parse("1-8"), Target.parse("kick", CLASSES),
        CLASSES, grids, VariationSettings.DEFAULT, 3, 5, 0.0);
  }

  private static Search.Outcome run(SearchSettings s, List<List<Candidate>> batches) {
    return Search.run(s, batch -> {
      batches.add(batch);
      List<Evaluation> out = new ArrayList<>();
      for (Candidate c : batch) {
        out.add(judge(c));
      }
      return out;
    }, p -> { });
  }

  private static List<String> snapshot(EliteArchive archive) {
    List<String> out = new ArrayList<>();
    for (EliteArchive.Elite e : archive.occupied()) {
      out.add(e.layer() + "/" + e.cell() + "/" + e.evaluation().candidate().id() + "/" + e.fitness() + "/"
          + e.evaluation().candidate().program());
    }
    return out;
  }

  @Test
  void theSameSeedAndBudgetGiveTheSameArchive() {
    for (SearchMethod m : SearchMethod.values()) {
      Search.Outcome a = run(settings(m, 7, 900, 100), new ArrayList<>());
      Search.Outcome b = run(settings(m, 7, 900, 100), new ArrayList<>());
      assertThat(snapshot(a.archive())).as(m.cliName()).isNotEmpty().isEqualTo(snapshot(b.archive()));
      assertThat(a.trajectory()).hasSize(9);
      for (int g = 0; g < 9; g++) {
        assertThat(a.trajectory().get(g).bestFitness()).isEqualTo(b.trajectory().get(g).bestFitness());
        assertThat(a.trajectory().get(g).kept()).isEqualTo(b.trajectory().get(g).kept());
      }
      Search.Outcome c = run(settings(m, 8, 900, 100), new ArrayList<>());
      assertThat(snapshot(c.archive())).isNotEqualTo(snapshot(a.archive()));
    }
  }

  @Test
  void theBudgetIsSpentExactlyInGenerations() {
    List<List<Candidate>> batches = new ArrayList<>();
    Search.Outcome o = run(settings(SearchMethod.MAP_ELITES, 3, 250, 100), batches);
    assertThat(batches).extracting(List::size).containsExactly(100, 100, 50);
    long expected = 0;
    for (List<Candidate> batch : batches) {
      for (Candidate c : batch) {
        assertThat(c.index()).isEqualTo(expected++);
      }
    }
    assertThat(o.last().rendered()).isEqualTo(250);
    assertThat(o.trajectory()).extracting(TrajectoryPoint::rendered).containsExactly(100L, 200L, 250L);
    assertThat(batches.get(2).get(0).generation()).isEqualTo(2);
  }

  @Test
  void randomSearchRendersTheGeneratorsProgramsAndEveryMethodStartsFromThem() {
    ProgramGenerator generator = new ProgramGenerator(StackSizes.parse("1-8"));
    List<List<Candidate>> random = new ArrayList<>();
    run(settings(SearchMethod.RANDOM, 5, 300, 100), random);
    for (List<Candidate> batch : random) {
      for (Candidate c : batch) {
        assertThat(c.id()).isEqualTo("s5_i" + c.index());
        assertThat(c.program()).isEqualTo(generator.generate(5, c.index()));
      }
    }
    for (SearchMethod m : List.of(SearchMethod.GA, SearchMethod.MAP_ELITES)) {
      List<List<Candidate>> batches = new ArrayList<>();
      run(settings(m, 5, 300, 100), batches);
      assertThat(batches.get(0)).isEqualTo(random.get(0));
      assertThat(batches.get(1).get(0).id()).isEqualTo("s5_" + m.shortName() + "_e100");
      assertThat(batches.get(1)).doesNotContainAnyElementsOf(random.get(1));
    }
  }

  @Test
  void guidedSearchKeepsFarMoreThanRandomSearchAtTheSameBudget() {
    Search.Outcome random = run(settings(SearchMethod.RANDOM, 1, 3000, 100), new ArrayList<>());
    Search.Outcome ga = run(settings(SearchMethod.GA, 1, 3000, 100), new ArrayList<>());
    Search.Outcome elites = run(settings(SearchMethod.MAP_ELITES, 1, 3000, 100), new ArrayList<>());
    assertThat(ga.bestFitness()).isGreaterThan(random.bestFitness());
    assertThat(elites.bestFitness()).isGreaterThan(random.bestFitness());
    assertThat(ga.last().kept()).isGreaterThan(5 * Math.max(1, random.last().kept()));
    assertThat(elites.last().kept()).isGreaterThan(5 * Math.max(1, random.last().kept()));
    assertThat(elites.archive().filled(0)).isGreaterThan(random.archive().filled(0));
    // Best fitness and coverage never go down.
    for (Search.Outcome o : List.of(random, ga, elites)) {
      for (int g = 1; g < o.trajectory().size(); g++) {
        assertThat(o.trajectory().get(g).bestFitness()).isGreaterThanOrEqualTo(o.trajectory().get(g - 1).bestFitness());
        assertThat(o.trajectory().get(g).coverage()).isGreaterThanOrEqualTo(o.trajectory().get(g - 1).coverage());
      }
      assertThat(o.best().candidate().program()).isInstanceOf(Program.class);
      assertThat(Search.fitness(o.settings(), o.best())).isEqualTo(o.bestFitness());
    }
  }

  @Test
  void keptCountsFollowTheKeepRule() {
    List<List<Candidate>> batches = new ArrayList<>();
    Search.Outcome o = run(settings(SearchMethod.GA, 2, 500, 100), batches);
    long kept = 0;
    for (List<Candidate> batch : batches) {
      for (Candidate c : batch) {
        kept += judge(c).label() == 0 ? 1 : 0;
      }
    }
    assertThat(o.last().kept()).isEqualTo(kept);
    assertThat(o.last().keptTarget()).isEqualTo(kept);
    assertThat(o.last().distinctKept()).isBetween(Math.min(1, kept), kept);
  }

  @Test
  void aBudgetBelowOneGenerationIsRejected() {
    assertThatThrownBy(() -> settings(SearchMethod.GA, 1, 99, 100)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("smaller than one generation");
    assertThatThrownBy(() -> Target.parse("cowbell", CLASSES)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cowbell");
    assertThatThrownBy(() -> Target.parse("synth_noise", CLASSES)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Target.parse("any", CLASSES).layers(CLASSES)).containsExactly(0, 1, 2, 3);
    assertThat(Target.parse("hat", CLASSES).fitness(new double[] {0.1, 0.2, 0.3, 0.15, 0.25}, CLASSES))
        .isEqualTo(0.15);
    assertThat(Target.parse("any", CLASSES).fitness(new double[] {0.1, 0.2, 0.3, 0.15, 0.25}, CLASSES))
        .isEqualTo(0.75);
  }
}
