package org.synthstack.jobs.ml;

import java.io.Serializable;

/**
 * One tree as flat arrays, nodes in depth-first pre-order so that the left child of internal node {@code i} is
 * {@code i + 1}:
 * <ul>
 *   <li>{@code feature[i]}: the split feature of an internal node, {@code -1} for a leaf;</li>
 *   <li>{@code threshold[i]}: rows with {@code (float) x[feature] <= threshold} go left (leaves: 0);</li>
 *   <li>{@code right[i]}: internal node: the right child's index; leaf: {@code -1 - c} if the leaf holds class
 *       {@code c} only, else the offset in {@code leafValues} of its class distribution (numClasses floats summing
 *       to 1).</li>
 * </ul>
 * Fully grown trees have mostly pure leaves, which cost no distribution at all: 12 bytes per node plus
 * 4 x numClasses per impure leaf.
 */
public record TreeArrays(int[] feature, float[] threshold, int[] right, float[] leafValues) implements Serializable {
  public TreeArrays {
    if (feature.length == 0 || threshold.length != feature.length || right.length != feature.length) {
      throw new IllegalArgumentException("node arrays must be non-empty and of equal length");
    }
  }

  public int numNodes() {
    return feature.length;
  }
}
