package org.synthstack.audio;

import java.util.Arrays;
import java.util.Objects;

/** Channel mixing. */
public final class Mixdown {

  private Mixdown() {}

  /**
   * The average of all channels, sample by sample: {@code mono[i] = (1/C) * sum_c channels[c][i]}.
   *
   * <p>An average rather than a sum, so a full-scale signal stays within full scale whatever the
   * channel count, and a mono file duplicated to stereo mixes back to itself. Out-of-phase channels
   * cancel, as they would on a mono speaker.
   *
   * @param channels {@code [channel][frame]}, at least one channel, all of equal length
   * @return a new array (a copy even for mono input, so callers may modify it)
   */
  public static double[] toMono(double[][] channels) {
    Objects.requireNonNull(channels, "channels");
    if (channels.length == 0) {
      throw new IllegalArgumentException("at least one channel is required");
    }
    int frames = channels[0].length;
    for (int c = 1; c < channels.length; c++) {
      if (channels[c].length != frames) {
        throw new IllegalArgumentException(
            "channel " + c + " has " + channels[c].length + " samples; channel 0 has " + frames);
      }
    }
    if (channels.length == 1) {
      return Arrays.copyOf(channels[0], frames);
    }
    double[] mono = Arrays.copyOf(channels[0], frames);
    for (int c = 1; c < channels.length; c++) {
      double[] channel = channels[c];
      for (int i = 0; i < frames; i++) {
        mono[i] += channel[i];
      }
    }
    double scale = 1.0 / channels.length;
    for (int i = 0; i < frames; i++) {
      mono[i] *= scale;
    }
    return mono;
  }
}
