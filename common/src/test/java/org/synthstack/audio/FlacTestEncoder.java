package org.synthstack.audio;

import java.io.ByteArrayOutputStream;

/**
 * A minimal FLAC encoder for tests: fixed block size, independent channels, VERBATIM subframes only,
 * written straight from the FLAC format specification. It gives bit-exact expected samples without any
 * external tool; the committed fixtures made by the reference encoder cover the compressed subframe
 * types.
 */
final class FlacTestEncoder {

  private FlacTestEncoder() {}

  /**
   * @param samples {@code [channel][frame]} signed integers that fit in {@code bits}
   * @param bits bits per sample: 8, 12, 16, 20 or 24 (the sizes a frame header can name)
   * @param declaredTotal the STREAMINFO total-samples field (0 = unknown)
   */
  static byte[] encode(int[][] samples, int sampleRate, int bits, int blockSize, long declaredTotal) {
    int channels = samples.length;
    int frames = samples[0].length;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {'f', 'L', 'a', 'C'});
    BitWriter info = new BitWriter();
    info.write(1, 1); // last metadata block
    info.write(0, 7); // STREAMINFO
    info.write(34, 24);
    info.write(blockSize, 16);
    info.write(blockSize, 16);
    info.write(0, 24); // min frame size unknown
    info.write(0, 24); // max frame size unknown
    info.write(sampleRate, 20);
    info.write(channels - 1, 3);
    info.write(bits - 1, 5);
    info.write(declaredTotal >>> 32, 4);
    info.write(declaredTotal & 0xFFFFFFFFL, 32);
    for (int i = 0; i < 16; i++) {
      info.write(0, 8); // MD5 unknown
    }
    out.writeBytes(info.toBytes());

    int frameNumber = 0;
    for (int start = 0; start < frames; start += blockSize, frameNumber++) {
      int n = Math.min(blockSize, frames - start);
      BitWriter f = new BitWriter();
      f.write(0xFFF8, 16); // sync, reserved 0, fixed block size
      f.write(7, 4); // block size: 16 bits (n-1) at the end of the header
      f.write(0, 4); // sample rate: from STREAMINFO
      f.write(channels - 1, 4); // independent channels
      f.write(sampleSizeCode(bits), 3);
      f.write(0, 1);
      writeUtf8(f, frameNumber);
      f.write(n - 1, 16);
      f.write(crc8(f.toBytes()), 8);
      for (int c = 0; c < channels; c++) {
        f.write(0, 1); // padding bit
        f.write(1, 6); // VERBATIM
        f.write(0, 1); // no wasted bits
        for (int i = 0; i < n; i++) {
          f.write(samples[c][start + i] & ((1L << bits) - 1), bits);
        }
      }
      f.alignToByte();
      f.write(crc16(f.toBytes()), 16);
      out.writeBytes(f.toBytes());
    }
    return out.toByteArray();
  }

  private static int sampleSizeCode(int bits) {
    return switch (bits) {
      case 8 -> 1;
      case 12 -> 2;
      case 16 -> 4;
      case 20 -> 5;
      case 24 -> 6;
      default -> throw new IllegalArgumentException("no frame-header code for " + bits + " bits");
    };
  }

  /** The UTF-8-like coding FLAC uses for frame numbers. */
  private static void writeUtf8(BitWriter w, long v) {
    if (v < 0x80) {
      w.write(v, 8);
      return;
    }
    int bytes = v < 0x800 ? 2 : v < 0x10000 ? 3 : v < 0x200000 ? 4 : v < 0x4000000 ? 5 : 6;
    int firstBits = 7 - bytes;
    w.write(((0xFF << (8 - bytes)) & 0xFF) | (v >>> (6 * (bytes - 1))), 8);
    for (int i = bytes - 2; i >= 0; i--) {
      w.write(0x80 | ((v >>> (6 * i)) & 0x3F), 8);
    }
    assert firstBits > 0;
  }

  static int crc8(byte[] data) {
    int crc = 0;
    for (byte b : data) {
      crc ^= b & 0xFF;
      for (int i = 0; i < 8; i++) {
        crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x07) & 0xFF : (crc << 1) & 0xFF;
      }
    }
    return crc;
  }

  static int crc16(byte[] data) {
    int crc = 0;
    for (byte b : data) {
      crc ^= (b & 0xFF) << 8;
      for (int i = 0; i < 8; i++) {
        crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x8005) & 0xFFFF : (crc << 1) & 0xFFFF;
      }
    }
    return crc;
  }

  /** Big-endian bit packing. */
  static final class BitWriter {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private long pending;
    private int pendingBits;

    void write(long value, int bits) {
      for (int i = bits - 1; i >= 0; i--) {
        pending = (pending << 1) | ((value >>> i) & 1);
        if (++pendingBits == 8) {
          bytes.write((int) pending);
          pending = 0;
          pendingBits = 0;
        }
      }
    }

    void alignToByte() {
      while (pendingBits != 0) {
        write(0, 1);
      }
    }

    /** The complete bytes written so far (a partial byte is not included). */
    byte[] toBytes() {
      return bytes.toByteArray();
    }
  }
}
