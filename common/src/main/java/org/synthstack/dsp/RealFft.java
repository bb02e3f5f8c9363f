package org.synthstack.dsp;

import java.util.logging.Logger;
import org.jtransforms.fft.DoubleFFT_1D;
import pl.edu.icm.jlargearrays.ConcurrencyUtils;

/**
 * A real-input FFT of fixed size, reduced to a one-sided power spectrum. Not thread-safe.
 *
 * <p>Power-of-two sizes from {@value VectorRealFft#MIN_SIZE} up run on a SIMD transform ({@link VectorRealFft}),
 * several times faster than JTransforms, when the JVM has the incubating {@code jdk.incubator.vector} module and
 * 512-bit vectors; every other size, and every size on other JVMs, runs on JTransforms. Both give the same
 * spectrum to within rounding (about 1e-15 of the peak power).
 */
public final class RealFft {
  static {
    // Many transforms run in parallel on separate cores (Spark tasks); threads inside one transform only contend.
    ConcurrencyUtils.setNumberOfThreads(1);
  }

  private static final boolean SIMD = detectSimd();

  private final int size;
  private final DoubleFFT_1D fft;
  private final VectorRealFft simd;

  public RealFft(int size) {
    this(size, SIMD);
  }

  /** With {@code allowSimd = false}, always JTransforms: the fallback path, for tests. */
  RealFft(int size, boolean allowSimd) {
    if (size < 2 || size % 2 != 0) {
      throw new IllegalArgumentException("FFT size must be even and at least 2, got " + size);
    }
    this.size = size;
    if (allowSimd && SIMD && VectorRealFft.supports(size)) {
      this.simd = new VectorRealFft(size);
      this.fft = null;
    } else {
      this.simd = null;
      this.fft = new DoubleFFT_1D(size);
    }
  }

  /** A transform that never uses SIMD code (JTransforms for every size), to check the SIMD path against. */
  static RealFft jtransforms(int size) {
    return new RealFft(size, false);
  }

  /** Whether this JVM runs power-of-two sizes on the SIMD transform. */
  public static boolean simdAvailable() {
    return SIMD;
  }

  /** Whether this instance runs on the SIMD transform. */
  boolean usesSimd() {
    return simd != null;
  }

  public int size() {
    return size;
  }

  /** Number of one-sided bins: size / 2 + 1. */
  public int bins() {
    return size / 2 + 1;
  }

  /**
   * Transforms {@code frame} (length {@link #size()}, overwritten) and writes |X[k]|^2 for k = 0..size/2 into
   * {@code power}.
   */
  public void power(double[] frame, double[] power) {
    if (simd != null) {
      simd.power(frame, power);
      return;
    }
    fft.realForward(frame);
    // JTransforms packs Re[0] and Re[n/2] into the first two slots, then (Re, Im) pairs.
    power[0] = frame[0] * frame[0];
    power[size / 2] = frame[1] * frame[1];
    for (int k = 1; k < size / 2; k++) {
      double re = frame[2 * k];
      double im = frame[2 * k + 1];
      power[k] = re * re + im * im;
    }
  }

  private static boolean detectSimd() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      Logger.getLogger(RealFft.class.getName())
          .warning("jdk.incubator.vector is not available (add --add-modules=jdk.incubator.vector): "
              + "FFTs run on JTransforms, several times slower");
      return false;
    }
    return VectorRealFft.supported();
  }
}
