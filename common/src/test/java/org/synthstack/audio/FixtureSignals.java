package org.synthstack.audio;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.synthstack.audio.WavWriter.SampleFormat;

/**
 * Deterministic signals behind the committed FLAC fixtures. StrictMath makes them identical on every
 * JVM, so a test can regenerate the exact samples the reference encoder was given.
 *
 * <p>{@code main} writes the source WAV files; see {@code src/test/resources/audio/README.md}.
 */
final class FixtureSignals {

  static final int RATE = 44100;
  static final int FRAMES = 2205; // 50 ms

  private FixtureSignals() {}

  /**
   * Stereo: a decaying 220 Hz tone on the left; the right is mostly the left plus an octave, so the
   * encoder picks inter-channel (side) coding.
   */
  static double[][] stereoTone() {
    double[][] x = new double[2][FRAMES];
    for (int i = 0; i < FRAMES; i++) {
      double t = (double) i / RATE;
      double envelope = StrictMath.exp(-t * 30);
      x[0][i] = 0.8 * envelope * StrictMath.sin(2 * StrictMath.PI * 220 * t);
      x[1][i] = 0.7 * x[0][i] + 0.1 * envelope * StrictMath.sin(2 * StrictMath.PI * 440 * t + 1.0);
    }
    return x;
  }

  /** Mono: a 1 kHz tone at -6 dBFS with a small 24-bit-scale detail so the low bits matter. */
  static double[][] monoDetailed() {
    double[][] x = new double[1][FRAMES];
    for (int i = 0; i < FRAMES; i++) {
      double t = (double) i / RATE;
      x[0][i] = 0.5 * StrictMath.sin(2 * StrictMath.PI * 1000 * t) + 1e-4 * StrictMath.sin(2 * StrictMath.PI * 3517 * t);
    }
    return x;
  }

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : ".");
    write(dir.resolve("flac-stereo-16.wav"), stereoTone(), SampleFormat.PCM_16);
    write(dir.resolve("flac-mono-24.wav"), monoDetailed(), SampleFormat.PCM_24);
  }

  private static void write(Path path, double[][] x, SampleFormat format) throws IOException {
    try (OutputStream out = Files.newOutputStream(path)) {
      WavWriter.write(out, x, RATE, format);
    }
  }
}
