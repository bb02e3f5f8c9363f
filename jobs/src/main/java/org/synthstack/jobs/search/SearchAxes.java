package org.synthstack.jobs.search;

import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.synthstack.features.BehaviourDescriptors;
import org.synthstack.jobs.InputException;
import org.synthstack.synth.search.Axis;
import org.synthstack.synth.search.Grid;

/**
 * The archive axes the search command offers: the {@link BehaviourDescriptors}, each on a logarithmic axis with a
 * default range per drum class. The ranges cover where the Debian drum one-shots of that class lie (their 5th to
 * 95th percentiles, widened to round numbers): the centroid of kicks (toms included) runs from about 100 to 420 Hz,
 * of snares 270 Hz to 3.2 kHz, of claps 1.6 to 3.4 kHz, of hats 1.6 to 11 kHz; decays run from 60 ms to the whole
 * second for every class. So each class's grid spreads that class's variety (a dark or bright kick, a short or long
 * one) instead of leaving most cells where no kick can be. Values outside a range fall into the edge cells.
 */
public final class SearchAxes {
  /** descriptor -> class -> {low, high}; the key {@code *} applies to every class without an entry. */
  private static final Map<String, Map<String, double[]>> DEFAULTS = Map.of(
      "centroid", Map.of("kick", new double[] {50, 800}, "snare", new double[] {200, 5000},
          "clap", new double[] {800, 6000}, "hat", new double[] {1000, 15_000}, "*", new double[] {100, 10_000}),
      "decay", Map.of("*", new double[] {0.03, 1.0}),
      "noisiness", Map.of("*", new double[] {0.001, 1.0}));

  private SearchAxes() {}

  /** The descriptor names a grid can use. */
  public static List<String> names() {
    return BehaviourDescriptors.NAMES;
  }

  /** The default range of {@code descriptor} for class {@code cls}. */
  public static double[] defaultRange(String descriptor, String cls) {
    Map<String, double[]> byClass = DEFAULTS.get(descriptor);
    return byClass.getOrDefault(cls, byClass.get("*")).clone();
  }

  /**
   * A grid per class over {@code names} with {@code bins[i]} bins each; {@code ranges} overrides a descriptor's
   * range for every class.
   */
  public static Map<String, Grid> grids(List<String> classes, List<String> names, int[] bins,
      Map<String, double[]> ranges) {
    if (names.size() != bins.length) {
      throw new InputException("--grid has " + bins.length + " sizes for " + names.size() + " descriptors " + names);
    }
    for (String name : names) {
      if (!BehaviourDescriptors.NAMES.contains(name)) {
        throw new InputException("--descriptors: unknown descriptor '" + name + "'; expected some of "
            + BehaviourDescriptors.NAMES);
      }
    }
    for (String name : ranges.keySet()) {
      if (!names.contains(name)) {
        throw new InputException("--range " + name + ": not one of the grid's descriptors " + names);
      }
    }
    Map<String, Grid> grids = new LinkedHashMap<>();
    for (String cls : classes) {
      List<Axis> axes = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        String name = names.get(i);
        double[] range = ranges.getOrDefault(name, defaultRange(name, cls));
        try {
          axes.add(new Axis(name, BehaviourDescriptors.UNITS.get(BehaviourDescriptors.NAMES.indexOf(name)),
              range[0], range[1], true, bins[i]));
        } catch (IllegalArgumentException e) {
          throw new InputException("--grid/--range: " + e.getMessage());
        }
      }
      grids.put(cls, new Grid(axes));
    }
    return grids;
  }

  /** Where each axis's descriptor sits in the {@link BehaviourDescriptors} vector. */
  static int[] sourceIndices(Grid grid) {
    int[] idx = new int[grid.axes().size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = BehaviourDescriptors.NAMES.indexOf(grid.axes().get(i).name());
    }
    return idx;
  }
}
