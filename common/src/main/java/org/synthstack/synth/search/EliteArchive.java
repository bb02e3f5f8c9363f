package org.synthstack.synth.search;

import java.util.ArrayList;
import java.util.List;

/**
 * The MAP-Elites archive: a layer per target class, each with its own {@link Grid} over the same descriptors (so a
 * class's grid can span where that class lives: kicks are darker than hats), and in each (layer, cell) the best
 * program seen whose descriptors fall in that cell.
 *
 * <p>In the layer of class c a program's fitness is the ear's P(c). It is <em>qualified</em> when the ear would
 * keep it as a c (its most probable class is c, with at least {@code minProbability}); only qualified elites count
 * towards coverage and QD-score and go into kits. Unqualified elites are stepping stones: a cell keeps the most
 * c-like program until a qualified one arrives. A newcomer replaces the elite when it is qualified and the elite is
 * not, or when both are equally qualified and the newcomer's fitness is strictly higher; ties keep the incumbent,
 * so the archive depends only on the order of offers. Silent programs are never offered.
 */
public final class EliteArchive {
  /** One cell's elite. */
  public record Elite(int layer, int cell, Evaluation evaluation, double fitness, boolean qualified) {}

  private final List<Grid> grids;
  private final ClassSpace classes;
  private final int[] layerClasses;
  private final double minProbability;
  private final Elite[][] elites;
  private final int[] filled;

  /** An archive with {@code grids.get(i)} as the grid of layer i, whose class is {@code layerClasses[i]}. */
  public EliteArchive(List<Grid> grids, ClassSpace classes, int[] layerClasses, double minProbability) {
    if (grids.size() != layerClasses.length) {
      throw new IllegalArgumentException(grids.size() + " grids for " + layerClasses.length + " layers");
    }
    this.grids = List.copyOf(grids);
    this.classes = classes;
    this.layerClasses = layerClasses.clone();
    this.minProbability = minProbability;
    this.elites = new Elite[layerClasses.length][];
    for (int layer = 0; layer < layerClasses.length; layer++) {
      Grid g = grids.get(layer);
      if (g.axes().size() != grids.get(0).axes().size()) {
        throw new IllegalArgumentException("every layer's grid needs the same descriptors");
      }
      elites[layer] = new Elite[g.cells()];
    }
    this.filled = new int[layerClasses.length];
  }

  /** The grid of {@code layer}. */
  public Grid grid(int layer) {
    return grids.get(layer);
  }

  /** Cells over all layers. */
  public int cells() {
    int n = 0;
    for (Elite[] layer : elites) {
      n += layer.length;
    }
    return n;
  }

  public int layers() {
    return layerClasses.length;
  }

  /** The class of layer {@code layer}. */
  public int layerClass(int layer) {
    return layerClasses[layer];
  }

  public String layerName(int layer) {
    return classes.name(layerClasses[layer]);
  }

  /** Offers a judged program to every layer; returns how many cells it took. */
  public int offer(Evaluation e) {
    if (e.silent()) {
      return 0;
    }
    int taken = 0;
    for (int layer = 0; layer < layerClasses.length; layer++) {
      int cell = grids.get(layer).cell(e.descriptors());
      int k = layerClasses[layer];
      double fitness = e.probabilities()[k];
      boolean qualified = e.label() == k && fitness >= minProbability;
      Elite incumbent = elites[layer][cell];
      if (incumbent == null || beats(qualified, fitness, incumbent)) {
        if (incumbent != null && incumbent.qualified()) {
          filled[layer]--;
        }
        if (qualified) {
          filled[layer]++;
        }
        elites[layer][cell] = new Elite(layer, cell, e, fitness, qualified);
        taken++;
      }
    }
    return taken;
  }

  private static boolean beats(boolean qualified, double fitness, Elite incumbent) {
    if (qualified != incumbent.qualified()) {
      return qualified;
    }
    return fitness > incumbent.fitness();
  }

  /** The elite of (layer, cell), or null. */
  public Elite get(int layer, int cell) {
    return elites[layer][cell];
  }

  /** Cells of {@code layer} holding a qualified elite. */
  public int filled(int layer) {
    return filled[layer];
  }

  /** The fraction of {@code layer}'s cells holding a qualified elite. */
  public double coverage(int layer) {
    return (double) filled[layer] / elites[layer].length;
  }

  /** The sum of the qualified elites' fitness in {@code layer}. */
  public double qdScore(int layer) {
    double s = 0;
    for (Elite e : elites[layer]) {
      if (e != null && e.qualified()) {
        s += e.fitness();
      }
    }
    return s;
  }

  /** Qualified cells over all layers' cells. */
  public double coverage() {
    int f = 0;
    for (int x : filled) {
      f += x;
    }
    return (double) f / cells();
  }

  /** The QD-score summed over layers. */
  public double qdScore() {
    double s = 0;
    for (int layer = 0; layer < elites.length; layer++) {
      s += qdScore(layer);
    }
    return s;
  }

  /** Every occupied (layer, cell), qualified or not, layer by layer in cell order: the parents MAP-Elites draws. */
  public List<Elite> occupied() {
    List<Elite> out = new ArrayList<>();
    for (Elite[] layer : elites) {
      for (Elite e : layer) {
        if (e != null) {
          out.add(e);
        }
      }
    }
    return out;
  }

  /** The qualified elites, layer by layer in cell order. */
  public List<Elite> qualified() {
    List<Elite> out = new ArrayList<>();
    for (Elite e : occupied()) {
      if (e.qualified()) {
        out.add(e);
      }
    }
    return out;
  }
}
