package org.synthstack.optimize.direct;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.synthstack.optimize.BatchObjective;
import org.synthstack.optimize.Bounds;
import org.synthstack.optimize.DirectIteration;
import org.synthstack.optimize.EvaluationLog;
import org.synthstack.optimize.IterationDiagnostics;
import org.synthstack.optimize.OptimizationResult;
import org.synthstack.optimize.StopReason;

/**
 * DIRECT global minimisation (Jones, Perttunen &amp; Stuckman 1993) and its locally biased form
 * DIRECT-L (Gablonsky &amp; Kelley 2001) over a box.
 *
 * <p>The box is mapped to the unit hypercube. Each iteration finds the potentially optimal
 * rectangles (the lower-right convex hull of value against size, with Jones's ε test), samples all
 * their new points in one batch through the {@link BatchObjective}, then trisects each along its
 * longest sides, the side with the best new value first, so the best points get the largest
 * rectangles. Tie-breaking follows Gablonsky's reference implementation, whose published evaluation
 * counts this reproduces. Non-finite values are ranked with the {@link EvaluationLog} penalty.
 */
public final class Direct {
    /** Values this close to a group's best count as tied with it (ORIGINAL divides all of them). */
    private static final double TIE_TOLERANCE = 1e-13;

    private Direct() {
    }

    /** Minimises a point-wise function, evaluating each batch sequentially. */
    public static OptimizationResult minimize(ToDoubleFunction<double[]> objective, Bounds bounds,
            DirectOptions options) {
        return minimizeBatch(BatchObjective.sequential(objective), bounds, options);
    }

    /**
     * Minimises the objective over the bounds.
     *
     * @return the best point found, its value, and every evaluation; iteration 0 is the centre point
     */
    public static OptimizationResult minimizeBatch(BatchObjective objective, Bounds bounds, DirectOptions options) {
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(bounds, "bounds");
        Objects.requireNonNull(options, "options");
        int n = bounds.dimension();
        EvaluationLog log = new EvaluationLog();
        RectanglePartition partition = new RectanglePartition(n, options.variant());
        double[] centre = new double[n];
        Arrays.fill(centre, 0.5);
        log.evaluate(objective, List.of(bounds.fromUnit(centre)), 0);
        partition.add(centre, new int[n], log.penalisedValue(0));

        List<IterationDiagnostics> diagnostics = new ArrayList<>();
        StopReason stop = stopReason(log, partition, options);
        int iteration = 0;
        while (stop == null) {
            iteration++;
            refreshPenalties(log, partition);
            double fMin = log.bestIndex() >= 0 ? log.bestValue() : log.penalty();
            int[] selected = potentiallyOptimal(partition, fMin, options.epsilon());
            int divided = fittingPrefix(partition, selected, options.maxEvaluations() - log.size());
            if (divided == 0) {
                stop = StopReason.BUDGET;
                break;
            }
            divide(objective, bounds, log, partition, Arrays.copyOf(selected, divided), iteration);
            int best = log.bestIndex();
            diagnostics.add(new DirectIteration(iteration, log.size(), divided, log.bestValue(),
                    best >= 0 ? partition.halfDiagonal(best) : Double.NaN));
            stop = stopReason(log, partition, options);
        }
        return log.bestObservedResult(diagnostics, stop);
    }

    private static StopReason stopReason(EvaluationLog log, RectanglePartition partition, DirectOptions options) {
        if (options.reachedTarget(log.bestValue())) {
            return StopReason.TARGET_REACHED;
        }
        int best = log.bestIndex();
        if (best >= 0 && partition.halfDiagonal(best) < options.minRectangleSize()) {
            return StopReason.MIN_RECTANGLE_SIZE;
        }
        if (log.size() >= options.maxEvaluations()) {
            return StopReason.BUDGET;
        }
        return null;
    }

    /** Failed centres follow the penalty as the worst finite value changes. */
    private static void refreshPenalties(EvaluationLog log, RectanglePartition partition) {
        double penalty = log.penalty();
        for (int r = 0; r < partition.count(); r++) {
            if (!Double.isFinite(log.value(r))) {
                partition.setValue(r, penalty);
            }
        }
    }

    /**
     * The potentially optimal rectangles: per size group the best rectangle, kept if some rate of
     * change K > 0 puts it on the lower-right hull of (size, value) and lets it beat
     * {@code fMin − ε|fMin|}; for ORIGINAL, rectangles tied with a kept one follow at the end.
     * Groups are visited from the smallest up, and a smaller group already rejected no longer
     * constrains K, as in Gablonsky's DIRChoose.
     */
    static int[] potentiallyOptimal(RectanglePartition partition, double fMin, double epsilon) {
        int count = partition.count();
        int maxLevel = 0;
        for (int r = 0; r < count; r++) {
            maxLevel = Math.max(maxLevel, partition.level(r));
        }
        int[] best = new int[maxLevel + 1];
        Arrays.fill(best, -1);
        for (int r = 0; r < count; r++) {
            int level = partition.level(r);
            int current = best[level];
            if (current < 0 || precedes(partition, r, current)) {
                best[level] = r;
            }
        }
        int[] groups = new int[maxLevel + 1];
        int groupCount = 0;
        for (int level = 0; level <= maxLevel; level++) {
            if (best[level] >= 0) {
                groups[groupCount++] = best[level];
            }
        }
        boolean[] rejected = new boolean[groupCount];
        double threshold = fMin - epsilon * Math.abs(fMin);
        for (int j = groupCount - 1; j >= 0; j--) {
            rejected[j] = !onHull(partition, groups, groupCount, rejected, j, threshold);
        }

        int[] selected = new int[count];
        int selectedCount = 0;
        boolean[] levelSelected = new boolean[maxLevel + 1];
        for (int j = 0; j < groupCount; j++) {
            if (!rejected[j]) {
                selected[selectedCount++] = groups[j];
                levelSelected[partition.level(groups[j])] = true;
            }
        }
        if (partition.variant() == DirectVariant.ORIGINAL) {
            selectedCount = appendTies(partition, best, levelSelected, selected, selectedCount);
        }
        return Arrays.copyOf(selected, selectedCount);
    }

    private static boolean onHull(RectanglePartition partition, int[] groups, int groupCount, boolean[] rejected,
            int j, double threshold) {
        int rj = groups[j];
        double fj = partition.value(rj);
        double dj = partition.levelSize(partition.level(rj));
        double maxRate = Double.POSITIVE_INFINITY;
        double minRate = 0.0;
        for (int i = 0; i < j; i++) {
            int ri = groups[i];
            double rate = (partition.value(ri) - fj) / (partition.levelSize(partition.level(ri)) - dj);
            if (rate <= 0) {
                return false;
            }
            maxRate = Math.min(maxRate, rate);
        }
        for (int i = j + 1; i < groupCount; i++) {
            if (rejected[i]) {
                continue;
            }
            int ri = groups[i];
            double rate = (partition.value(ri) - fj) / (partition.levelSize(partition.level(ri)) - dj);
            if (rate <= 0) {
                return false;
            }
            minRate = Math.max(minRate, rate);
        }
        if (minRate > maxRate) {
            return false;
        }
        return !(fj - maxRate * dj > threshold);
    }

    private static int appendTies(RectanglePartition partition, int[] best, boolean[] levelSelected, int[] selected,
            int selectedCount) {
        int start = selectedCount;
        for (int r = 0; r < partition.count(); r++) {
            int level = partition.level(r);
            if (levelSelected[level] && r != best[level]
                    && partition.value(r) - partition.value(best[level]) <= TIE_TOLERANCE) {
                selected[selectedCount++] = r;
            }
        }
        // Ties follow their anchors' group order, and within a group the list order (value, insertion).
        Integer[] ties = new Integer[selectedCount - start];
        for (int i = 0; i < ties.length; i++) {
            ties[i] = selected[start + i];
        }
        Arrays.sort(ties, (a, b) -> {
            int byLevel = Integer.compare(partition.level(a), partition.level(b));
            if (byLevel != 0) {
                return byLevel;
            }
            return precedes(partition, a, b) ? -1 : (precedes(partition, b, a) ? 1 : 0);
        });
        for (int i = 0; i < ties.length; i++) {
            selected[start + i] = ties[i];
        }
        return selectedCount;
    }

    private static boolean precedes(RectanglePartition partition, int a, int b) {
        double va = partition.value(a);
        double vb = partition.value(b);
        return va < vb || (va == vb && partition.order(a) < partition.order(b));
    }

    private static int longestSides(RectanglePartition partition, int r) {
        int k = partition.minDepth(r);
        int m = 0;
        for (int i = 0; i < partition.dimension(); i++) {
            if (partition.depth(r, i) == k) {
                m++;
            }
        }
        return m;
    }

    /** How many of the selected rectangles, in order, can be divided within the remaining budget. */
    private static int fittingPrefix(RectanglePartition partition, int[] selected, int remaining) {
        int used = 0;
        for (int s = 0; s < selected.length; s++) {
            used += 2 * longestSides(partition, selected[s]);
            if (used > remaining) {
                return s;
            }
        }
        return selected.length;
    }

    private static void divide(BatchObjective objective, Bounds bounds, EvaluationLog log,
            RectanglePartition partition, int[] selected, int iteration) {
        int n = partition.dimension();
        List<double[]> points = new ArrayList<>();
        for (int r : selected) {
            int k = partition.minDepth(r);
            double delta = Math.pow(3, -(k + 1));
            for (int i = 0; i < n; i++) {
                if (partition.depth(r, i) == k) {
                    points.add(bounds.fromUnit(shifted(partition, r, i, delta)));
                    points.add(bounds.fromUnit(shifted(partition, r, i, -delta)));
                }
            }
        }
        log.evaluate(objective, points, iteration);

        int[] parentDepth = new int[n];
        int[] sides = new int[n];
        double[] best = new double[n];
        int[] children = new int[2 * n];
        for (int r : selected) {
            int k = partition.minDepth(r);
            double delta = Math.pow(3, -(k + 1));
            for (int i = 0; i < n; i++) {
                parentDepth[i] = partition.depth(r, i);
            }
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (parentDepth[i] != k) {
                    continue;
                }
                for (int sign = 0; sign < 2; sign++) {
                    double[] centre = shifted(partition, r, i, sign == 0 ? delta : -delta);
                    int index = partition.count();
                    children[2 * m + sign] = partition.add(centre, parentDepth, log.penalisedValue(index));
                }
                sides[m] = i;
                best[m] = Math.min(partition.value(children[2 * m]), partition.value(children[2 * m + 1]));
                m++;
            }
            int[] byValue = stableOrder(best, m);
            // The side with the best new point is trisected first, so that point keeps the largest box.
            for (int t = 0; t < m; t++) {
                int side = sides[byValue[t]];
                partition.deepen(r, side);
                for (int s = t; s < m; s++) {
                    partition.deepen(children[2 * byValue[s]], side);
                    partition.deepen(children[2 * byValue[s] + 1], side);
                }
            }
            for (int c = 0; c < 2 * m; c++) {
                partition.regroup(children[c]);
            }
            partition.regroup(r);
        }
    }

    private static double[] shifted(RectanglePartition partition, int r, int side, double delta) {
        double[] c = new double[partition.dimension()];
        for (int i = 0; i < c.length; i++) {
            c[i] = partition.centre(r, i);
        }
        c[side] += delta;
        return c;
    }

    /** Indices 0..m-1 sorted by value, ties kept in index (dimension) order. */
    private static int[] stableOrder(double[] values, int m) {
        int[] idx = new int[m];
        for (int i = 0; i < m; i++) {
            idx[i] = i;
        }
        for (int i = 1; i < m; i++) {
            int v = idx[i];
            int j = i - 1;
            while (j >= 0 && values[idx[j]] > values[v]) {
                idx[j + 1] = idx[j];
                j--;
            }
            idx[j + 1] = v;
        }
        return idx;
    }
}
