package org.synthstack.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Builds RIFF/WAVE files byte by byte for tests, independently of {@link WavWriter}, so that
 * malformed and unusual layouts can be expressed directly.
 */
final class WavBuilder {

  static final int PCM = 0x0001;
  static final int FLOAT = 0x0003;
  static final int EXTENSIBLE = 0xFFFE;

  private final ByteArrayOutputStream chunks = new ByteArrayOutputStream();
  private final String magic;
  private final ByteOrder order;
  private Long riffSizeOverride;

  private WavBuilder(String magic, ByteOrder order) {
    this.magic = magic;
    this.order = order;
  }

  static WavBuilder riff() {
    return new WavBuilder("RIFF", ByteOrder.LITTLE_ENDIAN);
  }

  static WavBuilder rifx() {
    return new WavBuilder("RIFX", ByteOrder.BIG_ENDIAN);
  }

  static WavBuilder rf64() {
    return new WavBuilder("RF64", ByteOrder.LITTLE_ENDIAN);
  }

  ByteBuffer buffer(int size) {
    return ByteBuffer.allocate(size).order(order);
  }

  /** A plain 16-byte fmt chunk. */
  WavBuilder fmt(int tag, int channels, int rate, int blockAlign, int bits) {
    ByteBuffer b = buffer(16);
    b.putShort((short) tag).putShort((short) channels).putInt(rate).putInt(rate * blockAlign);
    b.putShort((short) blockAlign).putShort((short) bits);
    return chunk("fmt ", b.array());
  }

  /** A consistent plain fmt chunk for {@code bits}-bit samples in whole-byte containers. */
  WavBuilder fmt(int tag, int channels, int rate, int bits) {
    return fmt(tag, channels, rate, channels * ((bits + 7) / 8), bits);
  }

  /** A 40-byte WAVE_FORMAT_EXTENSIBLE fmt chunk with the given 16-byte sub-format GUID. */
  WavBuilder fmtExtensible(int channels, int rate, int containerBits, int validBits, byte[] guid) {
    int blockAlign = channels * containerBits / 8;
    ByteBuffer b = buffer(40);
    b.putShort((short) EXTENSIBLE).putShort((short) channels).putInt(rate).putInt(rate * blockAlign);
    b.putShort((short) blockAlign).putShort((short) containerBits);
    b.putShort((short) 22).putShort((short) validBits).putInt(0); // cbSize, valid bits, channel mask
    b.put(guid);
    return chunk("fmt ", b.array());
  }

  /** KSDATAFORMAT_SUBTYPE GUID for a WAVE format tag, serialised little-endian as in a RIFF file. */
  static byte[] subFormatGuid(int tag) {
    return new byte[] {
      (byte) tag, (byte) (tag >> 8), 0, 0, 0, 0, 0x10, 0,
      (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71
    };
  }

  /** A chunk whose size field is the body length; odd bodies get the RIFF pad byte. */
  WavBuilder chunk(String id, byte[] body) {
    return chunk(id, body, body.length, true);
  }

  /** A chunk with an arbitrary declared size, with or without a pad byte after an odd body. */
  WavBuilder chunk(String id, byte[] body, long declaredSize, boolean pad) {
    ByteBuffer h = buffer(8);
    h.put(ascii(id)).putInt((int) declaredSize);
    chunks.writeBytes(h.array());
    chunks.writeBytes(body);
    if (pad && (body.length & 1) == 1) {
      chunks.write(0);
    }
    return this;
  }

  WavBuilder data(byte[] body) {
    return chunk("data", body);
  }

  /** Raw bytes appended after the chunks so far (junk, partial chunk headers). */
  WavBuilder raw(byte[] bytes) {
    chunks.writeBytes(bytes);
    return this;
  }

  WavBuilder riffSize(long size) {
    riffSizeOverride = size;
    return this;
  }

  byte[] build() {
    byte[] body = chunks.toByteArray();
    ByteBuffer b = buffer(12 + body.length);
    long riffSize = riffSizeOverride != null ? riffSizeOverride : 4 + body.length;
    b.put(ascii(magic)).putInt((int) riffSize).put(ascii("WAVE")).put(body);
    return b.array();
  }

  // ---- sample encoders (interleaved) ----

  byte[] pcm16(int... samples) {
    ByteBuffer b = buffer(samples.length * 2);
    for (int s : samples) {
      b.putShort((short) s);
    }
    return b.array();
  }

  byte[] pcm24(int... samples) {
    ByteBuffer b = buffer(samples.length * 3);
    for (int s : samples) {
      if (order == ByteOrder.LITTLE_ENDIAN) {
        b.put((byte) s).put((byte) (s >> 8)).put((byte) (s >> 16));
      } else {
        b.put((byte) (s >> 16)).put((byte) (s >> 8)).put((byte) s);
      }
    }
    return b.array();
  }

  byte[] pcm32(int... samples) {
    ByteBuffer b = buffer(samples.length * 4);
    for (int s : samples) {
      b.putInt(s);
    }
    return b.array();
  }

  byte[] float32(float... samples) {
    ByteBuffer b = buffer(samples.length * 4);
    for (float s : samples) {
      b.putFloat(s);
    }
    return b.array();
  }

  byte[] float64(double... samples) {
    ByteBuffer b = buffer(samples.length * 8);
    for (double s : samples) {
      b.putDouble(s);
    }
    return b.array();
  }

  static byte[] ascii(String s) {
    byte[] b = new byte[s.length()];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) s.charAt(i);
    }
    return b;
  }
}
