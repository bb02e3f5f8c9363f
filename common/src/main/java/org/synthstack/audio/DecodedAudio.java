package org.synthstack.audio;

import java.util.List;
import java.util.Objects;

/**
 * Audio as decoded from a file, before any mixing or resampling.
 *
 * <p>{@code channels[c][i]} is sample {@code i} (a frame index) of channel {@code c}. Integer PCM is
 * scaled by 2^(bits-1), so full-scale negative is exactly -1.0 and full-scale positive is
 * 1 - 2^-(bits-1); floating-point and lossy data keep their values and may exceed [-1, 1] (values
 * are finite: non-finite input is rejected). All channels have the same length, at least 1.
 *
 * <p>The arrays are handed over, not copied: the record is a carrier, and its {@code equals} compares
 * array identity. Do not mutate the arrays if the record is shared.
 *
 * @param sampleRate frames per second (Hz), within {@link AudioDecoder#MIN_SAMPLE_RATE_HZ} ..
 *     {@link AudioDecoder#MAX_SAMPLE_RATE_HZ}
 * @param channels samples per channel, {@code [channel][frame]}; at least one channel and one frame
 * @param format container and encoding, e.g. {@code "wav/pcm24"}, {@code "wav/float32"},
 *     {@code "flac"}, {@code "ogg/vorbis"}
 * @param bitsPerSample the original resolution in bits (PCM valid bits, 32/64 for float, FLAC bits
 *     per sample), or 0 where it has no meaning (lossy codecs)
 * @param warnings things the decoder repaired or ignored while still producing correct audio (e.g. a
 *     dropped partial trailing frame); empty for a clean file
 */
public record DecodedAudio(
    int sampleRate, double[][] channels, String format, int bitsPerSample, List<String> warnings) {

  public DecodedAudio {
    Objects.requireNonNull(channels, "channels");
    Objects.requireNonNull(format, "format");
    warnings = List.copyOf(warnings);
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
    }
    if (channels.length == 0) {
      throw new IllegalArgumentException("at least one channel is required");
    }
    if (channels[0].length == 0) {
      throw new IllegalArgumentException("at least one frame is required");
    }
    for (double[] channel : channels) {
      if (channel.length != channels[0].length) {
        throw new IllegalArgumentException("channels differ in length");
      }
    }
  }

  /** Number of channels (1 = mono). */
  public int channelCount() {
    return channels.length;
  }

  /** Number of frames (samples per channel). */
  public int frameCount() {
    return channels[0].length;
  }

  /** Duration in seconds: frames / sample rate. */
  public double durationSeconds() {
    return (double) frameCount() / sampleRate;
  }
}
