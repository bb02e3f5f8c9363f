package org.synthstack.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BiquadBankTest {
  private static final double FS = 48_000;
  private static final int L = BiquadBank.LANES;

  /** The textbook direct-form-I difference equation, as an independent reference. */
  private static double[] directFormOne(BiquadCascade c, double[] x) {
    double[] y = x.clone();
    for (int s = 0; s < c.sections(); s++) {
      double x1 = 0;
      double x2 = 0;
      double y1 = 0;
      double y2 = 0;
      for (int n = 0; n < y.length; n++) {
        double in = y[n];
        double out = c.coefficient(s, 0) * in + c.coefficient(s, 1) * x1 + c.coefficient(s, 2) * x2
            - c.coefficient(s, 3) * y1 - c.coefficient(s, 4) * y2;
        x2 = x1;
        x1 = in;
        y2 = y1;
        y1 = out;
        y[n] = out;
      }
    }
    return y;
  }

  private static BiquadCascade[] eightDifferentCascades() {
    return new BiquadCascade[] {
        Butterworth.lowPass(4, 1000, FS),
        Butterworth.highPass(8, 200, FS).then(Butterworth.lowPass(8, 4000, FS)),
        Butterworth.highPass(16, 16.35, FS).then(Butterworth.lowPass(16, 15_000, FS)),
        Butterworth.lowPass(16, 80, FS),
        Butterworth.highPass(4, 10_000, FS),
        Butterworth.highPass(8, 5000, FS).then(Butterworth.lowPass(8, 5000, FS)),
        Butterworth.lowPass(8, 20_000, FS),
        BiquadCascade.identity(),
    };
  }

  private static double[][] randomSignals(int frames, long seed) {
    Random rng = new Random(seed);
    double[][] x = new double[L][frames];
    for (double[] lane : x) {
      for (int n = 0; n < frames; n++) {
        lane[n] = rng.nextGaussian();
      }
    }
    return x;
  }

  private static double[] interleave(double[][] lanes, int frames) {
    double[] buffer = new double[frames * L];
    for (int lane = 0; lane < L; lane++) {
      for (int n = 0; n < frames; n++) {
        buffer[n * L + lane] = lanes[lane][n];
      }
    }
    return buffer;
  }

  @Test
  void everyLaneMatchesTheDirectFormReference() {
    int frames = 5000;
    BiquadCascade[] cascades = eightDifferentCascades();
    double[][] x = randomSignals(frames, 1);
    double[] buffer = interleave(x, frames);
    BiquadBank bank = new BiquadBank();
    bank.load(cascades, L);
    bank.process(buffer, frames);
    for (int lane = 0; lane < L; lane++) {
      double[] expected = directFormOne(cascades[lane], x[lane]);
      for (int n = 0; n < frames; n++) {
        assertThat(buffer[n * L + lane]).as("lane %d frame %d", lane, n)
            .isCloseTo(expected[n], within(1e-9 * (1 + Math.abs(expected[n]))));
      }
    }
  }

  @Test
  void identityLanesPassSamplesThroughExactly() {
    int frames = 1000;
    double[][] x = randomSignals(frames, 2);
    double[] buffer = interleave(x, frames);
    BiquadBank bank = new BiquadBank();
    bank.load(new BiquadCascade[] {Butterworth.lowPass(16, 500, FS)}, 1);
    bank.process(buffer, frames);
    for (int lane = 1; lane < L; lane++) {
      for (int n = 0; n < frames; n++) {
        assertThat(buffer[n * L + lane]).isEqualTo(x[lane][n]);
      }
    }
  }

  @Test
  void aLanesOutputDoesNotDependOnTheOtherLanes() {
    int frames = 3000;
    BiquadCascade[] cascades = eightDifferentCascades();
    double[][] a = randomSignals(frames, 3);
    double[][] b = randomSignals(frames, 4);
    b[2] = a[2].clone();
    BiquadBank bank = new BiquadBank();
    double[] outA = interleave(a, frames);
    bank.load(cascades, L);
    bank.process(outA, frames);
    double[] outB = interleave(b, frames);
    BiquadCascade[] shuffled = cascades.clone();
    shuffled[0] = cascades[5];
    shuffled[7] = cascades[1];
    bank.load(shuffled, L);
    bank.process(outB, frames);
    for (int n = 0; n < frames; n++) {
      assertThat(outB[n * L + 2]).isEqualTo(outA[n * L + 2]);
    }
  }

  @Test
  void vectorAndScalarKernelsAreBitIdenticalIncludingSilentTails() {
    int frames = 20_000;
    BiquadCascade[] cascades = eightDifferentCascades();
    double[][] x = randomSignals(frames, 5);
    for (double[] lane : x) {
      java.util.Arrays.fill(lane, 4000, frames, 0);
    }
    double[] vector = interleave(x, frames);
    double[] scalar = vector.clone();
    BiquadBank bank = new BiquadBank();
    bank.load(cascades, L);
    bank.process(vector, frames);
    bank.load(cascades, L);
    bank.processScalar(scalar, frames);
    assertThat(vector).isEqualTo(scalar);
  }

  @Test
  void processingInChunksContinuesTheState() {
    int frames = 4 * BiquadBank.FLUSH_BLOCK * 3;
    BiquadCascade[] cascades = eightDifferentCascades();
    double[][] x = randomSignals(frames, 6);
    double[] whole = interleave(x, frames);
    BiquadBank bank = new BiquadBank();
    bank.load(cascades, L);
    bank.process(whole, frames);
    double[] chunked = interleave(x, frames);
    bank.load(cascades, L);
    int chunk = 2 * BiquadBank.FLUSH_BLOCK;
    double[] piece = new double[chunk * L];
    for (int from = 0; from < frames; from += chunk) {
      System.arraycopy(chunked, from * L, piece, 0, chunk * L);
      bank.process(piece, chunk);
      System.arraycopy(piece, 0, chunked, from * L, chunk * L);
    }
    assertThat(chunked).isEqualTo(whole);
  }

  @Test
  void steadyStateSineAmplitudeIsTheMagnitudeResponse() {
    BiquadCascade c = Butterworth.highPass(8, 300, FS).then(Butterworth.lowPass(8, 3000, FS));
    int frames = 48_000;
    double[] freqs = {100, 300, 1000, 3000, 6000, 150, 2000, 500};
    double[][] x = new double[L][frames];
    for (int lane = 0; lane < L; lane++) {
      for (int n = 0; n < frames; n++) {
        x[lane][n] = Math.sin(2 * Math.PI * freqs[lane] * n / FS);
      }
    }
    double[] buffer = interleave(x, frames);
    BiquadBank bank = new BiquadBank();
    BiquadCascade[] same = new BiquadCascade[L];
    java.util.Arrays.fill(same, c);
    bank.load(same, L);
    bank.process(buffer, frames);
    for (int lane = 0; lane < L; lane++) {
      // Over a whole number of periods the RMS of a sine is its amplitude over root two.
      double energy = 0;
      for (int n = frames / 2; n < frames; n++) {
        energy += buffer[n * L + lane] * buffer[n * L + lane];
      }
      double amplitude = Math.sqrt(2 * energy / (frames / 2));
      assertThat(amplitude).as("%s Hz", freqs[lane]).isCloseTo(c.magnitude(freqs[lane], FS), within(1e-4));
    }
  }
}
