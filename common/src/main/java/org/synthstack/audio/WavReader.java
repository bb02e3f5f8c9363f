package org.synthstack.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.synthstack.audio.AudioDecodeException.Reason;

/**
 * RIFF/WAVE reader (also RIFX, the big-endian variant, and RF64, the 64-bit-size variant).
 *
 * <p>Accepted: integer PCM of 1..32 bits in 1..4-byte containers (8-bit and below unsigned, as the
 * format defines), IEEE float 32/64, WAVE_FORMAT_EXTENSIBLE with the PCM or IEEE-float sub-format, Vorbis-in-WAV
 * (format tag 0x674F and siblings, whose data chunk is an Ogg Vorbis stream), any
 * channel count up to {@link AudioDecoder#MAX_CHANNELS}, chunks in any order, unknown chunks skipped.
 *
 * <p>Decisions on damaged files, in the order a user would expect from a careful tool:
 *
 * <ul>
 *   <li>A data chunk that declares more bytes than remain in the file is rejected with {@link
 *       Reason#DATA_BEYOND_END_OF_FILE}: the file was cut short, and decoding what is left would
 *       silently feed a truncated drum hit into training. The one exception is a declared size of
 *       0xFFFFFFFF in a plain RIFF file, the placeholder streaming writers (e.g. ffmpeg to a pipe)
 *       leave: the data then runs to the end of the file, with a warning.
 *   <li>Bytes at the end of the data chunk that do not make a whole frame are dropped, with a
 *       warning: they cannot be assigned to channels, and the complete frames before them are intact.
 *   <li>The RIFF pad byte after an odd-sized chunk is honoured; a missing final pad byte is tolerated.
 *   <li>The RIFF size field and the fmt byte rate are not trusted (many writers get them wrong); a
 *       mismatch only adds a warning. The block align is checked, because it determines the frame
 *       layout.
 *   <li>Chunks after the data chunk are not read once fmt has been seen, so a truncated trailing
 *       LIST or id3 chunk does not cost a good recording.
 * </ul>
 */
final class WavReader {

  private static final int WAVE_FORMAT_PCM = 0x0001;
  private static final int WAVE_FORMAT_IEEE_FLOAT = 0x0003;
  private static final int WAVE_FORMAT_EXTENSIBLE = 0xFFFE;
  private static final long STREAMING_PLACEHOLDER_SIZE = 0xFFFF_FFFFL;
  /** Bytes 4..15 of every KSDATAFORMAT_SUBTYPE_* GUID derived from a WAVE format tag. */
  private static final byte[] KSDATAFORMAT_TAIL = {
    (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71
  };

  private WavReader() {}

  /** The parts of the fmt chunk the decoder needs, already validated. */
  private record Format(
      int codecTag, int channels, int sampleRate, int containerBytes, int validBits) {}

  static DecodedAudio decode(byte[] data, String name, long maxFrames) throws AudioDecodeException {
    if (data.length < 12) {
      throw new AudioDecodeException(
          Reason.TRUNCATED_HEADER,
          name,
          "file is " + data.length + " bytes; a RIFF/WAVE header needs at least 12");
    }
    boolean bigEndian = AudioDecoder.startsWith(data, 0, "RIFX");
    boolean rf64 = AudioDecoder.startsWith(data, 0, "RF64");
    String container = bigEndian ? "rifx" : rf64 ? "rf64" : "wav";
    ByteBuffer bb = ByteBuffer.wrap(data).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    if (!AudioDecoder.startsWith(data, 8, "WAVE")) {
      throw new AudioDecodeException(
          Reason.UNKNOWN_FORMAT,
          name,
          "RIFF form type is '" + AudioDecoder.printable(data, 8, 4) + "'; expected 'WAVE'");
    }
    List<String> warnings = new ArrayList<>();
    long riffSize = Integer.toUnsignedLong(bb.getInt(4));
    if (!rf64 && riffSize + 8 != data.length) {
      warnings.add("RIFF header declares " + (riffSize + 8) + " bytes but the file has " + data.length);
    }

    Format format = null;
    long dataOffset = -1;
    long dataSize = -1;
    long ds64DataSize = -1;
    List<String> chunkIds = new ArrayList<>();
    long pos = 12;
    while (pos + 8 <= data.length) {
      String id = AudioDecoder.printable(data, (int) pos, 4);
      long size = Integer.toUnsignedLong(bb.getInt((int) pos + 4));
      long body = pos + 8;
      long remaining = data.length - body;
      if (chunkIds.size() < 12) {
        chunkIds.add(id);
      }
      if (id.equals("data")) {
        if (dataOffset >= 0) {
          warnings.add("second data chunk at offset " + pos + " ignored");
        } else {
          if (rf64 && size == STREAMING_PLACEHOLDER_SIZE) {
            if (ds64DataSize < 0) {
              throw new AudioDecodeException(
                  Reason.INVALID_FORMAT,
                  name,
                  "RF64 data chunk defers its size to a ds64 chunk, but no ds64 chunk precedes it");
            }
            size = ds64DataSize;
          } else if (!rf64 && size == STREAMING_PLACEHOLDER_SIZE) {
            size = remaining;
            warnings.add(
                "data chunk size is the streaming placeholder 0xFFFFFFFF; read to end of file");
          }
          if (size > remaining) {
            throw new AudioDecodeException(
                Reason.DATA_BEYOND_END_OF_FILE,
                name,
                "data chunk declares " + size + " bytes but only " + remaining
                    + " remain after offset " + body);
          }
          dataOffset = body;
          dataSize = size;
          if (format != null) {
            break; // everything needed is known; trailing chunks may be damaged and do not matter
          }
        }
      } else if (size > remaining) {
        throw new AudioDecodeException(
            Reason.TRUNCATED_HEADER,
            name,
            "'" + id + "' chunk at offset " + pos + " declares " + size + " bytes but only "
                + remaining + " remain, and the file ends before its "
                + (format == null ? "fmt chunk" : "data chunk"));
      } else if (id.equals("fmt ")) {
        if (format == null) {
          format = parseFormat(bb, (int) body, (int) size, name, warnings);
        } else {
          warnings.add("second fmt chunk at offset " + pos + " ignored");
        }
      } else if (id.equals("ds64") && rf64) {
        if (size < 24) {
          throw new AudioDecodeException(
              Reason.INVALID_FORMAT, name, "ds64 chunk is " + size + " bytes; expected at least 24");
        }
        ds64DataSize = bb.getLong((int) body + 8);
        if (ds64DataSize < 0) {
          throw new AudioDecodeException(
              Reason.INVALID_FORMAT, name, "ds64 chunk declares a negative data size");
        }
      }
      if (dataOffset >= 0 && format != null) {
        break;
      }
      pos = body + size + (size & 1); // RIFF pads odd-sized chunks to an even length
      if ((size & 1) != 0 && !plausibleChunkId(data, pos) && plausibleChunkId(data, pos - 1)) {
        // Some writers forget the pad byte; the next chunk id then starts one byte earlier.
        warnings.add("'" + id + "' chunk at offset " + (body - 8) + " has odd size " + size
            + " but no pad byte; read the next chunk without it");
        pos -= 1;
      }
    }

    if (format == null) {
      if (chunkIds.isEmpty()) {
        throw new AudioDecodeException(
            Reason.TRUNCATED_HEADER,
            name,
            "file ends after the 12-byte RIFF header (" + data.length + " bytes); expected fmt and data chunks");
      }
      throw new AudioDecodeException(
          Reason.INVALID_FORMAT, name, "no fmt chunk; found chunks " + chunkIds);
    }
    if (dataOffset < 0) {
      throw new AudioDecodeException(
          Reason.NO_AUDIO_DATA, name, "no data chunk; found chunks " + chunkIds);
    }

    if (isVorbisInWav(format.codecTag())) {
      return decodeVorbisInWav(data, (int) dataOffset, (int) dataSize, format, name, maxFrames, warnings);
    }
    int blockAlign = format.channels() * format.containerBytes();
    long frames = dataSize / blockAlign;
    long partial = dataSize % blockAlign;
    if (frames == 0) {
      throw new AudioDecodeException(
          Reason.NO_AUDIO_DATA,
          name,
          "data chunk holds " + dataSize + " bytes, not one complete frame of " + blockAlign + " bytes");
    }
    if (partial != 0) {
      warnings.add(
          "data chunk ends with " + partial + " bytes that do not form a whole " + blockAlign
              + "-byte frame; dropped");
    }
    if (frames > maxFrames || frames > Integer.MAX_VALUE - 8) {
      throw AudioDecoder.tooLong(name, frames, Math.min(maxFrames, Integer.MAX_VALUE - 8), format.sampleRate());
    }
    double[][] channels = new double[format.channels()][(int) frames];
    convert(bb, (int) dataOffset, format, channels, name);

    String encoding =
        format.codecTag() == WAVE_FORMAT_IEEE_FLOAT
            ? "float" + format.containerBytes() * 8
            : "pcm" + format.containerBytes() * 8;
    return new DecodedAudio(
        format.sampleRate(), channels, container + "/" + encoding, format.validBits(), warnings);
  }

  /**
   * Format tags of the Vorbis ACM codec ("Og", "Pg", "Qg" and the "og".."qg" variants). LMMS ships
   * drum samples named .ogg that are really such WAV files; in mode 1 (0x674F) and its "with
   * headers" siblings the data chunk holds a complete Ogg Vorbis stream.
   */
  private static boolean isVorbisInWav(int tag) {
    return tag == 0x674F || tag == 0x6750 || tag == 0x6751 || tag == 0x676F || tag == 0x6770 || tag == 0x6771;
  }

  private static DecodedAudio decodeVorbisInWav(
      byte[] data, int offset, int size, Format format, String name, long maxFrames, List<String> warnings)
      throws AudioDecodeException {
    if (size < 4 || !AudioDecoder.startsWith(data, offset, "OggS")) {
      throw new AudioDecodeException(
          Reason.UNSUPPORTED_CODEC,
          name,
          "WAVE format tag 0x" + String.format("%04X", format.codecTag()) + " (Vorbis in WAV) with a"
              + " data chunk that is not an Ogg stream (headerless Vorbis modes are not supported)");
    }
    byte[] ogg = Arrays.copyOfRange(data, offset, offset + size);
    DecodedAudio inner = OggVorbisReader.decode(ogg, name, maxFrames);
    List<String> all = new ArrayList<>(warnings);
    all.addAll(inner.warnings());
    if (inner.sampleRate() != format.sampleRate() || inner.channelCount() != format.channels()) {
      all.add("fmt chunk declares " + format.channels() + " channels at " + format.sampleRate()
          + " Hz but the embedded Vorbis stream has " + inner.channelCount() + " at "
          + inner.sampleRate() + " Hz; the stream wins");
    }
    return new DecodedAudio(inner.sampleRate(), inner.channels(), "wav/ogg-vorbis", 0, all);
  }

  /** A chunk id is four printable ASCII characters; anything else means we are misaligned. */
  private static boolean plausibleChunkId(byte[] data, long pos) {
    if (pos + 8 > data.length) {
      return false;
    }
    for (int i = 0; i < 4; i++) {
      int b = data[(int) pos + i] & 0xFF;
      if (b < 0x20 || b > 0x7E) {
        return false;
      }
    }
    return true;
  }

  private static Format parseFormat(
      ByteBuffer bb, int body, int size, String name, List<String> warnings)
      throws AudioDecodeException {
    if (size < 16) {
      throw new AudioDecodeException(
          Reason.INVALID_FORMAT, name, "fmt chunk is " + size + " bytes; expected at least 16");
    }
    int tag = Short.toUnsignedInt(bb.getShort(body));
    int channels = Short.toUnsignedInt(bb.getShort(body + 2));
    long sampleRate = Integer.toUnsignedLong(bb.getInt(body + 4));
    long byteRate = Integer.toUnsignedLong(bb.getInt(body + 8));
    int blockAlign = Short.toUnsignedInt(bb.getShort(body + 12));
    int bits = Short.toUnsignedInt(bb.getShort(body + 14));
    int validBits = bits;
    boolean extensible = tag == WAVE_FORMAT_EXTENSIBLE;

    if (extensible) {
      if (size < 40) {
        throw new AudioDecodeException(
            Reason.INVALID_FORMAT,
            name,
            "WAVE_FORMAT_EXTENSIBLE fmt chunk is " + size + " bytes; expected at least 40");
      }
      int declaredValid = Short.toUnsignedInt(bb.getShort(body + 18));
      validBits = declaredValid == 0 ? bits : declaredValid;
      tag = subFormatTag(bb, body + 24, name);
    }

    AudioDecoder.checkChannels(channels, name, "fmt chunk");
    AudioDecoder.checkSampleRate(sampleRate, name, "fmt chunk");

    if (isVorbisInWav(tag)) {
      return new Format(tag, channels, (int) sampleRate, 0, 0); // the data chunk is an Ogg stream
    }
    int containerBytes;
    if (tag == WAVE_FORMAT_PCM) {
      if (bits == 0) {
        throw new AudioDecodeException(Reason.INVALID_FORMAT, name, "PCM fmt chunk declares 0 bits per sample");
      }
      if (bits > 32) {
        throw new AudioDecodeException(
            Reason.UNSUPPORTED_CODEC, name, bits + "-bit integer PCM is not supported; expected 1..32 bits");
      }
      if (extensible && bits % 8 != 0) {
        throw new AudioDecodeException(
            Reason.INVALID_FORMAT,
            name,
            "WAVE_FORMAT_EXTENSIBLE container size is " + bits + " bits; expected a multiple of 8");
      }
      containerBytes = (bits + 7) / 8;
    } else if (tag == WAVE_FORMAT_IEEE_FLOAT) {
      if (bits != 32 && bits != 64) {
        throw new AudioDecodeException(
            Reason.UNSUPPORTED_CODEC, name, bits + "-bit IEEE float is not supported; expected 32 or 64 bits");
      }
      containerBytes = bits / 8;
    } else {
      throw new AudioDecodeException(
          Reason.UNSUPPORTED_CODEC,
          name,
          "WAVE format tag 0x" + String.format("%04X", tag) + " (" + codecName(tag)
              + ") is not supported; expected PCM (0x0001), IEEE float (0x0003) or"
              + " WAVE_FORMAT_EXTENSIBLE with one of them");
    }
    if (validBits > containerBytes * 8 || validBits == 0) {
      throw new AudioDecodeException(
          Reason.INVALID_FORMAT,
          name,
          "valid bits per sample is " + validBits + " in a " + containerBytes * 8 + "-bit container");
    }
    int expectedAlign = channels * containerBytes;
    if (blockAlign != expectedAlign) {
      throw new AudioDecodeException(
          Reason.INVALID_FORMAT,
          name,
          "block align mismatch: fmt declares " + blockAlign + " bytes per frame but " + channels
              + " channels x " + containerBytes + " bytes = " + expectedAlign);
    }
    if (byteRate != sampleRate * expectedAlign) {
      warnings.add(
          "fmt byte rate is " + byteRate + " but sample rate x block align = " + sampleRate * expectedAlign
              + "; ignored");
    }
    return new Format(tag, channels, (int) sampleRate, containerBytes, validBits);
  }

  /**
   * The WAVE format tag inside a KSDATAFORMAT_SUBTYPE GUID {@code {0000xxxx-0000-0010-8000-00AA00389B71}}.
   * Any other GUID (Ambisonic B-format, vendor formats) is rejected by name.
   */
  private static int subFormatTag(ByteBuffer bb, int offset, String name) throws AudioDecodeException {
    long data1 = Integer.toUnsignedLong(bb.getInt(offset));
    int data2 = Short.toUnsignedInt(bb.getShort(offset + 4));
    int data3 = Short.toUnsignedInt(bb.getShort(offset + 6));
    boolean standardTail = true;
    for (int i = 0; i < 8; i++) {
      standardTail &= bb.get(offset + 8 + i) == KSDATAFORMAT_TAIL[i];
    }
    boolean standard = data1 <= 0xFFFF && data2 == 0x0000 && data3 == 0x0010 && standardTail;
    if (!standard) {
      StringBuilder guid = new StringBuilder(String.format("%08X-%04X-%04X-", data1, data2, data3));
      for (int i = 0; i < 8; i++) {
        guid.append(String.format("%02X", bb.get(offset + 8 + i)));
        if (i == 1) {
          guid.append('-');
        }
      }
      throw new AudioDecodeException(
          Reason.UNSUPPORTED_CODEC,
          name,
          "WAVE_FORMAT_EXTENSIBLE sub-format {" + guid + "} is not supported; expected"
              + " KSDATAFORMAT_SUBTYPE_PCM or KSDATAFORMAT_SUBTYPE_IEEE_FLOAT");
    }
    int tag = (int) data1;
    if (tag != WAVE_FORMAT_PCM && tag != WAVE_FORMAT_IEEE_FLOAT) {
      throw new AudioDecodeException(
          Reason.UNSUPPORTED_CODEC,
          name,
          "WAVE_FORMAT_EXTENSIBLE sub-format tag 0x" + String.format("%04X", tag) + " ("
              + codecName(tag) + ") is not supported; expected PCM or IEEE float");
    }
    return tag;
  }

  private static String codecName(int tag) {
    return switch (tag) {
      case 0x0000 -> "unknown";
      case 0x0002 -> "Microsoft ADPCM";
      case 0x0006 -> "A-law";
      case 0x0007 -> "mu-law";
      case 0x0011 -> "IMA ADPCM";
      case 0x0031 -> "GSM 6.10";
      case 0x0050 -> "MPEG";
      case 0x0055 -> "MPEG Layer 3 (MP3)";
      case 0x0161, 0x0162, 0x0163 -> "Windows Media Audio";
      case 0x1610 -> "AAC";
      case 0xF1AC -> "FLAC";
      case 0x674F, 0x6750, 0x6751, 0x676F, 0x6770, 0x6771 -> "Ogg Vorbis in WAV";
      default -> "unrecognised codec";
    };
  }

  /** Interleaved bytes to per-channel doubles; one loop per encoding keeps each loop tight. */
  private static void convert(
      ByteBuffer bb, int offset, Format format, double[][] out, String name)
      throws AudioDecodeException {
    int channelCount = out.length;
    int frames = out[0].length;
    int p = offset;
    if (format.codecTag() == WAVE_FORMAT_IEEE_FLOAT) {
      boolean doubles = format.containerBytes() == 8;
      for (int i = 0; i < frames; i++) {
        for (int c = 0; c < channelCount; c++) {
          double v = doubles ? bb.getDouble(p) : bb.getFloat(p);
          if (!Double.isFinite(v)) {
            throw new AudioDecodeException(
                Reason.NON_FINITE_SAMPLES,
                name,
                "sample at frame " + i + ", channel " + c + " is " + v + " (float"
                    + format.containerBytes() * 8 + "); expected finite values");
          }
          out[c][i] = v;
          p += format.containerBytes();
        }
      }
      return;
    }
    byte[] data = bb.array();
    boolean bigEndian = bb.order() == ByteOrder.BIG_ENDIAN;
    switch (format.containerBytes()) {
      case 1 -> {
        for (int i = 0; i < frames; i++) {
          for (int c = 0; c < channelCount; c++) {
            out[c][i] = ((data[p++] & 0xFF) - 128) * (1.0 / 128);
          }
        }
      }
      case 2 -> {
        for (int i = 0; i < frames; i++) {
          for (int c = 0; c < channelCount; c++) {
            out[c][i] = bb.getShort(p) * (1.0 / 32768);
            p += 2;
          }
        }
      }
      case 3 -> {
        for (int i = 0; i < frames; i++) {
          for (int c = 0; c < channelCount; c++) {
            int v =
                bigEndian
                    ? (data[p] << 16) | ((data[p + 1] & 0xFF) << 8) | (data[p + 2] & 0xFF)
                    : (data[p + 2] << 16) | ((data[p + 1] & 0xFF) << 8) | (data[p] & 0xFF);
            out[c][i] = v * (1.0 / 8388608);
            p += 3;
          }
        }
      }
      case 4 -> {
        for (int i = 0; i < frames; i++) {
          for (int c = 0; c < channelCount; c++) {
            out[c][i] = bb.getInt(p) * (1.0 / 2147483648.0);
            p += 4;
          }
        }
      }
      default -> throw new IllegalStateException("container bytes " + format.containerBytes());
    }
  }
}
