package org.synthstack.audio;

import java.util.Arrays;

/**
 * Per-channel growable sample storage for codecs whose length is only known once decoding ends
 * (FLAC without a total-samples field, Ogg Vorbis). Capacity doubles, so appends are amortised O(1)
 * and there is no allocation per sample.
 */
final class SampleBuffer {

  private double[][] channels;
  private int frames;

  /**
   * @param channelCount number of channels
   * @param initialFrames capacity hint; callers cap it so that a lying header cannot make us allocate
   *     more than the file could ever decode to
   */
  SampleBuffer(int channelCount, int initialFrames) {
    int capacity = Math.max(1024, initialFrames);
    channels = new double[channelCount][capacity];
  }

  int frames() {
    return frames;
  }

  /** Makes room for {@code more} further frames. */
  void ensureRoom(int more) {
    long needed = (long) frames + more;
    if (needed > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("more than 2^31 frames cannot be held in memory");
    }
    if (needed > channels[0].length) {
      int capacity = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, 2L * channels[0].length));
      for (int c = 0; c < channels.length; c++) {
        channels[c] = Arrays.copyOf(channels[c], capacity);
      }
    }
  }

  /** The channel array to write into at {@link #frames()}; call {@link #ensureRoom} first. */
  double[] channel(int c) {
    return channels[c];
  }

  /** Declares that {@code count} frames were written into every channel. */
  void advance(int count) {
    frames += count;
  }

  /** Drops frames past {@code newLength}. */
  void truncate(int newLength) {
    frames = Math.min(frames, newLength);
  }

  /** Exactly-sized copies of the decoded channels. */
  double[][] toArrays() {
    double[][] out = new double[channels.length][];
    for (int c = 0; c < channels.length; c++) {
      out[c] = channels[c].length == frames ? channels[c] : Arrays.copyOf(channels[c], frames);
    }
    return out;
  }
}
