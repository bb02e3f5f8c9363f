package org.synthstack.jobs.ingest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.synthstack.audio.AudioDecodeException;
import org.synthstack.audio.AudioLoader;
import org.synthstack.features.EarFeatureExtractor;
import org.synthstack.features.EarFeatures;

/**
 * The per-file work of ingest, without Spark: decode a recording, mix it to mono, resample it to 48 kHz
 * ({@link AudioLoader}), and compute its ear features with the {@link EarFeatureExtractor} that render uses. The
 * Spark worker and the ingest benchmark both call this. Not thread-safe (the extractor is a workspace): one per
 * task or thread.
 */
public final class RecordingFeaturizer {
  /** A mono 48 kHz signal whose peak is below this is silent (as render's {@code silent}: -200 dBFS). */
  public static final double SILENCE = 1e-10;

  /**
   * A decoded and featurised recording.
   *
   * @param format container and encoding, as {@code DecodedAudio#format()}
   * @param originalRate the file's sample rate (Hz)
   * @param channels the file's channel count
   * @param bitsPerSample the file's resolution, 0 for lossy codecs
   * @param durationSeconds the file's duration
   * @param peak the largest absolute sample of the mono 48 kHz signal (whole file)
   * @param silent {@code peak < SILENCE}
   * @param warnings what the decoder repaired or ignored
   */
  public record Recording(String format, int originalRate, int channels, int bitsPerSample, double durationSeconds,
      double peak, boolean silent, List<String> warnings, EarFeatures features) {}

  private final EarFeatureExtractor extractor = new EarFeatureExtractor();
  private final double maxSeconds;
  private long decodeNanos;
  private long featureNanos;

  /** @param maxSeconds longer files are rejected with {@code TOO_LONG}, before being decoded where the format allows */
  public RecordingFeaturizer(double maxSeconds) {
    if (!(maxSeconds > 0)) {
      throw new IllegalArgumentException("maxSeconds must be positive: " + maxSeconds);
    }
    this.maxSeconds = maxSeconds;
  }

  /**
   * Decodes and featurises one file.
   *
   * @param name the file's path, used in messages
   * @throws AudioDecodeException when the bytes are not intact, supported audio, or last longer than the limit
   */
  public Recording process(byte[] bytes, String name) throws AudioDecodeException {
    long t0 = System.nanoTime();
    AudioLoader.MonoAudio audio;
    try {
      audio = AudioLoader.loadMono(bytes, name, EarFeatureExtractor.SAMPLE_RATE, maxSeconds);
    } finally {
      decodeNanos += System.nanoTime() - t0; // failures cost time too
    }
    long t1 = System.nanoTime();
    double[] samples = audio.samples();
    double peak = 0;
    for (double s : samples) {
      double a = Math.abs(s);
      if (a > peak) {
        peak = a;
      }
    }
    EarFeatures features = extractor.extract(samples);
    long t2 = System.nanoTime();
    featureNanos += t2 - t1;
    return new Recording(audio.format(), audio.originalSampleRate(), audio.originalChannels(),
        audio.originalBitsPerSample(), audio.durationSeconds(), peak, peak < SILENCE, audio.warnings(), features);
  }

  /** Time spent decoding, mixing and resampling so far, including files that failed. */
  public long decodeNanos() {
    return decodeNanos;
  }

  /** Time spent computing features so far. */
  public long featureNanos() {
    return featureNanos;
  }

  /** Lower-case hex SHA-256 of {@code bytes}. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
