package org.synthstack.audio;

import java.nio.charset.StandardCharsets;
import org.synthstack.audio.AudioDecodeException.Reason;

/**
 * Decodes a whole audio file held in memory (as Spark's {@code binaryFile} source delivers it) into
 * {@link DecodedAudio}.
 *
 * <p>The container is chosen from the magic bytes, never from the file name:
 *
 * <ul>
 *   <li>{@code RIFF....WAVE} (little-endian), {@code RIFX....WAVE} (big-endian) and
 *       {@code RF64....WAVE} (64-bit sizes): see {@link WavReader} for what is accepted;
 *   <li>{@code fLaC}, optionally preceded by an ID3v2 tag: FLAC via jFLAC;
 *   <li>{@code OggS} whose first packet is a Vorbis identification header: Ogg Vorbis via JOrbis.
 * </ul>
 *
 * <p>Every failure, including exceptions thrown inside the codec libraries, surfaces as an
 * {@link AudioDecodeException} with a {@link Reason}; no unchecked exception escapes for any input
 * bytes (virtual-machine errors such as {@link OutOfMemoryError} excepted). Memory use is bounded by a
 * small multiple of the decoded audio: declared sizes are checked against the real file length before
 * anything is allocated from them.
 *
 * <p>Thread-safe and stateless: call it from any number of Spark tasks at once.
 */
public final class AudioDecoder {

  /**
   * Lowest sample rate accepted (Hz). Nothing below 1 kHz is audio a drum library would hold; a
   * smaller value in a header means a corrupt or mis-written file.
   */
  public static final int MIN_SAMPLE_RATE_HZ = 1_000;

  /** Highest sample rate accepted (Hz): 768 kHz, the highest rate any PCM converter ships with. */
  public static final int MAX_SAMPLE_RATE_HZ = 768_000;

  /**
   * Most channels accepted. WAVE_FORMAT_EXTENSIBLE can describe up to 18 speaker positions and FLAC
   * 8; anything past 64 is a corrupt header rather than a recording.
   */
  public static final int MAX_CHANNELS = 64;

  /** No frame limit: decode whatever the file holds (still bounded by Java array size). */
  public static final long UNLIMITED_FRAMES = Long.MAX_VALUE;

  private AudioDecoder() {}

  /**
   * Decodes a complete file.
   *
   * @param data the file's bytes, not modified
   * @param sourceName path or name used in error messages and warnings (never opened)
   * @return the decoded audio, at least one channel and one frame
   * @throws AudioDecodeException if the bytes are not a supported, intact audio file
   */
  public static DecodedAudio decode(byte[] data, String sourceName) throws AudioDecodeException {
    return decode(data, sourceName, UNLIMITED_FRAMES);
  }

  /**
   * Decodes a complete file, giving up with {@link Reason#TOO_LONG} as soon as it is known to hold
   * more than {@code maxFrames} frames. Ingest uses it to skip long files without decoding them.
   *
   * @param maxFrames the most frames (samples per channel) to accept; at least 1
   */
  public static DecodedAudio decode(byte[] data, String sourceName, long maxFrames)
      throws AudioDecodeException {
    if (data == null) {
      throw new NullPointerException("data");
    }
    if (maxFrames < 1) {
      throw new IllegalArgumentException("maxFrames must be at least 1: " + maxFrames);
    }
    String name = sourceName == null ? "<unnamed>" : sourceName;
    if (data.length == 0) {
      throw new AudioDecodeException(Reason.EMPTY_FILE, name, "file is empty (0 bytes)");
    }
    try {
      return dispatch(data, name, maxFrames);
    } catch (AudioDecodeException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      // The codec wrappers translate their libraries' failures themselves; this is the last line of
      // defence so that one odd file can never fail an ingest task.
      throw new AudioDecodeException(
          Reason.CORRUPT_STREAM, name, "decoder failed unexpectedly: " + e, e);
    }
  }

  private static DecodedAudio dispatch(byte[] data, String name, long maxFrames)
      throws AudioDecodeException {
    if (startsWith(data, 0, "RIFF") || startsWith(data, 0, "RIFX") || startsWith(data, 0, "RF64")) {
      return WavReader.decode(data, name, maxFrames);
    }
    if (startsWith(data, 0, "fLaC")) {
      return FlacReader.decode(data, 0, name, maxFrames);
    }
    if (startsWith(data, 0, "OggS")) {
      return OggVorbisReader.decode(data, name, maxFrames);
    }
    if (startsWith(data, 0, "ID3")) {
      int afterTag = id3v2End(data);
      if (afterTag > 0 && afterTag + 4 <= data.length && startsWith(data, afterTag, "fLaC")) {
        return FlacReader.decode(data, afterTag, name, maxFrames);
      }
      throw unknown(name, data, "an ID3v2 tag not followed by fLaC (probably MP3, which is not supported)");
    }
    if (data.length < 4) {
      throw new AudioDecodeException(
          Reason.TRUNCATED_HEADER,
          name,
          "file is only " + data.length + " bytes, too short for any audio header (need at least 4)");
    }
    throw unknown(name, data, describeForeignMagic(data));
  }

  private static AudioDecodeException unknown(String name, byte[] data, String found) {
    return new AudioDecodeException(
        Reason.UNKNOWN_FORMAT,
        name,
        "expected RIFF/RIFX/RF64 WAVE, fLaC or OggS magic bytes but found " + found);
  }

  /** Names a few formats users' sample folders really contain, so quarantine says what they are. */
  private static String describeForeignMagic(byte[] data) {
    if (startsWith(data, 0, "FORM") && data.length >= 12
        && (startsWith(data, 8, "AIFF") || startsWith(data, 8, "AIFC"))) {
      return "AIFF ('FORM....AIFF'), which is not supported";
    }
    if ((data[0] & 0xFF) == 0xFF && (data[1] & 0xE0) == 0xE0) {
      return "an MPEG audio frame sync (MP3?), which is not supported";
    }
    if (startsWith(data, 4, "ftyp")) {
      return "an MP4/M4A container, which is not supported";
    }
    if (startsWith(data, 0, "caff")) {
      return "Apple CAF, which is not supported";
    }
    return "'" + printable(data, 0, 4) + "' (hex " + hex(data, 0, 4) + ")";
  }

  /** Offset just past an ID3v2 tag (header, body and optional footer), or -1 if malformed. */
  private static int id3v2End(byte[] data) {
    if (data.length < 10) {
      return -1;
    }
    int size = 0;
    for (int i = 6; i < 10; i++) {
      int b = data[i] & 0xFF;
      if ((b & 0x80) != 0) {
        return -1; // sizes are "syncsafe": 7 bits per byte
      }
      size = (size << 7) | b;
    }
    boolean hasFooter = (data[5] & 0x10) != 0;
    long end = 10L + size + (hasFooter ? 10 : 0);
    return end > data.length ? -1 : (int) end;
  }

  static boolean startsWith(byte[] data, int offset, String ascii) {
    if (offset < 0 || offset + ascii.length() > data.length) {
      return false;
    }
    for (int i = 0; i < ascii.length(); i++) {
      if (data[offset + i] != (byte) ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Up to {@code length} bytes as ASCII, with non-printable bytes shown as '.'. */
  static String printable(byte[] data, int offset, int length) {
    int end = Math.min(data.length, offset + length);
    byte[] out = new byte[Math.max(0, end - offset)];
    for (int i = offset; i < end; i++) {
      int b = data[i] & 0xFF;
      out[i - offset] = (byte) (b >= 0x20 && b < 0x7F ? b : '.');
    }
    return new String(out, StandardCharsets.US_ASCII);
  }

  static String hex(byte[] data, int offset, int length) {
    StringBuilder sb = new StringBuilder();
    for (int i = offset; i < Math.min(data.length, offset + length); i++) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(String.format("%02X", data[i] & 0xFF));
    }
    return sb.toString();
  }

  /** Shared sample-rate check so every container reports an absurd rate the same way. */
  static void checkSampleRate(long rate, String name, String where) throws AudioDecodeException {
    if (rate < MIN_SAMPLE_RATE_HZ || rate > MAX_SAMPLE_RATE_HZ) {
      throw new AudioDecodeException(
          Reason.INVALID_FORMAT,
          name,
          where + " declares a sample rate of " + rate + " Hz; expected " + MIN_SAMPLE_RATE_HZ
              + ".." + MAX_SAMPLE_RATE_HZ + " Hz");
    }
  }

  static void checkChannels(long channels, String name, String where) throws AudioDecodeException {
    if (channels < 1 || channels > MAX_CHANNELS) {
      throw new AudioDecodeException(
          Reason.INVALID_FORMAT,
          name,
          where + " declares " + channels + " channels; expected 1.." + MAX_CHANNELS);
    }
  }

  static AudioDecodeException tooLong(String name, long frames, long maxFrames, int sampleRate) {
    return new AudioDecodeException(
        Reason.TOO_LONG,
        name,
        String.format(
            "holds at least %d frames (%.3f s at %d Hz); the limit is %d frames",
            frames, (double) frames / sampleRate, sampleRate, maxFrames));
  }
}
