package org.synthstack.synth.search;

import java.util.List;

/**
 * The archive's grid: one {@link Axis} per behaviour descriptor; cell numbers are row-major (the last axis varies
 * fastest).
 */
public record Grid(List<Axis> axes) {
  public Grid {
    axes = List.copyOf(axes);
    if (axes.isEmpty()) {
      throw new IllegalArgumentException("a grid needs at least one axis");
    }
  }

  /** Cells in the grid. */
  public int cells() {
    int n = 1;
    for (Axis a : axes) {
      n = Math.multiplyExact(n, a.bins());
    }
    return n;
  }

  /** The cell of a descriptor vector (one value per axis). */
  public int cell(double[] descriptors) {
    if (descriptors.length != axes.size()) {
      throw new IllegalArgumentException(descriptors.length + " descriptors for a " + axes.size() + "-axis grid");
    }
    int c = 0;
    for (int i = 0; i < axes.size(); i++) {
      c = c * axes.get(i).bins() + axes.get(i).bin(descriptors[i]);
    }
    return c;
  }

  /** The bin on each axis of {@code cell}. */
  public int[] coordinates(int cell) {
    int[] coords = new int[axes.size()];
    for (int i = axes.size() - 1; i >= 0; i--) {
      coords[i] = cell % axes.get(i).bins();
      cell /= axes.get(i).bins();
    }
    return coords;
  }
}
