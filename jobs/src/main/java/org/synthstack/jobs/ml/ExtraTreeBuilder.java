package org.synthstack.jobs.ml;

import java.io.Serializable;
import java.util.Arrays;
import org.synthstack.synth.SplitMix64;

/**
 * Grows one extremely randomized tree (Geurts, Ernst &amp; Wehenkel 2006) on a {@link TrainingSet}. At each node it
 * draws features without replacement, skipping those constant within the node, until {@code featuresPerNode}
 * non-constant ones have been drawn (or none are left), as sklearn does; for each it draws a threshold uniformly in
 * [min, max) of the feature within the node, and keeps the candidate with the largest impurity decrease
 * {@code I(node) - wL/w I(left) - wR/w I(right)} (weighted class counts). Rows with {@code x <= threshold} go left.
 *
 * <p>A node becomes a leaf when it is pure, at {@code maxDepth}, when it has fewer than
 * {@code 2 minInstancesPerNode} rows or less than twice the minimum child weight, when no candidate leaves both
 * children at least {@code minInstancesPerNode} rows and {@code minWeightFractionPerNode} of the tree's total
 * weight, or when the best decrease is below {@code minInfoGain}. With the defaults (0) every impure node is split,
 * even by a split that gains nothing, so trees grow until their leaves are pure, as sklearn's do.
 *
 * <p>Cost: two passes over the node's rows per candidate feature (minimum/maximum while gathering the values into
 * a contiguous buffer, then weighted left class counts), so O(rows x featuresPerNode x depth) per tree. Everything
 * is primitive arrays allocated once per builder and reused for every tree; a builder is not thread-safe.
 */
public final class ExtraTreeBuilder {
  /** Growth settings; see {@link ExtraTreesClassifier} for their meaning and defaults. */
  public record Settings(Impurity impurity, int featuresPerNode, int maxDepth, int minInstancesPerNode,
      double minWeightFractionPerNode, double minInfoGain, boolean bootstrap) implements Serializable {
    public Settings {
      if (featuresPerNode < 1 || maxDepth < 0 || minInstancesPerNode < 1 || !(minWeightFractionPerNode >= 0)
          || !(minWeightFractionPerNode < 0.5) || !(minInfoGain >= 0)) {
        throw new IllegalArgumentException("invalid tree settings " + this);
      }
    }
  }

  /** Tolerance when comparing a decrease with minInfoGain (as sklearn's EPSILON). */
  private static final double GAIN_EPS = 1e-12;

  private final TrainingSet data;
  private final Settings settings;
  private final int n;
  private final int numFeatures;
  private final int numClasses;
  private final int featuresPerNode;
  /** Weight of every row of class c when weights are constant within classes (and no bootstrap), else null. */
  private final double[] classWeight;

  // The rows of a node are idx[start, end), grouped by class (class 0 first); ww follows idx (weighted mode only).
  private final int[] idx;
  private final double[] ww;
  private final int[] spareIdx;
  private final double[] spareW;
  private final int[] bootstrapCounts;
  // Values of the current candidate and of the best one so far, aligned with idx.
  private float[] vals;
  private float[] bestVals;
  private final int[] featureOrder;
  private final int[] leftN;
  private final double[] leftW;
  private final int[] bestLeftN;
  private final int[] childN;
  private final double[] childLeftW;
  private final double[] childRightW;

  // Depth-first stack of pending nodes: range, depth, parent awaiting its right child, class counts and weights.
  private final int[] stackStart;
  private final int[] stackEnd;
  private final int[] stackDepth;
  private final int[] stackParent;
  private final int[] stackN;
  private final double[] stackW;

  // Output (a tree over m rows has at most m leaves and 2m - 1 nodes).
  private final int[] outFeature;
  private final float[] outThreshold;
  private final int[] outRight;
  private final float[] outLeaf;

  public ExtraTreeBuilder(TrainingSet data, Settings settings) {
    this.data = data;
    this.settings = settings;
    this.n = data.rows;
    this.numFeatures = data.features;
    this.numClasses = data.classes;
    this.featuresPerNode = Math.min(settings.featuresPerNode(), numFeatures);
    this.classWeight = settings.bootstrap() ? null : constantClassWeights(data);
    int c = numClasses;
    idx = new int[n];
    spareIdx = new int[n];
    ww = classWeight == null ? new double[n] : null;
    spareW = classWeight == null ? new double[n] : null;
    bootstrapCounts = settings.bootstrap() ? new int[n] : null;
    vals = new float[n];
    bestVals = new float[n];
    featureOrder = new int[numFeatures];
    leftN = new int[c];
    leftW = new double[c];
    bestLeftN = new int[c];
    childN = new int[c];
    childLeftW = new double[c];
    childRightW = new double[c];
    stackStart = new int[n + 1];
    stackEnd = new int[n + 1];
    stackDepth = new int[n + 1];
    stackParent = new int[n + 1];
    stackN = new int[(n + 1) * c];
    stackW = new double[(n + 1) * c];
    outFeature = new int[2 * n];
    outThreshold = new float[2 * n];
    outRight = new int[2 * n];
    outLeaf = new float[n * c];
  }

  /** The weight of each class if all its rows weigh the same (the usual unit or class weights), else null. */
  private static double[] constantClassWeights(TrainingSet data) {
    double[] w = new double[data.classes];
    java.util.Arrays.fill(w, Double.NaN);
    for (int i = 0; i < data.rows; i++) {
      int c = data.y[i];
      if (Double.isNaN(w[c])) {
        w[c] = data.w[i];
      } else if (w[c] != data.w[i]) {
        return null;
      }
    }
    for (int c = 0; c < w.length; c++) {
      if (Double.isNaN(w[c])) {
        w[c] = 0; // a class without rows (labels need not be contiguous)
      }
    }
    return w;
  }

  /**
   * Grows a tree with the random stream {@code rng} and adds its impurity decreases per feature (sum over its
   * splits of {@code w I - wL I(left) - wR I(right)}, normalised to sum 1 over the tree) to {@code importances}.
   */
  public TreeArrays build(SplitMix64 rng, double[] importances) {
    for (int j = 0; j < numFeatures; j++) {
      featureOrder[j] = j; // every tree starts from the same order, whatever was built before
    }
    final int nc = numClasses;
    int[] rootN = new int[nc];
    double[] rootW = new double[nc];
    int m = selectRows(rng, rootN, rootW);
    double total = 0;
    for (double v : rootW) {
      total += v;
    }
    double minWeight = settings.minWeightFractionPerNode() * total;
    double[] treeImportance = new double[numFeatures];
    Impurity impurity = settings.impurity();
    int minInstances = settings.minInstancesPerNode();
    boolean weighted = classWeight == null;

    int nodes = 0;
    int leafLength = 0;
    int sp = 0;
    push(sp++, 0, m, 0, -1, rootN, rootW);
    while (sp > 0) {
      sp--;
      final int start = stackStart[sp];
      final int end = stackEnd[sp];
      final int depth = stackDepth[sp];
      final int parent = stackParent[sp];
      final int off = sp * nc;
      final int id = nodes++;
      if (parent >= 0) {
        outRight[parent] = id;
      }
      double w = 0;
      int present = 0;
      for (int c = 0; c < nc; c++) {
        w += stackW[off + c];
        present += stackN[off + c] > 0 ? 1 : 0;
      }
      final int rows = end - start;
      boolean leaf = present <= 1 || depth >= settings.maxDepth() || rows < 2 * minInstances || w < 2 * minWeight;
      int bestFeature = -1;
      float bestThreshold = 0;
      double nodeImpurity = 0;
      if (!leaf) {
        nodeImpurity = impurity.of(stackW, off, nc, w);
        double bestGain = Double.NEGATIVE_INFINITY;
        int drawn = 0;
        int found = 0;
        while (found < featuresPerNode && drawn < numFeatures) {
          int r = drawn + rng.nextInt(numFeatures - drawn);
          int j = featureOrder[r];
          featureOrder[r] = featureOrder[drawn];
          featureOrder[drawn] = j;
          drawn++;
          float[] v = vals;
          long range = gather(j, start, end, v);
          float lo = Float.intBitsToFloat((int) (range >>> 32));
          float hi = Float.intBitsToFloat((int) range);
          if (!(hi > lo)) {
            continue; // constant in this node: does not count as a candidate
          }
          found++;
          float t = (float) (lo + rng.nextDouble() * ((double) hi - (double) lo));
          if (!(t < hi)) {
            t = lo;
          }
          int nLeft = weighted ? countLeftWeighted(v, t, start, off) : countLeft(v, t, start, off);
          if (nLeft < minInstances || rows - nLeft < minInstances) {
            continue;
          }
          double wl = 0;
          for (int c = 0; c < nc; c++) {
            wl += leftW[c];
            childRightW[c] = stackW[off + c] - leftW[c];
          }
          double wr = w - wl;
          if (wl < minWeight || wr < minWeight) {
            continue;
          }
          double gain = nodeImpurity - wl / w * impurity.of(leftW, 0, nc, wl)
              - wr / w * impurity.of(childRightW, 0, nc, wr);
          if (gain > bestGain) {
            bestGain = gain;
            bestFeature = j;
            bestThreshold = t;
            System.arraycopy(leftN, 0, bestLeftN, 0, nc);
            vals = bestVals;
            bestVals = v;
          }
        }
        if (bestFeature < 0 || bestGain + GAIN_EPS < settings.minInfoGain()) {
          leaf = true;
        }
      }
      if (leaf) {
        outFeature[id] = -1;
        outThreshold[id] = 0f;
        if (present <= 1) {
          int only = 0;
          for (int c = 0; c < nc; c++) {
            if (stackN[off + c] > 0) {
              only = c;
            }
          }
          outRight[id] = -1 - only;
        } else {
          outRight[id] = leafLength;
          double inv = 1.0 / w;
          for (int c = 0; c < nc; c++) {
            outLeaf[leafLength++] = (float) (stackW[off + c] * inv);
          }
        }
        continue;
      }
      int mid = partition(start, end, off, bestThreshold);
      double wl = 0;
      double wr = 0;
      for (int c = 0; c < nc; c++) {
        childN[c] = stackN[off + c] - bestLeftN[c];
        if (!weighted) {
          childLeftW[c] = bestLeftN[c] * classWeight[c];
          childRightW[c] = childN[c] * classWeight[c];
        }
        wl += childLeftW[c];
        wr += childRightW[c];
      }
      treeImportance[bestFeature] += w * nodeImpurity - wl * impurity.of(childLeftW, 0, nc, wl)
          - wr * impurity.of(childRightW, 0, nc, wr);
      outFeature[id] = bestFeature;
      outThreshold[id] = bestThreshold;
      // The right child is pushed first so that the left one is built next and gets index id + 1.
      push(sp++, mid, end, depth + 1, id, childN, childRightW);
      push(sp++, start, mid, depth + 1, -1, bestLeftN, childLeftW);
    }
    double sum = 0;
    for (double v : treeImportance) {
      sum += v;
    }
    if (sum > 0) {
      for (int j = 0; j < numFeatures; j++) {
        importances[j] += treeImportance[j] / sum;
      }
    }
    return new TreeArrays(Arrays.copyOf(outFeature, nodes), Arrays.copyOf(outThreshold, nodes),
        Arrays.copyOf(outRight, nodes), Arrays.copyOf(outLeaf, leafLength));
  }

  /**
   * Copies feature j of the rows idx[start, end) into v[start, end); returns their minimum and maximum as the
   * float bits in the high and low halves of a long (one pass: the loop waits on memory, the compares are free).
   */
  private long gather(int j, int start, int end, float[] v) {
    float[] x = data.x;
    int[] rows = idx;
    int base = j * n;
    float lo = Float.POSITIVE_INFINITY;
    float hi = Float.NEGATIVE_INFINITY;
    for (int p = start; p < end; p++) {
      float value = x[base + rows[p]];
      v[p] = value;
      lo = value < lo ? value : lo;
      hi = value > hi ? value : hi;
    }
    return ((long) Float.floatToRawIntBits(lo) << 32) | (Float.floatToRawIntBits(hi) & 0xFFFFFFFFL);
  }

  /** Rows going left per class (class weights constant): fills leftN and leftW, returns the total. */
  private int countLeft(float[] v, float t, int start, int off) {
    int p = start;
    int total = 0;
    for (int c = 0; c < numClasses; c++) {
      int segmentEnd = p + stackN[off + c];
      int k = 0;
      for (; p < segmentEnd; p++) {
        k += v[p] <= t ? 1 : 0;
      }
      leftN[c] = k;
      leftW[c] = k * classWeight[c];
      total += k;
    }
    return total;
  }

  /** As {@link #countLeft} with per-row weights. */
  private int countLeftWeighted(float[] v, float t, int start, int off) {
    int p = start;
    int total = 0;
    for (int c = 0; c < numClasses; c++) {
      int segmentEnd = p + stackN[off + c];
      int k = 0;
      double s = 0;
      for (; p < segmentEnd; p++) {
        if (v[p] <= t) {
          k++;
          s += ww[p];
        }
      }
      leftN[c] = k;
      leftW[c] = s;
      total += k;
    }
    return total;
  }

  /**
   * Fills idx (and ww) with the tree's rows, grouped by class, in row order within a class: all rows, or a
   * bootstrap sample whose counts multiply the weights. Returns how many, with per-class counts and weights.
   */
  private int selectRows(SplitMix64 rng, int[] classN, double[] classW) {
    int[] counts = null;
    if (bootstrapCounts != null) {
      counts = bootstrapCounts;
      Arrays.fill(counts, 0);
      for (int i = 0; i < n; i++) {
        counts[rng.nextInt(n)]++;
      }
    }
    for (int i = 0; i < n; i++) {
      if (counts == null || counts[i] > 0) {
        classN[data.y[i]]++;
      }
    }
    int[] next = new int[numClasses];
    for (int c = 1; c < numClasses; c++) {
      next[c] = next[c - 1] + classN[c - 1];
    }
    int m = next[numClasses - 1] + classN[numClasses - 1];
    for (int i = 0; i < n; i++) {
      if (counts == null || counts[i] > 0) {
        int c = data.y[i];
        int at = next[c]++;
        idx[at] = i;
        double wi = counts == null ? data.w[i] : data.w[i] * counts[i];
        if (ww != null) {
          ww[at] = wi;
        }
      }
    }
    for (int c = 0; c < numClasses; c++) {
      classW[c] = classWeight != null ? classN[c] * classWeight[c] : 0;
    }
    if (classWeight == null) {
      for (int p = 0; p < m; p++) {
        classW[data.y[idx[p]]] += ww[p];
      }
    }
    return m;
  }

  private void push(int slot, int start, int end, int depth, int parent, int[] counts, double[] weights) {
    stackStart[slot] = start;
    stackEnd[slot] = end;
    stackDepth[slot] = depth;
    stackParent[slot] = parent;
    System.arraycopy(counts, 0, stackN, slot * numClasses, numClasses);
    System.arraycopy(weights, 0, stackW, slot * numClasses, numClasses);
  }

  /**
   * Stable partition of idx[start, end) (and ww) by bestVals &lt;= t: left rows first, each side still grouped by
   * class. In weighted mode it also sums the children's class weights. Returns the first right row.
   */
  private int partition(int start, int end, int off, float t) {
    float[] v = bestVals;
    int l = start;
    int r = 0;
    if (ww == null) {
      for (int p = start; p < end; p++) {
        int row = idx[p];
        if (v[p] <= t) {
          idx[l++] = row;
        } else {
          spareIdx[r++] = row;
        }
      }
    } else {
      int p = start;
      for (int c = 0; c < numClasses; c++) {
        int segmentEnd = p + stackN[off + c];
        double sl = 0;
        double sr = 0;
        for (; p < segmentEnd; p++) {
          int row = idx[p];
          double wi = ww[p];
          if (v[p] <= t) {
            idx[l] = row;
            ww[l++] = wi;
            sl += wi;
          } else {
            spareIdx[r] = row;
            spareW[r++] = wi;
            sr += wi;
          }
        }
        childLeftW[c] = sl;
        childRightW[c] = sr;
      }
      System.arraycopy(spareW, 0, ww, l, r);
    }
    System.arraycopy(spareIdx, 0, idx, l, r);
    return l;
  }
}
