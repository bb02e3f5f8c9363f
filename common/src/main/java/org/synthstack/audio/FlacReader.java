package org.synthstack.audio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.List;
import org.jflac.ChannelData;
import org.jflac.FLACDecoder;
import org.jflac.FrameListener;
import org.jflac.frame.Frame;
import org.jflac.metadata.Metadata;
import org.synthstack.audio.AudioDecodeException.Reason;

/**
 * Native FLAC via jFLAC ({@code org.jflac:jflac-codec}), wrapped so that it can only fail with an
 * {@link AudioDecodeException}.
 *
 * <p>jFLAC is lenient in ways ingest must not be: it zeroes a frame whose CRC fails and carries on,
 * and it re-synchronises past damaged headers. So this wrapper listens to its error callback and
 * rejects the file at the first complaint ({@link Reason#CORRUPT_STREAM}); it compares the decoded
 * length with STREAMINFO's total ({@link Reason#TRUNCATED_STREAM} when short); and it walks the
 * metadata blocks itself and hands jFLAC only STREAMINFO and the frames, so that corrupt metadata can
 * never make jFLAC allocate more than the file holds.
 *
 * <p>Known quirk: jFLAC prints a line to standard output for every Rice partition that uses the escape
 * code (legal, rare in real files, common in corrupted ones). It is noise, not an error.
 *
 * <p>The STREAMINFO MD5 of the audio is not verified: every frame already carries a CRC-16 that is
 * checked, and hashing would add a fixed cost to every file for a check that only catches encoder bugs.
 */
final class FlacReader {

  private static final int STREAMINFO_LENGTH = 34;
  /** Capacity hint cap, so a lying total-samples field cannot reserve gigabytes up front. */
  private static final int MAX_INITIAL_FRAMES = 1 << 22;

  private FlacReader() {}

  /**
   * The STREAMINFO fields we validate before letting jFLAC loose, where its body starts, and where the
   * audio frames start (after the last metadata block).
   */
  private record StreamInfo(
      int sampleRate, int channels, int bitsPerSample, long totalSamples, int bodyOffset, int audioOffset) {}

  /**
   * @param offset where the {@code fLaC} marker starts (after an ID3v2 tag, if any)
   */
  static DecodedAudio decode(byte[] data, int offset, String name, long maxFrames)
      throws AudioDecodeException {
    StreamInfo info = readMetadataHeaders(data, offset, name);
    if (info.totalSamples() > maxFrames) {
      throw AudioDecoder.tooLong(name, info.totalSamples(), maxFrames, info.sampleRate());
    }
    List<String> warnings = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    // jFLAC only ever sees STREAMINFO and the frames. Its parsers for the other metadata blocks trust
    // their internal length fields (a corrupt Vorbis comment count makes it allocate gigabytes), and
    // those blocks carry nothing the decoder needs.
    byte[] header = new byte[8 + STREAMINFO_LENGTH];
    System.arraycopy(data, offset, header, 0, 4); // "fLaC"
    header[4] = (byte) 0x80; // last metadata block, type 0 (STREAMINFO)
    header[7] = STREAMINFO_LENGTH;
    System.arraycopy(data, info.bodyOffset(), header, 8, STREAMINFO_LENGTH);
    FLACDecoder decoder =
        new FLACDecoder(
            new SequenceInputStream(
                new ByteArrayInputStream(header),
                new ByteArrayInputStream(data, info.audioOffset(), data.length - info.audioOffset())));
    decoder.addFrameListener(
        new FrameListener() {
          @Override
          public void processMetadata(Metadata metadata) {}

          @Override
          public void processFrame(Frame frame) {}

          @Override
          public void processError(String msg) {
            errors.add(msg);
          }
        });

    int channels = info.channels();
    double scale = 1.0 / (1L << (info.bitsPerSample() - 1));
    int initial =
        info.totalSamples() > 0 ? (int) Math.min(info.totalSamples(), MAX_INITIAL_FRAMES) : 1 << 16;
    SampleBuffer buffer = new SampleBuffer(channels, initial);
    int frameIndex = 0;
    try {
      decoder.readMetadata();
      // With a known total, stop there: jFLAC would otherwise try to parse trailing bytes (an ID3v1
      // tag, padding) as frames and report errors for a perfectly good file.
      while (info.totalSamples() == 0 || buffer.frames() < info.totalSamples()) {
        Frame frame = decoder.readNextFrame();
        if (frame == null) {
          break; // end of input; whether that was early is judged below
        }
        if (!errors.isEmpty() || decoder.getBadFrames() > 0) {
          throw corrupt(name, frameIndex, buffer.frames(), errors, decoder.getBadFrames());
        }
        if (frame.header.channels != channels || frame.header.bitsPerSample != info.bitsPerSample()) {
          throw new AudioDecodeException(
              Reason.CORRUPT_STREAM,
              name,
              "FLAC frame " + frameIndex + " declares " + frame.header.channels + " channels at "
                  + frame.header.bitsPerSample + " bits; STREAMINFO declares " + channels + " at "
                  + info.bitsPerSample());
        }
        int blockSize = frame.header.blockSize;
        if (buffer.frames() + (long) blockSize > maxFrames) {
          throw AudioDecoder.tooLong(name, buffer.frames() + (long) blockSize, maxFrames, info.sampleRate());
        }
        ChannelData[] decoded = decoder.getChannelData();
        buffer.ensureRoom(blockSize);
        int at = buffer.frames();
        for (int c = 0; c < channels; c++) {
          int[] source = decoded[c].getOutput();
          double[] target = buffer.channel(c);
          for (int i = 0; i < blockSize; i++) {
            target[at + i] = source[i] * scale;
          }
        }
        buffer.advance(blockSize);
        frameIndex++;
      }
    } catch (IOException | RuntimeException e) {
      throw new AudioDecodeException(
          Reason.CORRUPT_STREAM,
          name,
          "FLAC decoder failed in frame " + frameIndex + " (after " + buffer.frames()
              + " samples): " + e,
          e);
    }

    long decodedFrames = buffer.frames();
    if (info.totalSamples() > 0 && decodedFrames < info.totalSamples()) {
      throw new AudioDecodeException(
          Reason.TRUNCATED_STREAM,
          name,
          "STREAMINFO declares " + info.totalSamples() + " samples but the frames end after "
              + decodedFrames + " (file cut short?)"
              + (errors.isEmpty() ? "" : "; decoder reported: " + errors.get(0)));
    }
    if (!errors.isEmpty() || decoder.getBadFrames() > 0) {
      throw corrupt(name, frameIndex, buffer.frames(), errors, decoder.getBadFrames());
    }
    if (decodedFrames == 0) {
      throw new AudioDecodeException(
          Reason.NO_AUDIO_DATA, name, "FLAC stream has no audio frames after its metadata");
    }
    if (info.totalSamples() == 0) {
      warnings.add("STREAMINFO does not declare a total length, so truncation cannot be detected");
    }
    return new DecodedAudio(
        info.sampleRate(), buffer.toArrays(), "flac", info.bitsPerSample(), warnings);
  }

  private static AudioDecodeException corrupt(
      String name, int frameIndex, int samples, List<String> errors, int badFrames) {
    String what = errors.isEmpty() ? badFrames + " undecodable frame(s)" : errors.get(0);
    return new AudioDecodeException(
        Reason.CORRUPT_STREAM,
        name,
        "FLAC frame " + frameIndex + " (after " + samples + " samples) is damaged: " + what);
  }

  /** Checks every metadata block header against the file length and parses STREAMINFO. */
  private static StreamInfo readMetadataHeaders(byte[] data, int offset, String name)
      throws AudioDecodeException {
    int pos = offset + 4;
    StreamInfo info = null;
    int bodyOffset = -1;
    boolean last = false;
    while (!last) {
      if (pos + 4 > data.length) {
        throw new AudioDecodeException(
            Reason.TRUNCATED_HEADER,
            name,
            "file ends at offset " + data.length + " inside the FLAC metadata blocks; expected a"
                + " 4-byte block header at offset " + pos);
      }
      int header = data[pos] & 0xFF;
      last = (header & 0x80) != 0;
      int type = header & 0x7F;
      int length = ((data[pos + 1] & 0xFF) << 16) | ((data[pos + 2] & 0xFF) << 8) | (data[pos + 3] & 0xFF);
      if (info == null && type != 0) {
        throw new AudioDecodeException(
            Reason.INVALID_FORMAT,
            name,
            "first FLAC metadata block is type " + type + "; expected STREAMINFO (type 0)");
      }
      if (type == 127) {
        throw new AudioDecodeException(
            Reason.INVALID_FORMAT, name, "FLAC metadata block type 127 at offset " + pos + " is invalid");
      }
      int remaining = data.length - pos - 4;
      if (length > remaining) {
        throw new AudioDecodeException(
            Reason.TRUNCATED_HEADER,
            name,
            "FLAC metadata block (type " + type + ") at offset " + pos + " declares " + length
                + " bytes but only " + remaining + " remain");
      }
      if (info == null) {
        if (length != STREAMINFO_LENGTH) {
          throw new AudioDecodeException(
              Reason.INVALID_FORMAT,
              name,
              "FLAC STREAMINFO block is " + length + " bytes; expected " + STREAMINFO_LENGTH);
        }
        bodyOffset = pos + 4;
        info = parseStreamInfo(data, bodyOffset, name);
      }
      pos += 4 + length;
    }
    return new StreamInfo(
        info.sampleRate(), info.channels(), info.bitsPerSample(), info.totalSamples(), bodyOffset, pos);
  }

  private static StreamInfo parseStreamInfo(byte[] data, int p, String name)
      throws AudioDecodeException {
    // Bytes 10..17 pack: sample rate (20 bits), channels-1 (3), bits-1 (5), total samples (36).
    long packed = 0;
    for (int i = 0; i < 8; i++) {
      packed = (packed << 8) | (data[p + 10 + i] & 0xFF);
    }
    int sampleRate = (int) (packed >>> 44);
    int channels = (int) ((packed >>> 41) & 0x7) + 1;
    int bits = (int) ((packed >>> 36) & 0x1F) + 1;
    long totalSamples = packed & 0xF_FFFF_FFFFL;
    AudioDecoder.checkSampleRate(sampleRate, name, "FLAC STREAMINFO");
    if (bits < 4) {
      throw new AudioDecodeException(
          Reason.INVALID_FORMAT, name, "FLAC STREAMINFO declares " + bits + " bits per sample; expected 4..32");
    }
    if (bits > 24) {
      // jFLAC predates 32-bit FLAC (libFLAC 1.4, 2022): it rejects the frame-header code for 32 bits
      // and keeps side channels in 32-bit ints, which would overflow. Say so instead of "corrupt".
      throw new AudioDecodeException(
          Reason.UNSUPPORTED_CODEC,
          name,
          bits + "-bit FLAC is not supported by the FLAC decoder in use; expected 4..24 bits");
    }
    return new StreamInfo(sampleRate, channels, bits, totalSamples, p, -1);
  }
}
