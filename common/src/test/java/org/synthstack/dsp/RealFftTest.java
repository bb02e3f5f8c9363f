package org.synthstack.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link RealFft#power} against a naive DFT, closed forms and Parseval's identity, on whichever path each size
 * takes (SIMD for powers of two from 128 when the JVM has the vector module and 512-bit vectors, JTransforms
 * otherwise), and the SIMD path against the JTransforms fallback.
 */
class RealFftTest {
  /** Sizes that run on the SIMD transform when it is available: every pass structure (log2(n/16) odd and even). */
  private static final int[] SIMD_SIZES = {128, 256, 512, 1024, 2048, 4096, 8192, 16384};

  /**
   * |X[k]|^2 for k = 0..n/2 by the definition, with exactly reduced angles (n k mod n) and compensated
   * (Neumaier) sums, so its own error is far below the tolerances used here.
   */
  static double[] naivePower(double[] x) {
    int n = x.length;
    double[] cos = new double[n];
    double[] sin = new double[n];
    for (int j = 0; j < n; j++) {
      cos[j] = Math.cos(2 * Math.PI * j / n);
      sin[j] = -Math.sin(2 * Math.PI * j / n);
    }
    double[] power = new double[n / 2 + 1];
    for (int k = 0; k <= n / 2; k++) {
      double re = 0;
      double reC = 0;
      double im = 0;
      double imC = 0;
      int j = 0;
      for (int t = 0; t < n; t++) {
        double a = x[t] * cos[j];
        double s = re + a;
        reC += Math.abs(re) >= Math.abs(a) ? (re - s) + a : (a - s) + re;
        re = s;
        double b = x[t] * sin[j];
        s = im + b;
        imC += Math.abs(im) >= Math.abs(b) ? (im - s) + b : (b - s) + im;
        im = s;
        j += k;
        if (j >= n) {
          j -= n;
        }
      }
      re += reC;
      im += imC;
      power[k] = re * re + im * im;
    }
    return power;
  }

  static double[] gaussian(int n, long seed) {
    Random random = new Random(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = random.nextGaussian();
    }
    return x;
  }

  static double[] power(RealFft fft, double[] x) {
    double[] power = new double[fft.bins()];
    fft.power(x.clone(), power);
    return power;
  }

  static double max(double[] values) {
    return Arrays.stream(values).max().orElseThrow();
  }

  /** Largest |a[k] - b[k]|, relative to the peak of b. */
  static double relativeError(double[] a, double[] b) {
    assertThat(a).hasSameSizeAs(b);
    double worst = 0;
    for (int k = 0; k < a.length; k++) {
      worst = Math.max(worst, Math.abs(a[k] - b[k]));
    }
    return worst / max(b);
  }

  static boolean simdExpected() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() && VectorRealFft.supported();
  }

  @ParameterizedTest(name = "n = {0}")
  @ValueSource(ints = {128, 256, 512, 1024, 2048, 4096, 8192})
  void randomFramesMatchTheNaiveDft(int n) {
    RealFft fft = new RealFft(n);
    for (long seed = 1; seed <= 2; seed++) {
      double[] x = gaussian(n, seed * n);
      double error = relativeError(power(fft, x), naivePower(x));
      assertThat(error).as("max error / peak power, n = %d, seed %d", n, seed).isLessThan(1e-13);
    }
  }

  @ParameterizedTest(name = "n = {0}")
  @ValueSource(ints = {2, 4, 6, 8, 16, 64, 96, 1000, 2400})
  void otherSizesRunOnJTransformsAndMatchTheNaiveDft(int n) {
    RealFft fft = new RealFft(n);
    assertThat(fft.usesSimd()).isFalse();
    assertThat(fft.bins()).isEqualTo(n / 2 + 1);
    double[] x = gaussian(n, n);
    assertThat(relativeError(power(fft, x), naivePower(x))).isLessThan(1e-13);
  }

  @Test
  void oddAndTinySizesAreRejected() {
    for (int n : new int[] {-2, 0, 1, 3, 2401}) {
      assertThatThrownBy(() -> new RealFft(n)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void powerOfTwoSizesFrom128RunOnTheSimdTransformWhenTheJvmHasIt() {
    assumeTrue(simdExpected(), "no jdk.incubator.vector module or no 512-bit vectors on this JVM");
    assertThat(RealFft.simdAvailable()).isTrue();
    for (int n : SIMD_SIZES) {
      assertThat(new RealFft(n).usesSimd()).as("n = %d", n).isTrue();
      assertThat(RealFft.jtransforms(n).usesSimd()).as("fallback, n = %d", n).isFalse();
    }
    assertThat(new RealFft(64).usesSimd()).isFalse();
  }

  @Test
  void theSimdTransformAgreesWithTheJTransformsFallback() {
    for (int n : SIMD_SIZES) {
      RealFft fast = new RealFft(n);
      RealFft fallback = RealFft.jtransforms(n);
      for (long seed = 1; seed <= 3; seed++) {
        double[] x = gaussian(n, 1000 + seed);
        if (seed == 3) {
          // Not zero-mean, with a large tone: a wide dynamic range across bins.
          for (int i = 0; i < n; i++) {
            x[i] += 3 + 100 * Math.cos(2 * Math.PI * 0.1234 * i);
          }
        }
        double error = relativeError(power(fast, x), power(fallback, x));
        assertThat(error).as("n = %d, seed %d", n, seed).isLessThan(1e-13);
      }
    }
  }

  /** A cosine on bin k has power (n/2)^2 at k and nothing elsewhere, for every k of the small sizes. */
  @ParameterizedTest(name = "n = {0}")
  @ValueSource(ints = {128, 256, 512})
  void aCosineOnAnyBinGivesOnlyThatBin(int n) {
    RealFft fft = new RealFft(n);
    for (int k = 1; k < n / 2; k++) {
      assertCosineOnBin(fft, k, 0.3);
    }
  }

  /** The bins where the SIMD transform's output mapping changes (multiples of n/16, n/2 - 8 .. n/2), and others. */
  @ParameterizedTest(name = "n = {0}")
  @ValueSource(ints = {1024, 2048, 4096, 8192})
  void aCosineOnBoundaryBinsGivesOnlyThatBin(int n) {
    RealFft fft = new RealFft(n);
    int m = n / 16;
    java.util.TreeSet<Integer> bins = new java.util.TreeSet<>();
    for (int j = 0; j <= 8; j++) {
      for (int d = -8; d <= 8; d++) {
        bins.add(j * m + d);
      }
    }
    bins.add(137);
    bins.add(n / 3);
    for (int k : bins) {
      if (k > 0 && k < n / 2) {
        assertCosineOnBin(fft, k, 1.1);
      }
    }
  }

  private static void assertCosineOnBin(RealFft fft, int k, double phase) {
    int n = fft.size();
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = Math.cos(2 * Math.PI * ((long) k * i % n) / n + phase);
    }
    double[] power = power(fft, x);
    double expected = (n / 2.0) * (n / 2.0);
    for (int j = 0; j < power.length; j++) {
      double want = j == k ? expected : 0;
      assertThat(Math.abs(power[j] - want)).as("n = %d, cosine on bin %d, bin %d", n, k, j)
          .isLessThan(1e-12 * expected);
    }
  }

  @ParameterizedTest(name = "n = {0}")
  @ValueSource(ints = {128, 1024, 4096, 2400})
  void aConstantHasOnlyDcAndAnAlternatingSignalOnlyNyquist(int n) {
    RealFft fft = new RealFft(n);
    double[] constant = new double[n];
    double[] alternating = new double[n];
    for (int i = 0; i < n; i++) {
      constant[i] = -0.75;
      alternating[i] = i % 2 == 0 ? 1 : -1;
    }
    double[] dc = power(fft, constant);
    double[] nyquist = power(fft, alternating);
    double peak = (double) n * n;
    for (int j = 0; j <= n / 2; j++) {
      assertThat(Math.abs(dc[j] - (j == 0 ? 0.5625 * peak : 0))).as("constant, bin %d", j)
          .isLessThan(1e-13 * peak);
      assertThat(Math.abs(nyquist[j] - (j == n / 2 ? peak : 0))).as("alternating, bin %d", j)
          .isLessThan(1e-13 * peak);
    }
  }

  @ParameterizedTest(name = "n = {0}")
  @ValueSource(ints = {128, 512, 2048, 4096, 8192, 16384, 2400})
  void parsevalsIdentityHolds(int n) {
    RealFft fft = new RealFft(n);
    double[] x = gaussian(n, 77 + n);
    double energy = 0;
    for (double v : x) {
      energy += v * v;
    }
    double[] power = power(fft, x);
    double sum = power[0] + power[n / 2];
    for (int k = 1; k < n / 2; k++) {
      sum += 2 * power[k];
    }
    assertThat(sum / n).isCloseTo(energy, org.assertj.core.data.Percentage.withPercentage(1e-10));
  }

  @Test
  void anInstanceIsReusableAndWritesOnlyItsBins() {
    for (int n : new int[] {4096, 2400}) {
      RealFft fft = new RealFft(n);
      double[] power = new double[n / 2 + 1 + 16];
      for (long seed = 5; seed <= 7; seed++) {
        Arrays.fill(power, Double.NaN);
        double[] x = gaussian(n, seed);
        double[] frame = x.clone();
        fft.power(frame, power);
        double[] expected = naivePower(x);
        assertThat(relativeError(Arrays.copyOf(power, n / 2 + 1), expected)).as("n = %d", n).isLessThan(1e-13);
        for (int j = n / 2 + 1; j < power.length; j++) {
          assertThat(power[j]).as("past the last bin, n = %d", n).isNaN();
        }
      }
    }
  }

  @Test
  void shortBuffersAreRejected() {
    RealFft fft = new RealFft(1024);
    assertThatThrownBy(() -> fft.power(new double[1024], new double[512]))
        .isInstanceOf(RuntimeException.class);
    assertThatThrownBy(() -> fft.power(new double[1000], new double[513]))
        .isInstanceOf(RuntimeException.class);
  }
}
