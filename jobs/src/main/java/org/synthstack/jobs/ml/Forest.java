package org.synthstack.jobs.ml;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * An immutable forest: all trees' {@link TreeArrays} concatenated into four flat arrays (absolute indices), so that
 * prediction walks primitive arrays only. Tree {@code t} occupies nodes {@code [nodeStart[t], nodeStart[t+1])}
 * and leaf values {@code [leafStart[t], leafStart[t+1])}.
 */
public final class Forest implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int numFeatures;
  private final int numClasses;
  private final int[] nodeStart;
  private final int[] leafStart;
  private final int[] feature;
  private final float[] threshold;
  private final int[] right;
  private final float[] leafValues;

  public Forest(int numFeatures, int numClasses, List<TreeArrays> trees) {
    if (trees.isEmpty()) {
      throw new IllegalArgumentException("a forest needs at least one tree");
    }
    if (numFeatures < 1 || numClasses < 2) {
      throw new IllegalArgumentException("need numFeatures >= 1 and numClasses >= 2");
    }
    this.numFeatures = numFeatures;
    this.numClasses = numClasses;
    int count = trees.size();
    nodeStart = new int[count + 1];
    leafStart = new int[count + 1];
    long nodes = 0;
    long leaves = 0;
    for (int t = 0; t < count; t++) {
      nodeStart[t] = Math.toIntExact(nodes);
      leafStart[t] = Math.toIntExact(leaves);
      nodes += trees.get(t).numNodes();
      leaves += trees.get(t).leafValues().length;
    }
    nodeStart[count] = Math.toIntExact(nodes);
    leafStart[count] = Math.toIntExact(leaves);
    feature = new int[(int) nodes];
    threshold = new float[(int) nodes];
    right = new int[(int) nodes];
    leafValues = new float[(int) leaves];
    for (int t = 0; t < count; t++) {
      TreeArrays tree = trees.get(t);
      int base = nodeStart[t];
      int leafBase = leafStart[t];
      int size = tree.numNodes();
      for (int i = 0; i < size; i++) {
        int f = tree.feature()[i];
        int r = tree.right()[i];
        if (f >= 0) {
          if (f >= numFeatures || r <= i + 1 || r >= size) {
            throw new IllegalArgumentException("tree " + t + " node " + i + " is malformed");
          }
          feature[base + i] = f;
          right[base + i] = base + r;
        } else {
          if (f != -1 || r < -numClasses || (r >= 0 && r + numClasses > tree.leafValues().length)) {
            throw new IllegalArgumentException("tree " + t + " leaf " + i + " is malformed");
          }
          feature[base + i] = -1;
          right[base + i] = r < 0 ? r : leafBase + r;
        }
        threshold[base + i] = tree.threshold()[i];
      }
      System.arraycopy(tree.leafValues(), 0, leafValues, leafBase, tree.leafValues().length);
    }
  }

  public int numTrees() {
    return nodeStart.length - 1;
  }

  public int numFeatures() {
    return numFeatures;
  }

  public int numClasses() {
    return numClasses;
  }

  /** Total nodes over all trees. */
  public long totalNodes() {
    return feature.length;
  }

  /** Bytes held by the arrays. */
  public long bytes() {
    return 12L * feature.length + 4L * leafValues.length + 8L * nodeStart.length;
  }

  /**
   * Adds every tree's class distribution for {@code x} (features as float, as in training) to {@code raw}
   * ({@code numClasses} values, not cleared): raw[c] / numTrees is then the forest's probability of class c, the
   * mean of the trees' leaf distributions. A NaN feature fails every {@code x <= threshold} test and goes right.
   */
  public void addDistributions(float[] x, double[] raw) {
    int[] feat = feature;
    float[] thr = threshold;
    int[] rgt = right;
    int trees = nodeStart.length - 1;
    int t = 0;
    // Four trees at a time: the walks are chains of dependent loads, mostly cache misses for a big forest, and
    // four independent chains let the CPU overlap them.
    for (; t + 4 <= trees; t += 4) {
      int n0 = nodeStart[t];
      int n1 = nodeStart[t + 1];
      int n2 = nodeStart[t + 2];
      int n3 = nodeStart[t + 3];
      int f0 = feat[n0];
      int f1 = feat[n1];
      int f2 = feat[n2];
      int f3 = feat[n3];
      while ((f0 & f1 & f2 & f3) >= 0) { // some walk is still at an internal node (leaves have feature -1)
        if (f0 >= 0) {
          n0 = x[f0] <= thr[n0] ? n0 + 1 : rgt[n0];
          f0 = feat[n0];
        }
        if (f1 >= 0) {
          n1 = x[f1] <= thr[n1] ? n1 + 1 : rgt[n1];
          f1 = feat[n1];
        }
        if (f2 >= 0) {
          n2 = x[f2] <= thr[n2] ? n2 + 1 : rgt[n2];
          f2 = feat[n2];
        }
        if (f3 >= 0) {
          n3 = x[f3] <= thr[n3] ? n3 + 1 : rgt[n3];
          f3 = feat[n3];
        }
      }
      addLeaf(n0, raw);
      addLeaf(n1, raw);
      addLeaf(n2, raw);
      addLeaf(n3, raw);
    }
    for (; t < trees; t++) {
      int node = nodeStart[t];
      int f;
      while ((f = feat[node]) >= 0) {
        node = x[f] <= thr[node] ? node + 1 : rgt[node];
      }
      addLeaf(node, raw);
    }
  }

  private void addLeaf(int node, double[] raw) {
    int v = right[node];
    if (v < 0) {
      raw[-1 - v] += 1.0;
    } else {
      for (int c = 0; c < numClasses; c++) {
        raw[c] += leafValues[v + c];
      }
    }
  }

  /** Tree {@code t} as {@link TreeArrays} with tree-relative indices (what is persisted). */
  public TreeArrays tree(int t) {
    int base = nodeStart[t];
    int size = nodeStart[t + 1] - base;
    int leafBase = leafStart[t];
    int[] f = new int[size];
    float[] th = new float[size];
    int[] r = new int[size];
    for (int i = 0; i < size; i++) {
      f[i] = feature[base + i];
      th[i] = threshold[base + i];
      int rv = right[base + i];
      r[i] = f[i] >= 0 ? rv - base : (rv < 0 ? rv : rv - leafBase);
    }
    float[] leaves = new float[leafStart[t + 1] - leafBase];
    System.arraycopy(leafValues, leafBase, leaves, 0, leaves.length);
    return new TreeArrays(f, th, r, leaves);
  }

  /** Depth of tree {@code t} (a single leaf has depth 0). */
  public int depth(int t) {
    int size = nodeStart[t + 1] - nodeStart[t];
    int[] nodes = new int[size + 1];
    int[] depths = new int[size + 1];
    int sp = 0;
    int max = 0;
    nodes[sp] = nodeStart[t];
    depths[sp++] = 0;
    while (sp > 0) {
      sp--;
      int node = nodes[sp];
      int d = depths[sp];
      max = Math.max(max, d);
      if (feature[node] >= 0) {
        nodes[sp] = right[node];
        depths[sp++] = d + 1;
        nodes[sp] = node + 1;
        depths[sp++] = d + 1;
      }
    }
    return max;
  }

  /** The trees as nested if/else text, in the manner of MLlib's {@code toDebugString} (recursive: for inspection). */
  public String toDebugString(int maxTrees) {
    StringBuilder s = new StringBuilder();
    for (int t = 0; t < Math.min(maxTrees, numTrees()); t++) {
      s.append("Tree ").append(t).append(":\n");
      appendNode(s, nodeStart[t], 1);
    }
    return s.toString();
  }

  private void appendNode(StringBuilder s, int node, int indent) {
    String pad = " ".repeat(2 * indent);
    if (feature[node] < 0) {
      s.append(pad).append("Predict: ").append(leafText(node)).append('\n');
      return;
    }
    String thr = Float.toString(threshold[node]);
    s.append(pad).append("If (feature ").append(feature[node]).append(" <= ").append(thr).append(")\n");
    appendNode(s, node + 1, indent + 1);
    s.append(pad).append("Else (feature ").append(feature[node]).append(" > ").append(thr).append(")\n");
    appendNode(s, right[node], indent + 1);
  }

  private String leafText(int node) {
    int v = right[node];
    StringBuilder s = new StringBuilder("[");
    for (int c = 0; c < numClasses; c++) {
      double p = v < 0 ? (c == -1 - v ? 1 : 0) : leafValues[v + c];
      s.append(c == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4g", p));
    }
    return s.append(']').toString();
  }
}
