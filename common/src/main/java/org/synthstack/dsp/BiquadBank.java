package org.synthstack.dsp;

import java.util.logging.Logger;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Runs {@link #LANES} independent biquad cascades side by side over an interleaved buffer
 * ({@code buffer[frame * LANES + lane]}), in place. {@link #load} starts from zero state; successive
 * {@link #process} calls continue where the previous one stopped, so a long signal can stream through in chunks.
 *
 * <p>Why lanes: an IIR section is a serial recurrence, so one cascade is bound by the latency of two dependent
 * multiply-adds per sample (about 4 ns per section-sample here). Independent cascades fill SIMD lanes, and
 * four sections processed in the same sample loop give the out-of-order core independent work, which together
 * make the bank throughput-bound instead (about 0.2 ns per lane-section-sample with AVX-512).
 *
 * <p>The vector and the scalar kernels evaluate the same fused multiply-adds in the same order, so output is
 * bit-identical whichever runs, and a lane's output never depends on the other lanes. The scalar kernel is
 * used only when the JVM lacks the incubating {@code jdk.incubator.vector} module (Spark 4 adds it to every
 * driver and executor).
 *
 * <p>Denormals: when a lane's input falls silent, its states decay towards the subnormal range, where arithmetic
 * is some twenty times slower and rounding can sustain zero-input limit cycles indefinitely; Java offers no
 * flush-to-zero mode. So at the start of every {@link #FLUSH_BLOCK} frames (counted from the start of each
 * {@link #process} call), both kernels snap states smaller than about 1e-166 to zero by adding and subtracting
 * {@link #FLUSH_BELOW}. That changes output only by amounts under 1e-150, far below any audio resolution, and the
 * same way in both kernels; callers that need identical output for identical input use identical chunk sizes.
 *
 * <p>An instance is a reusable workspace: not thread-safe.
 */
public final class BiquadBank {
  /** Cascades processed together. */
  public static final int LANES = 8;

  /** Frames between denormal flushes. */
  public static final int FLUSH_BLOCK = 256;
  /** Adding and subtracting this snaps states below about 1e-166 to zero. */
  static final double FLUSH_BELOW = 1e-150;

  private static final int C = BiquadCascade.COEFFICIENTS_PER_SECTION;
  private static final Kernel KERNEL = chooseKernel();

  // [(section * C + coefficient) * LANES + lane]; the feedback coefficients are stored negated.
  private double[] coefficients = new double[0];
  private int sections;
  // Two states per section per lane: [(section * 2 + j) * LANES + lane]. Per bank, as the kernel is shared.
  private double[] state = new double[0];

  /**
   * Loads {@code count} cascades into lanes 0..count-1. Lanes without a cascade, and sections beyond a
   * cascade's own length, become identity sections that pass samples through exactly.
   */
  public void load(BiquadCascade[] cascades, int count) {
    if (count > LANES) {
      throw new IllegalArgumentException("at most " + LANES + " cascades per bank, got " + count);
    }
    int maxSections = 0;
    for (int lane = 0; lane < count; lane++) {
      maxSections = Math.max(maxSections, cascades[lane].sections());
    }
    sections = maxSections;
    int needed = sections * C * LANES;
    if (coefficients.length < needed) {
      coefficients = new double[needed];
    }
    if (state.length < 2 * sections * LANES) {
      state = new double[2 * sections * LANES];
    }
    for (int s = 0; s < sections; s++) {
      for (int lane = 0; lane < LANES; lane++) {
        boolean real = lane < count && s < cascades[lane].sections();
        int base = s * C * LANES + lane;
        coefficients[base] = real ? cascades[lane].coefficient(s, 0) : 1;
        coefficients[base + LANES] = real ? cascades[lane].coefficient(s, 1) : 0;
        coefficients[base + 2 * LANES] = real ? cascades[lane].coefficient(s, 2) : 0;
        coefficients[base + 3 * LANES] = real ? -cascades[lane].coefficient(s, 3) : 0;
        coefficients[base + 4 * LANES] = real ? -cascades[lane].coefficient(s, 4) : 0;
      }
    }
    reset();
  }

  /** Clears the filter state, as if no frame had been processed since {@link #load}. */
  public void reset() {
    java.util.Arrays.fill(state, 0, 2 * sections * LANES, 0);
  }

  /** Sections in the loaded bank: the longest loaded cascade. */
  public int sections() {
    return sections;
  }

  /** Filters the first {@code frames} interleaved frames of {@code buffer} in place, continuing the state. */
  public void process(double[] buffer, int frames) {
    if (buffer.length < frames * LANES) {
      throw new IllegalArgumentException("buffer holds " + buffer.length / LANES + " frames, asked for " + frames);
    }
    KERNEL.run(buffer, frames, coefficients, sections, state);
  }

  /** Whether the SIMD kernel is in use (false means the bit-identical scalar fallback). */
  public static boolean vectorized() {
    return KERNEL instanceof VectorKernel;
  }

  /** Runs the scalar kernel regardless of the JVM, for checking it against the vector kernel. */
  void processScalar(double[] buffer, int frames) {
    new ScalarKernel().run(buffer, frames, coefficients, sections, state);
  }

  private static Kernel chooseKernel() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      Logger.getLogger(BiquadBank.class.getName())
          .warning("jdk.incubator.vector is not available (add --add-modules=jdk.incubator.vector): "
              + "biquad filtering runs on the scalar kernel, several times slower");
      return new ScalarKernel();
    }
    return VectorKernel.create();
  }

  private interface Kernel {
    void run(double[] buffer, int frames, double[] coefficients, int sections, double[] state);
  }

  /** One lane at a time, with the same fused multiply-adds and flushes as the vector kernel. */
  private static final class ScalarKernel implements Kernel {
    @Override
    public void run(double[] buffer, int frames, double[] k, int sections, double[] state) {
      for (int s = 0; s < sections; s++) {
        int base = s * C * LANES;
        for (int lane = 0; lane < LANES; lane++) {
          double b0 = k[base + lane];
          double b1 = k[base + LANES + lane];
          double b2 = k[base + 2 * LANES + lane];
          double na1 = k[base + 3 * LANES + lane];
          double na2 = k[base + 4 * LANES + lane];
          double s1 = state[2 * s * LANES + lane];
          double s2 = state[(2 * s + 1) * LANES + lane];
          for (int from = 0; from < frames; from += FLUSH_BLOCK) {
            s1 = (s1 + FLUSH_BELOW) - FLUSH_BELOW;
            s2 = (s2 + FLUSH_BELOW) - FLUSH_BELOW;
            for (int n = from, to = Math.min(frames, from + FLUSH_BLOCK); n < to; n++) {
              int i = n * LANES + lane;
              double x = buffer[i];
              double y = Math.fma(x, b0, s1);
              s1 = Math.fma(x, b1, Math.fma(y, na1, s2));
              s2 = Math.fma(x, b2, y * na2);
              buffer[i] = y;
            }
          }
          state[2 * s * LANES + lane] = s1;
          state[(2 * s + 1) * LANES + lane] = s2;
        }
      }
    }
  }

  /**
   * Direct form II transposed on SIMD vectors. Each pass over the buffer runs four sections (or the remaining
   * one) in the same sample loop; lanes wider than the hardware vector are processed as slices. The sample loop
   * runs {@link #FLUSH_BLOCK} frames per call with the states carried in a small array between calls: any test
   * inside the loop, even a rarely taken one, costs C2 a factor of about 2.5 here.
   */
  private static final class VectorKernel implements Kernel {
    // Must be a static final constant: the JIT only compiles vector operations to SIMD instructions when it can
    // see the species, and otherwise falls back to a boxed implementation hundreds of times slower.
    private static final int WIDTH = Math.min(DoubleVector.SPECIES_PREFERRED.length(), LANES);
    private static final VectorSpecies<Double> SPECIES =
        VectorSpecies.of(double.class, VectorShape.forBitSize(Math.max(2, WIDTH) * Double.SIZE));

    static Kernel create() {
      return WIDTH < 2 || LANES % WIDTH != 0 ? new ScalarKernel() : new VectorKernel();
    }

    @Override
    public void run(double[] buffer, int frames, double[] k, int sections, double[] state) {
      for (int slice = 0; slice < LANES; slice += SPECIES.length()) {
        int s = 0;
        for (; s + 4 <= sections; s += 4) {
          for (int from = 0; from < frames; from += FLUSH_BLOCK) {
            quadBlock(buffer, from, Math.min(frames, from + FLUSH_BLOCK), k, s, slice, state);
          }
        }
        for (; s < sections; s++) {
          for (int from = 0; from < frames; from += FLUSH_BLOCK) {
            singleBlock(buffer, from, Math.min(frames, from + FLUSH_BLOCK), k, s, slice, state);
          }
        }
      }
    }

    private static DoubleVector coef(double[] k, int section, int c, int slice) {
      return DoubleVector.fromArray(SPECIES, k, (section * C + c) * LANES + slice);
    }

    /** Loads state {@code j} of section {@code s}, flushing values too small to matter (see the class comment). */
    private static DoubleVector loadState(double[] state, int s, int j, int slice) {
      return DoubleVector.fromArray(SPECIES, state, (2 * s + j) * LANES + slice).add(FLUSH_BELOW).sub(FLUSH_BELOW);
    }

    private static void storeState(DoubleVector v, double[] state, int s, int j, int slice) {
      v.intoArray(state, (2 * s + j) * LANES + slice);
    }

    private static void singleBlock(double[] buffer, int from, int to, double[] k, int s, int slice,
        double[] state) {
      DoubleVector b0 = coef(k, s, 0, slice);
      DoubleVector b1 = coef(k, s, 1, slice);
      DoubleVector b2 = coef(k, s, 2, slice);
      DoubleVector na1 = coef(k, s, 3, slice);
      DoubleVector na2 = coef(k, s, 4, slice);
      DoubleVector s1 = loadState(state, s, 0, slice);
      DoubleVector s2 = loadState(state, s, 1, slice);
      for (int n = from; n < to; n++) {
        int i = n * LANES + slice;
        DoubleVector x = DoubleVector.fromArray(SPECIES, buffer, i);
        DoubleVector y = x.fma(b0, s1);
        s1 = x.fma(b1, y.fma(na1, s2));
        s2 = x.fma(b2, y.mul(na2));
        y.intoArray(buffer, i);
      }
      storeState(s1, state, s, 0, slice);
      storeState(s2, state, s, 1, slice);
    }

    private static void quadBlock(double[] buffer, int from, int to, double[] k, int s, int slice,
        double[] state) {
      DoubleVector a0 = coef(k, s, 0, slice);
      DoubleVector a1 = coef(k, s, 1, slice);
      DoubleVector a2 = coef(k, s, 2, slice);
      DoubleVector a3 = coef(k, s, 3, slice);
      DoubleVector a4 = coef(k, s, 4, slice);
      DoubleVector b0 = coef(k, s + 1, 0, slice);
      DoubleVector b1 = coef(k, s + 1, 1, slice);
      DoubleVector b2 = coef(k, s + 1, 2, slice);
      DoubleVector b3 = coef(k, s + 1, 3, slice);
      DoubleVector b4 = coef(k, s + 1, 4, slice);
      DoubleVector c0 = coef(k, s + 2, 0, slice);
      DoubleVector c1 = coef(k, s + 2, 1, slice);
      DoubleVector c2 = coef(k, s + 2, 2, slice);
      DoubleVector c3 = coef(k, s + 2, 3, slice);
      DoubleVector c4 = coef(k, s + 2, 4, slice);
      DoubleVector d0 = coef(k, s + 3, 0, slice);
      DoubleVector d1 = coef(k, s + 3, 1, slice);
      DoubleVector d2 = coef(k, s + 3, 2, slice);
      DoubleVector d3 = coef(k, s + 3, 3, slice);
      DoubleVector d4 = coef(k, s + 3, 4, slice);
      DoubleVector p1 = loadState(state, s, 0, slice);
      DoubleVector p2 = loadState(state, s, 1, slice);
      DoubleVector q1 = loadState(state, s + 1, 0, slice);
      DoubleVector q2 = loadState(state, s + 1, 1, slice);
      DoubleVector r1 = loadState(state, s + 2, 0, slice);
      DoubleVector r2 = loadState(state, s + 2, 1, slice);
      DoubleVector t1 = loadState(state, s + 3, 0, slice);
      DoubleVector t2 = loadState(state, s + 3, 1, slice);
      for (int n = from; n < to; n++) {
        int i = n * LANES + slice;
        DoubleVector x = DoubleVector.fromArray(SPECIES, buffer, i);
        DoubleVector y = x.fma(a0, p1);
        p1 = x.fma(a1, y.fma(a3, p2));
        p2 = x.fma(a2, y.mul(a4));
        DoubleVector z = y.fma(b0, q1);
        q1 = y.fma(b1, z.fma(b3, q2));
        q2 = y.fma(b2, z.mul(b4));
        DoubleVector w = z.fma(c0, r1);
        r1 = z.fma(c1, w.fma(c3, r2));
        r2 = z.fma(c2, w.mul(c4));
        DoubleVector v = w.fma(d0, t1);
        t1 = w.fma(d1, v.fma(d3, t2));
        t2 = w.fma(d2, v.mul(d4));
        v.intoArray(buffer, i);
      }
      storeState(p1, state, s, 0, slice);
      storeState(p2, state, s, 1, slice);
      storeState(q1, state, s + 1, 0, slice);
      storeState(q2, state, s + 1, 1, slice);
      storeState(r1, state, s + 2, 0, slice);
      storeState(r2, state, s + 2, 1, slice);
      storeState(t1, state, s + 3, 0, slice);
      storeState(t2, state, s + 3, 1, slice);
    }
  }
}
