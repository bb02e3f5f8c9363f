package org.synthstack.jobs.ingest;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds WAV files byte by byte for the ingest tests, so that broken and unusual layouts are easy to write. */
final class Wav {
  static final int PCM = 1;
  static final int FLOAT = 3;

  private final ByteArrayOutputStream chunks = new ByteArrayOutputStream();
  private final String magic;
  private final ByteOrder order;

  private Wav(String magic, ByteOrder order) {
    this.magic = magic;
    this.order = order;
  }

  static Wav riff() {
    return new Wav("RIFF", ByteOrder.LITTLE_ENDIAN);
  }

  static Wav rifx() {
    return new Wav("RIFX", ByteOrder.BIG_ENDIAN);
  }

  Wav fmt(int tag, int channels, int rate, int bits) {
    int align = channels * ((bits + 7) / 8);
    ByteBuffer b = ByteBuffer.allocate(16).order(order);
    b.putShort((short) tag).putShort((short) channels).putInt(rate).putInt(rate * align).putShort((short) align)
        .putShort((short) bits);
    return chunk("fmt ", b.array(), 16);
  }

  /** WAVE_FORMAT_EXTENSIBLE with the standard sub-format GUID of {@code tag}. */
  Wav fmtExtensible(int tag, int channels, int rate, int bits) {
    int align = channels * bits / 8;
    ByteBuffer b = ByteBuffer.allocate(40).order(order);
    b.putShort((short) 0xFFFE).putShort((short) channels).putInt(rate).putInt(rate * align).putShort((short) align)
        .putShort((short) bits).putShort((short) 22).putShort((short) bits).putInt(0);
    b.put(new byte[] {(byte) tag, (byte) (tag >> 8), 0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38,
        (byte) 0x9B, 0x71});
    return chunk("fmt ", b.array(), 40);
  }

  Wav data(byte[] body) {
    return chunk("data", body, body.length);
  }

  /** A chunk declaring {@code declared} bytes whatever its body; odd bodies get the pad byte. */
  Wav chunk(String id, byte[] body, long declared) {
    ByteBuffer h = ByteBuffer.allocate(8).order(order);
    h.put(id.getBytes(StandardCharsets.US_ASCII)).putInt((int) declared);
    chunks.writeBytes(h.array());
    chunks.writeBytes(body);
    if ((body.length & 1) == 1) {
      chunks.write(0);
    }
    return this;
  }

  byte[] build() {
    byte[] body = chunks.toByteArray();
    ByteBuffer b = ByteBuffer.allocate(12 + body.length).order(order);
    b.put(magic.getBytes(StandardCharsets.US_ASCII)).putInt(4 + body.length)
        .put("WAVE".getBytes(StandardCharsets.US_ASCII)).put(body);
    return b.array();
  }

  // ---- sample encoders, interleaved: samples[frame][channel] in [-1, 1]

  static double[][] mono(double[] x) {
    double[][] out = new double[x.length][1];
    for (int i = 0; i < x.length; i++) {
      out[i][0] = x[i];
    }
    return out;
  }

  byte[] pcm16(double[][] frames) {
    ByteBuffer b = ByteBuffer.allocate(frames.length * frames[0].length * 2).order(order);
    for (double[] frame : frames) {
      for (double v : frame) {
        b.putShort((short) Math.max(-32768, Math.min(32767, Math.round(v * 32768))));
      }
    }
    return b.array();
  }

  byte[] pcm24(double[][] frames) {
    ByteBuffer b = ByteBuffer.allocate(frames.length * frames[0].length * 3).order(order);
    for (double[] frame : frames) {
      for (double v : frame) {
        int q = (int) Math.max(-8388608, Math.min(8388607, Math.round(v * 8388608)));
        if (order == ByteOrder.LITTLE_ENDIAN) {
          b.put((byte) q).put((byte) (q >> 8)).put((byte) (q >> 16));
        } else {
          b.put((byte) (q >> 16)).put((byte) (q >> 8)).put((byte) q);
        }
      }
    }
    return b.array();
  }

  static byte[] pcm8(double[] x) {
    byte[] out = new byte[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = (byte) (Math.max(0, Math.min(255, Math.round(x[i] * 128) + 128)));
    }
    return out;
  }

  byte[] float32(double[][] frames) {
    ByteBuffer b = ByteBuffer.allocate(frames.length * frames[0].length * 4).order(order);
    for (double[] frame : frames) {
      for (double v : frame) {
        b.putFloat((float) v);
      }
    }
    return b.array();
  }

  byte[] float64(double[][] frames) {
    ByteBuffer b = ByteBuffer.allocate(frames.length * frames[0].length * 8).order(order);
    for (double[] frame : frames) {
      for (double v : frame) {
        b.putDouble(v);
      }
    }
    return b.array();
  }

  static double[] sine(double hz, double amplitude, int rate, int frames) {
    double[] x = new double[frames];
    for (int i = 0; i < frames; i++) {
      x[i] = amplitude * Math.sin(2 * Math.PI * hz * i / rate);
    }
    return x;
  }

  /** A decaying noise burst, drum-like, from a fixed seed. */
  static double[] hit(long seed, int rate, int frames) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    double[] x = new double[frames];
    for (int i = 0; i < frames; i++) {
      x[i] = 0.9 * Math.exp(-8.0 * i / rate) * (r.nextDouble() * 2 - 1);
    }
    return x;
  }

  /** A mono 16-bit WAV of {@code x}. */
  static byte[] mono16(double[] x, int rate) {
    Wav w = riff();
    return w.fmt(PCM, 1, rate, 16).data(w.pcm16(mono(x))).build();
  }
}
