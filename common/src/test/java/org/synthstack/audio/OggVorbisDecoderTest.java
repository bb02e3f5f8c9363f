package org.synthstack.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.synthstack.audio.AudioDecodeException.Reason;

class OggVorbisDecoderTest {

  private static AudioDecodeException failure(byte[] data, Reason reason) {
    AudioDecodeException e =
        catchThrowableOfType(AudioDecodeException.class, () -> AudioDecoder.decode(data, "hat.ogg"));
    assertThat(e).as("expected %s", reason).isNotNull();
    assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
    assertThat(e.getMessage()).startsWith("hat.ogg: ");
    return e;
  }

  @Test
  void monoSineFixtureHasTheRightRateLengthAndPitch() throws Exception {
    DecodedAudio audio = AudioDecoder.decode(TestAudio.resource("sine440-mono-44k.ogg"), "sine.ogg");
    assertThat(audio.format()).isEqualTo("ogg/vorbis");
    assertThat(audio.sampleRate()).isEqualTo(44100);
    assertThat(audio.channelCount()).isEqualTo(1);
    assertThat(audio.bitsPerSample()).isZero();
    // Trimmed to the final granule position: exactly the 44100 frames that were encoded.
    assertThat(audio.frameCount()).isEqualTo(44100);
    assertThat(audio.warnings()).isEmpty();
    double[] x = audio.channels()[0];
    assertThat(TestAudio.dominantFrequency(x, 44100)).isCloseTo(440.0, org.assertj.core.data.Offset.offset(0.5));
    // Encoded at amplitude 0.5; lossy coding at q0 keeps the level within 0.2 dB.
    assertThat(TestAudio.db(TestAudio.fittedAmplitude(x, 440, 44100, 2000, 42000) / 0.5)).isBetween(-0.2, 0.2);
  }

  @Test
  void stereoFixtureKeepsChannelOrder() throws Exception {
    DecodedAudio audio = AudioDecoder.decode(TestAudio.resource("tones-stereo-22k.ogg"), "st.ogg");
    assertThat(audio.sampleRate()).isEqualTo(22050);
    assertThat(audio.channelCount()).isEqualTo(2);
    assertThat(audio.frameCount()).isEqualTo(5512); // 0.25 s at 22050 Hz as sox rounds it
    assertThat(TestAudio.dominantFrequency(audio.channels()[0], 22050)).isCloseTo(1000.0, org.assertj.core.data.Offset.offset(2.0));
    assertThat(TestAudio.dominantFrequency(audio.channels()[1], 22050)).isCloseTo(3000.0, org.assertj.core.data.Offset.offset(2.0));
  }

  @Test
  void truncatedInTheAudioIsTruncatedStream() {
    byte[] data = TestAudio.resource("sine440-mono-44k.ogg");
    assertThat(failure(Arrays.copyOf(data, data.length - 700), Reason.TRUNCATED_STREAM))
        .hasMessageContaining("ends inside an Ogg page");
  }

  @Test
  void truncatedInTheHeadersIsTruncatedHeader() {
    byte[] data = TestAudio.resource("sine440-mono-44k.ogg");
    failure(Arrays.copyOf(data, 40), Reason.TRUNCATED_HEADER);
    failure(Arrays.copyOf(data, 100), Reason.TRUNCATED_HEADER);
  }

  @Test
  void damagedAudioPageFailsItsCrc() {
    byte[] data = TestAudio.resource("sine440-mono-44k.ogg");
    data[data.length - 1000] ^= 0x01;
    assertThat(failure(data, Reason.CORRUPT_STREAM)).hasMessageContaining("CRC");
  }

  @Test
  void opusIsAnUnsupportedCodec() {
    byte[] opusHead = ByteBuffer.allocate(19).order(ByteOrder.LITTLE_ENDIAN)
        .put(WavBuilder.ascii("OpusHead")).put((byte) 1).put((byte) 2).putShort((short) 312)
        .putInt(48000).putShort((short) 0).put((byte) 0).array();
    byte[] data = OggPages.page(0x02, 0, 77, 0, opusHead);
    assertThat(failure(data, Reason.UNSUPPORTED_CODEC)).hasMessageContaining("Opus");
  }

  @Test
  void garbageFirstPacketIsUnsupported() {
    byte[] data = OggPages.page(0x02, 0, 5, 0, WavBuilder.ascii("NotAudio"));
    assertThat(failure(data, Reason.UNSUPPORTED_CODEC)).hasMessageContaining("NotAudio");
  }

  @Test
  void frameLimitStopsEarly() {
    AudioDecodeException e = catchThrowableOfType(AudioDecodeException.class,
        () -> AudioDecoder.decode(TestAudio.resource("sine440-mono-44k.ogg"), "s.ogg", 10_000));
    assertThat(e.reason()).isEqualTo(Reason.TOO_LONG);
  }

  @Test
  void vorbisInsideAWavContainerDecodes() throws Exception {
    // LMMS ships .ogg drum samples that are RIFF files with format tag 0x674F around an Ogg stream.
    byte[] ogg = TestAudio.resource("sine440-mono-44k.ogg");
    byte[] data = WavBuilder.riff().fmt(0x674F, 1, 44100, 1, 16).chunk("fact", new byte[4]).data(ogg).build();
    DecodedAudio audio = AudioDecoder.decode(data, "kick04.ogg");
    assertThat(audio.format()).isEqualTo("wav/ogg-vorbis");
    assertThat(audio.frameCount()).isEqualTo(44100);
    assertThat(audio.channels()[0]).containsExactly(AudioDecoder.decode(ogg, "s.ogg").channels()[0]);
  }

  @Test
  void mutatedFilesFailOnlyWithAReason() throws Exception {
    byte[] original = TestAudio.resource("tones-stereo-22k.ogg");
    Set<Reason> seen = EnumSet.noneOf(Reason.class);
    TestAudio.mutate(original, 300, 7, mutated -> {
      try {
        AudioDecoder.decode(mutated, "m.ogg");
      } catch (AudioDecodeException e) {
        seen.add(e.reason());
      }
    });
    assertThat(seen).contains(Reason.CORRUPT_STREAM, Reason.TRUNCATED_STREAM);
  }

  /** Builds single Ogg pages per RFC 3533, with their CRC. */
  static final class OggPages {
    private OggPages() {}

    static byte[] page(int flags, long granule, int serial, int sequence, byte[] packet) {
      int segments = packet.length / 255 + 1;
      ByteBuffer b = ByteBuffer.allocate(27 + segments + packet.length).order(ByteOrder.LITTLE_ENDIAN);
      b.put(WavBuilder.ascii("OggS")).put((byte) 0).put((byte) flags).putLong(granule);
      b.putInt(serial).putInt(sequence).putInt(0).put((byte) segments);
      for (int i = 0; i < segments - 1; i++) {
        b.put((byte) 255);
      }
      b.put((byte) (packet.length % 255)).put(packet);
      byte[] page = b.array();
      int crc = crc32(page);
      ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN).putInt(22, crc);
      return page;
    }

    /** Ogg's CRC-32: polynomial 0x04C11DB7, no reflection, initial value 0. */
    static int crc32(byte[] data) {
      int crc = 0;
      for (byte value : data) {
        crc ^= (value & 0xFF) << 24;
        for (int i = 0; i < 8; i++) {
          crc = (crc & 0x80000000) != 0 ? (crc << 1) ^ 0x04C11DB7 : crc << 1;
        }
      }
      return crc;
    }
  }
}
