package org.synthstack.audio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Writes canonical little-endian RIFF/WAVE files: a {@code fmt } chunk with format tag 1 (PCM) or 3
 * (IEEE float), a {@code fact} chunk for float (the WAVE spec requires it for non-PCM data), then the
 * {@code data} chunk, padded to an even length.
 *
 * <p>Plain format tags rather than WAVE_FORMAT_EXTENSIBLE: every reader, old or new, accepts them for
 * any channel count, and no speaker mapping is implied.
 *
 * <p>Quantisation for PCM: {@code round(x * 2^(bits-1))}, rounding halves away from zero, then
 * clipped to {@code [-2^(bits-1), 2^(bits-1) - 1]}. This is the exact inverse of {@link
 * AudioDecoder}'s scaling, so decode(write(q / 2^(bits-1))) returns the same values bit for bit.
 * FLOAT_32 is not clipped (float WAV may exceed full scale).
 */
public final class WavWriter {

  /** The sample encodings the synthesizer renders to. */
  public enum SampleFormat {
    /** 16-bit signed integer PCM. */
    PCM_16(2, 1),
    /** 24-bit signed integer PCM, packed in three bytes. */
    PCM_24(3, 1),
    /** 32-bit IEEE float. */
    FLOAT_32(4, 3);

    private final int bytesPerSample;
    private final int formatTag;

    SampleFormat(int bytesPerSample, int formatTag) {
      this.bytesPerSample = bytesPerSample;
      this.formatTag = formatTag;
    }

    public int bytesPerSample() {
      return bytesPerSample;
    }

    public int bitsPerSample() {
      return bytesPerSample * 8;
    }
  }

  /** The largest data chunk a 32-bit RIFF size field can describe alongside the header. */
  private static final long MAX_DATA_BYTES = 0xFFFF_FFFFL - 64;

  private static final int BUFFER_BYTES = 1 << 16;

  private WavWriter() {}

  /**
   * Writes one WAV file to {@code out}. The stream is not closed.
   *
   * @param channels samples per channel, {@code [channel][frame]}, nominally in [-1, 1]; all of
   *     equal length (may be 0); finite values only
   * @param sampleRate in Hz, positive
   * @throws IllegalArgumentException for no channels, unequal lengths, non-finite samples, or more
   *     data than a RIFF file can describe (about 4 GiB)
   * @throws IOException if the stream fails
   */
  public static void write(OutputStream out, double[][] channels, int sampleRate, SampleFormat format)
      throws IOException {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(format, "format");
    validate(channels, sampleRate);
    int channelCount = channels.length;
    int frames = channels[0].length;
    int blockAlign = channelCount * format.bytesPerSample;
    long dataBytes = (long) frames * blockAlign;
    if (dataBytes > MAX_DATA_BYTES) {
      throw new IllegalArgumentException(
          dataBytes + " bytes of audio do not fit a RIFF file (at most " + MAX_DATA_BYTES + ")");
    }
    boolean isFloat = format == SampleFormat.FLOAT_32;
    int pad = (int) (dataBytes & 1);
    int headerBytes = 12 + 8 + 16 + (isFloat ? 12 : 0) + 8;
    long riffSize = headerBytes - 8 + dataBytes + pad;

    ByteBuffer header = ByteBuffer.allocate(headerBytes).order(ByteOrder.LITTLE_ENDIAN);
    header.put(ascii("RIFF")).putInt((int) riffSize).put(ascii("WAVE"));
    header.put(ascii("fmt ")).putInt(16);
    header.putShort((short) format.formatTag).putShort((short) channelCount);
    header.putInt(sampleRate).putInt(sampleRate * blockAlign); // byte rate; wraps only past 4 GiB/s
    header.putShort((short) blockAlign).putShort((short) format.bitsPerSample());
    if (isFloat) {
      header.put(ascii("fact")).putInt(4).putInt(frames);
    }
    header.put(ascii("data")).putInt((int) dataBytes);
    out.write(header.array());

    ByteBuffer buf = ByteBuffer.allocate(Math.max(BUFFER_BYTES, blockAlign)).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < frames; i++) {
      if (buf.remaining() < blockAlign) {
        out.write(buf.array(), 0, buf.position());
        buf.clear();
      }
      for (int c = 0; c < channelCount; c++) {
        double x = channels[c][i];
        switch (format) {
          case PCM_16 -> buf.putShort((short) quantise(x, 32768.0, -32768, 32767));
          case PCM_24 -> {
            int q = quantise(x, 8388608.0, -8388608, 8388607);
            buf.put((byte) q).put((byte) (q >> 8)).put((byte) (q >> 16));
          }
          case FLOAT_32 -> buf.putFloat((float) x);
          default -> throw new IllegalStateException(format.name());
        }
      }
    }
    if (pad == 1) {
      if (buf.remaining() < 1) {
        out.write(buf.array(), 0, buf.position());
        buf.clear();
      }
      buf.put((byte) 0);
    }
    out.write(buf.array(), 0, buf.position());
  }

  /** Writes a mono file; see {@link #write(OutputStream, double[][], int, SampleFormat)}. */
  public static void writeMono(OutputStream out, double[] samples, int sampleRate, SampleFormat format)
      throws IOException {
    write(out, new double[][] {samples}, sampleRate, format);
  }

  /** The complete WAV file as bytes; see {@link #write(OutputStream, double[][], int, SampleFormat)}. */
  public static byte[] toBytes(double[][] channels, int sampleRate, SampleFormat format) {
    validate(channels, sampleRate);
    long size = 64 + (long) channels.length * channels[0].length * format.bytesPerSample;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.min(size, Integer.MAX_VALUE - 8));
    try {
      write(bytes, channels, sampleRate, format);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // ByteArrayOutputStream does not throw
    }
    return bytes.toByteArray();
  }

  private static int quantise(double x, double scale, int min, int max) {
    long q = Math.round(Math.abs(x) * scale); // round half away from zero, symmetric in sign
    q = x < 0 ? -q : q;
    return (int) Math.max(min, Math.min(max, q));
  }

  private static void validate(double[][] channels, int sampleRate) {
    Objects.requireNonNull(channels, "channels");
    if (channels.length == 0 || channels.length > 0xFFFF) {
      throw new IllegalArgumentException("channel count must be 1..65535: " + channels.length);
    }
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
    }
    int frames = channels[0].length;
    for (int c = 0; c < channels.length; c++) {
      double[] channel = channels[c];
      if (channel.length != frames) {
        throw new IllegalArgumentException(
            "channel " + c + " has " + channel.length + " samples; channel 0 has " + frames);
      }
      for (int i = 0; i < frames; i++) {
        if (!Double.isFinite(channel[i])) {
          throw new IllegalArgumentException(
              "sample " + i + " of channel " + c + " is " + channel[i] + "; only finite values can be written");
        }
      }
    }
  }

  private static byte[] ascii(String s) {
    byte[] b = new byte[s.length()];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) s.charAt(i);
    }
    return b;
  }
}
