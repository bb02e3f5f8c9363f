package org.synthstack.synth.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.synthstack.synth.StackSizes;

/**
 * One search run's settings.
 *
 * @param budget programs to render, in total
 * @param batchSize programs rendered per generation (the GA's population, MAP-Elites' batch, random's batch);
 *     the first generation of every method is programs 0 .. batchSize-1 of the seed, so all methods start alike
 * @param initialStacks stack sizes of random programs (the initial batch, random search, added submodules' hosts)
 * @param tournament GA tournament size
 * @param elitism GA: the best this many of a population survive into the next unless children beat them
 * @param grids the archive grid of each target class (by class name)
 * @param minProbability the keep rule's threshold on the ear's probability of its label
 */
public record SearchSettings(SearchMethod method, long seed, long budget, int batchSize, StackSizes initialStacks,
    Target target, ClassSpace classes, Map<String, Grid> grids, VariationSettings variation, int tournament,
    int elitism,
    double minProbability) {
  public SearchSettings {
    if (batchSize < 1) {
      throw new IllegalArgumentException("the generation size must be at least 1, got " + batchSize);
    }
    if (budget < batchSize) {
      throw new IllegalArgumentException("budget " + budget + " is smaller than one generation (" + batchSize
          + " programs)");
    }
    if (tournament < 1 || elitism < 0 || elitism > batchSize) {
      throw new IllegalArgumentException("need tournament >= 1 and 0 <= elitism <= generation size");
    }
    if (!(minProbability >= 0 && minProbability <= 1)) {
      throw new IllegalArgumentException("min probability " + minProbability + " must be in 0..1");
    }
    grids = Map.copyOf(grids);
    for (int k : target.layers(classes)) {
      Grid g = grids.get(classes.name(k));
      if (g == null) {
        throw new IllegalArgumentException("no archive grid for class " + classes.name(k));
      }
      if (g.cells() < 1) {
        throw new IllegalArgumentException("the grid of " + classes.name(k) + " has no cells");
      }
    }
  }

  /** The archive grids in layer order. */
  public List<Grid> layerGrids() {
    List<Grid> out = new ArrayList<>();
    for (int k : target.layers(classes)) {
      out.add(grids.get(classes.name(k)));
    }
    return out;
  }

  public SearchSettings withMethod(SearchMethod m) {
    return new SearchSettings(m, seed, budget, batchSize, initialStacks, target, classes, grids, variation,
        tournament, elitism, minProbability);
  }
}
