package org.synthstack.audio;

import java.util.List;
import java.util.Objects;

/**
 * The ingest path in one call: decode, mix to mono, resample to the rate the features expect.
 * Stateless and thread-safe.
 */
public final class AudioLoader {

  private AudioLoader() {}

  /**
   * Mono audio at a target rate, plus what the original file was.
   *
   * @param samples mono samples at {@code sampleRate}
   * @param sampleRate the target rate (Hz) the samples are at
   * @param originalSampleRate the file's rate (Hz)
   * @param originalChannels the file's channel count
   * @param durationSeconds the file's duration: original frames / original rate
   * @param format the container and encoding, as {@link DecodedAudio#format()}
   * @param originalBitsPerSample as {@link DecodedAudio#bitsPerSample()} (0 for lossy codecs)
   * @param warnings decoder warnings, as {@link DecodedAudio#warnings()}
   */
  public record MonoAudio(
      double[] samples,
      int sampleRate,
      int originalSampleRate,
      int originalChannels,
      double durationSeconds,
      String format,
      int originalBitsPerSample,
      List<String> warnings) {

    public MonoAudio {
      Objects.requireNonNull(samples, "samples");
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * Decodes {@code data}, averages its channels ({@link Mixdown#toMono}) and resamples to {@code
   * targetRate} ({@link Resampler}); a file already at the target rate is not filtered.
   *
   * @param targetRate output rate in Hz, positive (48 000 for the ear's features)
   * @throws AudioDecodeException as {@link AudioDecoder#decode(byte[], String)}
   */
  public static MonoAudio loadMono(byte[] data, String sourceName, int targetRate)
      throws AudioDecodeException {
    checkTargetRate(targetRate);
    return toMono(AudioDecoder.decode(data, sourceName), targetRate);
  }

  /**
   * As {@link #loadMono(byte[], String, int)}, rejecting files longer than {@code maxSeconds} with
   * {@link AudioDecodeException.Reason#TOO_LONG} before decoding all of them where the format allows.
   *
   * @param maxSeconds longest accepted duration in seconds, positive
   */
  public static MonoAudio loadMono(byte[] data, String sourceName, int targetRate, double maxSeconds)
      throws AudioDecodeException {
    checkTargetRate(targetRate);
    if (!(maxSeconds > 0)) {
      throw new IllegalArgumentException("maxSeconds must be positive: " + maxSeconds);
    }
    // The frame limit depends on the file's rate, which is unknown until its header is read; bound it
    // by the highest accepted rate first, then check precisely.
    long bound = (long) Math.min(Long.MAX_VALUE / 2.0, Math.floor(maxSeconds * AudioDecoder.MAX_SAMPLE_RATE_HZ));
    DecodedAudio decoded = AudioDecoder.decode(data, sourceName, Math.max(1, bound));
    if (decoded.durationSeconds() > maxSeconds) {
      throw new AudioDecodeException(
          AudioDecodeException.Reason.TOO_LONG,
          sourceName,
          String.format(
              "lasts %.3f s (%d frames at %d Hz); the limit is %s s",
              decoded.durationSeconds(), decoded.frameCount(), decoded.sampleRate(), maxSeconds));
    }
    return toMono(decoded, targetRate);
  }

  private static void checkTargetRate(int targetRate) {
    if (targetRate <= 0) {
      throw new IllegalArgumentException("target rate must be positive: " + targetRate);
    }
  }

  private static MonoAudio toMono(DecodedAudio decoded, int targetRate) {
    double[] mono = Mixdown.toMono(decoded.channels());
    double[] resampled = Resampler.of(decoded.sampleRate(), targetRate).process(mono);
    return new MonoAudio(
        resampled,
        targetRate,
        decoded.sampleRate(),
        decoded.channelCount(),
        decoded.durationSeconds(),
        decoded.format(),
        decoded.bitsPerSample(),
        decoded.warnings());
  }
}
