package org.synthstack.synth.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.synthstack.synth.Program;
import org.synthstack.synth.ProgramGenerator;
import org.synthstack.synth.SplitMix64;

/**
 * Runs one search method to its rendering budget, a generation at a time: the driver proposes a batch of programs,
 * an {@link Evaluator} renders and judges them (on a cluster, in the Spark job), and the results update the archive
 * and the method's state. Every method fills the same kind of archive, so their coverage and QD-score compare.
 *
 * <ul>
 *   <li><b>Random</b>: programs 0 .. budget-1 of the seed, drawn exactly as {@code render} and {@code generate} draw
 *       them.
 *   <li><b>GA</b>: generation 0 is random programs 0 .. B-1; then B children per generation, each from a tournament
 *       winner (or, with the crossover probability, the crossover of two winners), mutated; the next population is
 *       the best B of the children and the previous population's elite.
 *   <li><b>MAP-Elites</b>: the same generation 0; then B children per generation, each a mutation of an elite drawn
 *       uniformly from the occupied cells of every layer (or, with the crossover probability, of the crossover of two
 *       such elites).
 * </ul>
 *
 * <p>Determinism: child {@code i} of generation {@code g} draws all its randomness (parent choice, crossover,
 * mutation) from {@code SplitMix64.forStream(mix64(mix64(seed ^ salt(method)) + g), i)}, parents come from the state
 * after generation {@code g - 1}, and results are applied in index order. So the same seed and budget give the same
 * archive, however the evaluator spreads the work. A silent program has fitness 0 and never enters the archive.
 */
public final class Search {
  /** Renders and judges a batch, returning one evaluation per candidate, in the batch's order. */
  public interface Evaluator {
    List<Evaluation> evaluate(List<Candidate> batch);
  }

  /** A finished run. */
  public record Outcome(SearchSettings settings, EliteArchive archive, List<TrajectoryPoint> trajectory,
      Evaluation best, double bestFitness) {
    public TrajectoryPoint last() {
      return trajectory.get(trajectory.size() - 1);
    }
  }

  private Search() {}

  /** The id of random program {@code index} of {@code seed}, as {@code render} names it. */
  public static String randomId(long seed, long index) {
    return "s" + seed + "_i" + index;
  }

  public static Outcome run(SearchSettings s, Evaluator evaluator, Consumer<TrajectoryPoint> progress) {
    ProgramGenerator generator = new ProgramGenerator(s.initialStacks());
    Variation variation = new Variation(s.variation());
    EliteArchive archive = new EliteArchive(s.layerGrids(), s.classes(), s.target().layers(s.classes()),
        s.minProbability());
    List<TrajectoryPoint> trajectory = new ArrayList<>();
    List<Evaluation> population = new ArrayList<>();
    Set<Program> distinctKept = new HashSet<>();
    long rendered = 0;
    long kept = 0;
    long keptTarget = 0;
    Evaluation best = null;
    double bestFitness = Double.NEGATIVE_INFINITY;
    for (int generation = 0; rendered < s.budget(); generation++) {
      int n = (int) Math.min(s.batchSize(), s.budget() - rendered);
      List<Candidate> batch = propose(s, generation, rendered, n, generator, variation, archive, population);
      List<Evaluation> results = evaluator.evaluate(batch);
      if (results.size() != batch.size()) {
        throw new IllegalStateException("the evaluator returned " + results.size() + " results for " + batch.size()
            + " programs");
      }
      for (int i = 0; i < results.size(); i++) {
        Evaluation e = results.get(i);
        if (e.index() != batch.get(i).index()) {
          throw new IllegalStateException("the evaluator returned results out of order");
        }
        archive.offer(e);
        double f = fitness(s, e);
        if (f > bestFitness) {
          bestFitness = f;
          best = e;
        }
        if (e.isDrum(s.classes(), s.minProbability())) {
          kept++;
          if (s.target().isAny() || e.label() == s.target().classIndex()) {
            keptTarget++;
          }
          distinctKept.add(e.candidate().program());
        }
      }
      if (s.method() == SearchMethod.GA) {
        population = survivors(s, population, results);
      }
      rendered += n;
      int[] filled = new int[archive.layers()];
      for (int layer = 0; layer < filled.length; layer++) {
        filled[layer] = archive.filled(layer);
      }
      TrajectoryPoint point = new TrajectoryPoint(generation, rendered, bestFitness, kept, keptTarget,
          distinctKept.size(), filled, archive.coverage(), archive.qdScore());
      trajectory.add(point);
      progress.accept(point);
    }
    return new Outcome(s, archive, List.copyOf(trajectory), best, bestFitness);
  }

  /** The target fitness of a judged program; 0 for silence. */
  public static double fitness(SearchSettings s, Evaluation e) {
    return e.silent() ? 0 : s.target().fitness(e.probabilities(), s.classes());
  }

  private static List<Candidate> propose(SearchSettings s, int generation, long first, int n,
      ProgramGenerator generator, Variation variation, EliteArchive archive, List<Evaluation> population) {
    List<Candidate> batch = new ArrayList<>(n);
    List<EliteArchive.Elite> parents = s.method() == SearchMethod.MAP_ELITES ? archive.occupied() : List.of();
    boolean random = s.method() == SearchMethod.RANDOM || generation == 0
        || (s.method() == SearchMethod.MAP_ELITES ? parents.isEmpty() : population.isEmpty());
    long generationSeed = SplitMix64.mix64(SplitMix64.mix64(s.seed() ^ s.method().salt()) + generation);
    for (int i = 0; i < n; i++) {
      long index = first + i;
      if (random) {
        batch.add(new Candidate(index, randomId(s.seed(), index), generation, generator.generate(s.seed(), index)));
        continue;
      }
      SplitMix64 rng = SplitMix64.forStream(generationSeed, i);
      Program child = s.method() == SearchMethod.MAP_ELITES
          ? eliteChild(parents, variation, rng)
          : gaChild(s, population, variation, rng);
      batch.add(new Candidate(index, "s" + s.seed() + "_" + s.method().shortName() + "_e" + index, generation, child));
    }
    return batch;
  }

  private static Program eliteChild(List<EliteArchive.Elite> parents, Variation variation, SplitMix64 rng) {
    Program parent = parents.get(rng.nextInt(parents.size())).evaluation().candidate().program();
    if (parents.size() > 1 && rng.nextDouble() < variation.settings().crossoverProbability()) {
      Program other = parents.get(rng.nextInt(parents.size())).evaluation().candidate().program();
      parent = variation.crossover(parent, other, rng);
    }
    return variation.mutate(parent, rng);
  }

  private static Program gaChild(SearchSettings s, List<Evaluation> population, Variation variation,
      SplitMix64 rng) {
    Program parent = tournament(s, population, rng).candidate().program();
    if (population.size() > 1 && rng.nextDouble() < variation.settings().crossoverProbability()) {
      Program other = tournament(s, population, rng).candidate().program();
      parent = variation.crossover(parent, other, rng);
    }
    return variation.mutate(parent, rng);
  }

  private static Evaluation tournament(SearchSettings s, List<Evaluation> population, SplitMix64 rng) {
    Evaluation winner = null;
    for (int k = 0; k < s.tournament(); k++) {
      Evaluation e = population.get(rng.nextInt(population.size()));
      if (winner == null || better(s, e, winner)) {
        winner = e;
      }
    }
    return winner;
  }

  private static boolean better(SearchSettings s, Evaluation a, Evaluation b) {
    double fa = fitness(s, a);
    double fb = fitness(s, b);
    return fa > fb || (fa == fb && a.index() < b.index());
  }

  /** The best B of the children and the old population's elite, by fitness, then by index. */
  private static List<Evaluation> survivors(SearchSettings s, List<Evaluation> population, List<Evaluation> children) {
    List<Evaluation> pool = new ArrayList<>(population.subList(0, Math.min(s.elitism(), population.size())));
    pool.addAll(children);
    Comparator<Evaluation> byFitness = Comparator.comparingDouble(e -> fitness(s, e));
    pool.sort(byFitness.reversed().thenComparingLong(Evaluation::index));
    return new ArrayList<>(pool.subList(0, Math.min(s.batchSize(), pool.size())));
  }
}
