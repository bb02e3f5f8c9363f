package org.synthstack.audio;

import com.jcraft.jogg.Packet;
import com.jcraft.jogg.Page;
import com.jcraft.jogg.StreamState;
import com.jcraft.jogg.SyncState;
import com.jcraft.jorbis.Block;
import com.jcraft.jorbis.Comment;
import com.jcraft.jorbis.DspState;
import com.jcraft.jorbis.Info;
import java.util.ArrayList;
import java.util.List;
import org.synthstack.audio.AudioDecodeException.Reason;

/**
 * Ogg Vorbis via JOrbis ({@code org.jcraft:jorbis}), wrapped so that it can only fail with an
 * {@link AudioDecodeException}.
 *
 * <p>Decisions:
 *
 * <ul>
 *   <li>The first Vorbis logical stream is decoded; other multiplexed streams (a Skeleton track) are
 *       ignored, and a chained stream after the first end-of-stream page is ignored with a warning.
 *   <li>Any page whose CRC fails, or any gap in the packet sequence, is {@link Reason#CORRUPT_STREAM}:
 *       JOrbis would skip it and splice the audio, which would hide the damage.
 *   <li>A file that ends inside a page, or has no end-of-stream page before the data ends mid-way, is
 *       {@link Reason#TRUNCATED_STREAM}. A file that ends exactly at a page boundary without the
 *       end-of-stream flag decodes, with a warning (it cannot be told from an encoder that forgot the
 *       flag).
 *   <li>The decoded length is trimmed to the final page's granule position, as libvorbisfile does;
 *       without this the last block's padding would lengthen every clip by up to a block.
 * </ul>
 */
final class OggVorbisReader {

  private OggVorbisReader() {}

  static DecodedAudio decode(byte[] data, String name, long maxFrames) throws AudioDecodeException {
    try {
      return decodeUnchecked(data, name, maxFrames);
    } catch (RuntimeException e) {
      throw new AudioDecodeException(
          Reason.CORRUPT_STREAM, name, "Vorbis decoder failed: " + e, e);
    }
  }

  private static DecodedAudio decodeUnchecked(byte[] data, String name, long maxFrames)
      throws AudioDecodeException {
    List<String> warnings = new ArrayList<>();
    SyncState sync = new SyncState();
    sync.init();
    int at = sync.buffer(data.length);
    System.arraycopy(data, 0, sync.data, at, data.length);
    sync.wrote(data.length);

    Page page = new Page();
    Packet packet = new Packet();
    long consumed = 0;

    // 1. Find the first Vorbis stream among the beginning-of-stream pages.
    StreamState stream = null;
    String otherCodecs = "";
    while (stream == null) {
      int r = sync.pageout(page);
      if (r == 0) {
        if (!otherCodecs.isEmpty()) {
          throw new AudioDecodeException(
              Reason.UNSUPPORTED_CODEC,
              name,
              "Ogg file holds no Vorbis stream" + otherCodecs + "; only Vorbis is supported");
        }
        throw new AudioDecodeException(
            Reason.TRUNCATED_HEADER,
            name,
            "file (" + data.length + " bytes) ends before the first complete Ogg page");
      }
      if (r < 0) {
        throw pageDamaged(name, consumed);
      }
      consumed += page.header_len + page.body_len;
      if (page.bos() == 0) {
        throw new AudioDecodeException(
            otherCodecs.isEmpty() ? Reason.CORRUPT_STREAM : Reason.UNSUPPORTED_CODEC,
            name,
            otherCodecs.isEmpty()
                ? "first Ogg page is not a beginning-of-stream page"
                : "Ogg file holds no Vorbis stream" + otherCodecs + "; only Vorbis is supported");
      }
      StreamState candidate = new StreamState();
      candidate.init(page.serialno());
      candidate.pagein(page);
      if (candidate.packetout(packet) != 1) {
        throw new AudioDecodeException(
            Reason.CORRUPT_STREAM, name, "Ogg beginning-of-stream page holds no complete packet");
      }
      String codec = codecOf(packet);
      if (codec.equals("Vorbis")) {
        stream = candidate;
      } else {
        otherCodecs += (otherCodecs.isEmpty() ? "; found " : ", ") + codec;
      }
    }

    // 2. The three Vorbis header packets: identification (already in hand), comment, setup.
    Info info = new Info();
    Comment comment = new Comment();
    info.init();
    comment.init();
    if (info.synthesis_headerin(comment, packet) < 0) {
      throw new AudioDecodeException(
          Reason.CORRUPT_STREAM, name, "Vorbis identification header is invalid");
    }
    int serial = page.serialno();
    int headers = 1;
    while (headers < 3) {
      int r = stream.packetout(packet);
      if (r < 0) {
        throw new AudioDecodeException(
            Reason.CORRUPT_STREAM, name, "gap in the Ogg packet sequence inside the Vorbis headers");
      }
      if (r == 1) {
        if (info.synthesis_headerin(comment, packet) < 0) {
          throw new AudioDecodeException(
              Reason.CORRUPT_STREAM,
              name,
              "Vorbis " + (headers == 1 ? "comment" : "setup") + " header is invalid");
        }
        headers++;
        continue;
      }
      r = sync.pageout(page);
      if (r == 0) {
        throw new AudioDecodeException(
            Reason.TRUNCATED_HEADER,
            name,
            "file ends after " + headers + " of the 3 Vorbis header packets");
      }
      if (r < 0) {
        throw pageDamaged(name, consumed);
      }
      consumed += page.header_len + page.body_len;
      if (page.serialno() == serial) {
        stream.pagein(page);
      }
    }
    AudioDecoder.checkChannels(info.channels, name, "Vorbis identification header");
    AudioDecoder.checkSampleRate(info.rate, name, "Vorbis identification header");

    // 3. Audio packets.
    AudioPackets audio = new AudioPackets(info, stream, packet, name, maxFrames);
    long lastGranule = -1;
    boolean endOfStream = false;
    while (true) {
      audio.decodePending(consumed);
      if (endOfStream) {
        break;
      }
      int r = sync.pageout(page);
      if (r == 0) {
        break;
      }
      if (r < 0) {
        throw pageDamaged(name, consumed);
      }
      consumed += page.header_len + page.body_len;
      if (page.serialno() != serial) {
        continue; // another multiplexed logical stream
      }
      if (stream.pagein(page) < 0) {
        throw new AudioDecodeException(
            Reason.CORRUPT_STREAM, name, "Ogg page before byte offset " + consumed + " was rejected");
      }
      if (page.granulepos() >= 0) {
        lastGranule = page.granulepos();
      }
      endOfStream = page.eos() != 0;
    }
    SampleBuffer buffer = audio.buffer;

    long leftover = data.length - consumed;
    if (!endOfStream) {
      if (leftover > 0) {
        throw new AudioDecodeException(
            Reason.TRUNCATED_STREAM,
            name,
            "file ends inside an Ogg page: " + leftover + " bytes after the last complete page at"
                + " offset " + consumed + " and no end-of-stream page");
      }
      warnings.add("no end-of-stream page; the file may have been cut at a page boundary");
    } else if (leftover > 0) {
      warnings.add(leftover + " bytes after the end-of-stream page ignored (chained stream or junk)");
    }
    if (endOfStream && lastGranule >= 0 && buffer.frames() > lastGranule) {
      buffer.truncate((int) lastGranule);
    }
    if (buffer.frames() == 0) {
      throw new AudioDecodeException(
          Reason.NO_AUDIO_DATA, name, "Ogg Vorbis stream decodes to 0 samples");
    }
    double[][] channelsOut = buffer.toArrays();
    checkFinite(channelsOut, name);
    return new DecodedAudio(info.rate, channelsOut, "ogg/vorbis", 0, warnings);
  }

  /** Vorbis synthesis state for one logical stream, and where its samples go. */
  private static final class AudioPackets {
    private final StreamState stream;
    private final Packet packet;
    private final DspState dsp;
    private final Block block;
    private final float[][][] pcmHolder = new float[1][][];
    private final int[] index;
    private final SampleBuffer buffer;
    private final String name;
    private final long maxFrames;
    private final int rate;

    AudioPackets(Info info, StreamState stream, Packet packet, String name, long maxFrames) {
      this.stream = stream;
      this.packet = packet;
      this.dsp = new DspState();
      dsp.synthesis_init(info);
      this.block = new Block(dsp);
      this.index = new int[info.channels];
      this.buffer = new SampleBuffer(info.channels, 1 << 16);
      this.name = name;
      this.maxFrames = maxFrames;
      this.rate = info.rate;
    }

    /** Decodes every packet already submitted to the stream; {@code consumed} is for messages. */
    void decodePending(long consumed) throws AudioDecodeException {
      int r;
      while ((r = stream.packetout(packet)) != 0) {
        if (r < 0) {
          throw new AudioDecodeException(
              Reason.CORRUPT_STREAM,
              name,
              "gap in the Ogg packet sequence (a page is missing) before byte offset " + consumed);
        }
        if (packet.bytes == 0) {
          continue; // the Vorbis spec allows empty packets; they carry no audio
        }
        if (block.synthesis(packet) != 0) {
          throw new AudioDecodeException(
              Reason.CORRUPT_STREAM,
              name,
              "invalid Vorbis audio packet " + packet.packetno + " before byte offset " + consumed);
        }
        dsp.synthesis_blockin(block);
        int n;
        while ((n = dsp.synthesis_pcmout(pcmHolder, index)) > 0) {
          if (buffer.frames() + (long) n > maxFrames) {
            throw AudioDecoder.tooLong(name, buffer.frames() + (long) n, maxFrames, rate);
          }
          buffer.ensureRoom(n);
          int start = buffer.frames();
          for (int c = 0; c < index.length; c++) {
            float[] source = pcmHolder[0][c];
            double[] target = buffer.channel(c);
            int from = index[c];
            for (int i = 0; i < n; i++) {
              target[start + i] = source[from + i];
            }
          }
          buffer.advance(n);
          dsp.synthesis_read(n);
        }
      }
    }
  }

  private static AudioDecodeException pageDamaged(String name, long offset) {
    return new AudioDecodeException(
        Reason.CORRUPT_STREAM,
        name,
        "Ogg page at byte offset " + offset + " fails its CRC or capture pattern (damaged data)");
  }

  /** Names the codec of an Ogg beginning-of-stream packet. */
  private static String codecOf(Packet packet) {
    byte[] b = packet.packet_base;
    int p = packet.packet;
    int n = packet.bytes;
    if (n >= 7 && b[p] == 0x01 && AudioDecoder.startsWith(b, p + 1, "vorbis")) {
      return "Vorbis";
    }
    if (n >= 8 && AudioDecoder.startsWith(b, p, "OpusHead")) {
      return "Opus";
    }
    if (n >= 5 && b[p] == 0x7F && AudioDecoder.startsWith(b, p + 1, "FLAC")) {
      return "Ogg FLAC";
    }
    if (n >= 8 && AudioDecoder.startsWith(b, p, "Speex   ")) {
      return "Speex";
    }
    if (n >= 7 && (b[p] & 0xFF) == 0x80 && AudioDecoder.startsWith(b, p + 1, "theora")) {
      return "Theora video";
    }
    if (n >= 8 && AudioDecoder.startsWith(b, p, "fishead")) {
      return "Skeleton";
    }
    return "unknown codec '" + AudioDecoder.printable(b, p, Math.min(8, n)) + "'";
  }

  private static void checkFinite(double[][] channels, String name) throws AudioDecodeException {
    for (int i = 0; i < channels[0].length; i++) {
      for (int c = 0; c < channels.length; c++) {
        if (!Double.isFinite(channels[c][i])) {
          throw new AudioDecodeException(
              Reason.NON_FINITE_SAMPLES,
              name,
              "decoded sample at frame " + i + ", channel " + c + " is " + channels[c][i]);
        }
      }
    }
  }
}
