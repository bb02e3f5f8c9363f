package org.synthstack.audio;

import java.util.Objects;

/**
 * A file that cannot be turned into audio. Ingest catches this and writes the file to quarantine
 * with {@link #reason()} and {@link #getMessage()}; it is checked on purpose, so that no caller can
 * forget that real-world files fail.
 *
 * <p>The message always starts with the source name and says what was expected and what was found,
 * e.g. {@code "kick.wav: data chunk declares 88200 bytes but only 4410 remain after offset 44"}.
 */
public final class AudioDecodeException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why a file was rejected. Stable names: they are written to the quarantine table. */
  public enum Reason {
    /** Zero bytes. */
    EMPTY_FILE,
    /** The file ends before its container header (RIFF/fmt, FLAC metadata, Ogg headers) is complete. */
    TRUNCATED_HEADER,
    /** The magic bytes are not those of a supported container (RIFF/RIFX/RF64 WAVE, fLaC, OggS). */
    UNKNOWN_FORMAT,
    /** A known container carrying a codec we do not decode (MP3-in-WAV, ADPCM, Opus, Ogg FLAC…). */
    UNSUPPORTED_CODEC,
    /** Header fields that contradict each other or make no sense (zero channels, absurd rate…). */
    INVALID_FORMAT,
    /** A WAV data chunk that declares more bytes than the file holds. */
    DATA_BEYOND_END_OF_FILE,
    /** NaN or infinite samples in floating-point data. */
    NON_FINITE_SAMPLES,
    /** No data chunk, or zero complete frames of audio. */
    NO_AUDIO_DATA,
    /** The compressed stream fails its own checks (CRC, sync, invalid packets) or the codec library failed. */
    CORRUPT_STREAM,
    /** A compressed stream that ends before its declared or signalled end. */
    TRUNCATED_STREAM,
    /** Longer than the caller's frame limit; decoding stopped early. */
    TOO_LONG
  }

  private final Reason reason;
  private final String sourceName;
  private final String detail;

  /**
   * @param reason the quarantine reason
   * @param sourceName the file name or path the bytes came from (used as message prefix)
   * @param detail what was expected and what was found, without the source name
   */
  public AudioDecodeException(Reason reason, String sourceName, String detail) {
    this(reason, sourceName, detail, null);
  }

  /** As {@link #AudioDecodeException(Reason, String, String)}, keeping the library failure as cause. */
  public AudioDecodeException(Reason reason, String sourceName, String detail, Throwable cause) {
    super(sourceName + ": " + detail, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.sourceName = sourceName;
    this.detail = detail;
  }

  public Reason reason() {
    return reason;
  }

  public String sourceName() {
    return sourceName;
  }

  /** The message without the source-name prefix. */
  public String detail() {
    return detail;
  }
}
