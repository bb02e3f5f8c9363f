package org.synthstack.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.synthstack.audio.AudioDecodeException.Reason;
import org.synthstack.audio.WavWriter.SampleFormat;

class FlacDecoderTest {

  private static int[][] randomSamples(int channels, int frames, int bits, long seed) {
    Random random = new Random(seed);
    int[][] s = new int[channels][frames];
    int max = (1 << (bits - 1)) - 1;
    for (int c = 0; c < channels; c++) {
      for (int i = 0; i < frames; i++) {
        s[c][i] = random.nextInt(2 * max + 2) - max - 1; // full range, both extremes included
      }
      s[c][0] = max;
      s[c][1] = -max - 1;
    }
    return s;
  }

  private static void assertSamples(DecodedAudio audio, int[][] expected, int bits) {
    assertThat(audio.channelCount()).isEqualTo(expected.length);
    for (int c = 0; c < expected.length; c++) {
      double[] want = new double[expected[c].length];
      for (int i = 0; i < want.length; i++) {
        want[i] = expected[c][i] / Math.pow(2, bits - 1);
      }
      assertThat(audio.channels()[c]).as("channel %d", c).containsExactly(want);
    }
  }

  private static AudioDecodeException failure(byte[] data, Reason reason) {
    AudioDecodeException e =
        catchThrowableOfType(AudioDecodeException.class, () -> AudioDecoder.decode(data, "snare.flac"));
    assertThat(e).as("expected %s", reason).isNotNull();
    assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
    assertThat(e.getMessage()).startsWith("snare.flac: ");
    return e;
  }

  @Test
  void verbatimFramesDecodeExactlyForSeveralLayouts() throws Exception {
    int[][] layouts = {{1, 16, 44100, 1152}, {2, 24, 96000, 4096}, {8, 16, 48000, 256}, {1, 8, 8000, 192}, {2, 12, 22050, 1000}, {1, 20, 192000, 4608}};
    for (int[] l : layouts) {
      int channels = l[0], bits = l[1], rate = l[2], block = l[3];
      int frames = 3 * block + 17; // a short last block
      int[][] s = randomSamples(channels, frames, bits, rate + bits);
      DecodedAudio audio = AudioDecoder.decode(FlacTestEncoder.encode(s, rate, bits, block, frames), "t.flac");
      assertThat(audio.sampleRate()).isEqualTo(rate);
      assertThat(audio.bitsPerSample()).isEqualTo(bits);
      assertThat(audio.format()).isEqualTo("flac");
      assertThat(audio.warnings()).isEmpty();
      assertSamples(audio, s, bits);
    }
  }

  @Test
  void referenceEncoderFixturesMatchTheirSourceSignals() throws Exception {
    // The fixtures were encoded from FixtureSignals via WavWriter; WavWriter output decoded is the truth.
    check("flac-stereo-16.flac", FixtureSignals.stereoTone(), SampleFormat.PCM_16);
    check("flac-mono-24.flac", FixtureSignals.monoDetailed(), SampleFormat.PCM_24);
  }

  private static void check(String fixture, double[][] source, SampleFormat format) throws Exception {
    DecodedAudio expected = AudioDecoder.decode(WavWriter.toBytes(source, FixtureSignals.RATE, format), "src.wav");
    DecodedAudio flac = AudioDecoder.decode(TestAudio.resource(fixture), fixture);
    assertThat(flac.sampleRate()).isEqualTo(FixtureSignals.RATE);
    assertThat(flac.bitsPerSample()).isEqualTo(format.bitsPerSample());
    assertThat(flac.frameCount()).isEqualTo(FixtureSignals.FRAMES);
    for (int c = 0; c < source.length; c++) {
      assertThat(flac.channels()[c]).containsExactly(expected.channels()[c]);
    }
  }

  @Test
  void id3v2TagBeforeTheStreamIsSkipped() throws Exception {
    int[][] s = randomSamples(1, 300, 16, 1);
    byte[] flac = FlacTestEncoder.encode(s, 44100, 16, 256, 300);
    byte[] tag = new byte[10 + 20];
    tag[0] = 'I';
    tag[1] = 'D';
    tag[2] = '3';
    tag[3] = 4;
    tag[9] = 20; // syncsafe size
    byte[] data = new byte[tag.length + flac.length];
    System.arraycopy(tag, 0, data, 0, tag.length);
    System.arraycopy(flac, 0, data, tag.length, flac.length);
    assertSamples(AudioDecoder.decode(data, "tagged.flac"), s, 16);
  }

  @Test
  void unknownTotalLengthDecodesWithAWarning() throws Exception {
    int[][] s = randomSamples(2, 1000, 16, 2);
    DecodedAudio audio = AudioDecoder.decode(FlacTestEncoder.encode(s, 44100, 16, 256, 0), "t.flac");
    assertSamples(audio, s, 16);
    assertThat(audio.warnings()).anyMatch(w -> w.contains("total length"));
  }

  @Test
  void flippedByteInAFrameIsCorruptStream() {
    byte[] data = FlacTestEncoder.encode(randomSamples(1, 2000, 16, 3), 44100, 16, 1024, 2000);
    data[data.length - 500] ^= 0x10; // inside the second frame's samples: CRC-16 fails
    assertThat(failure(data, Reason.CORRUPT_STREAM)).hasMessageContaining("frame");
  }

  @Test
  void truncatedStreamIsNamedAsSuch() {
    byte[] data = FlacTestEncoder.encode(randomSamples(2, 4000, 16, 4), 44100, 16, 1024, 4000);
    byte[] cut = Arrays.copyOf(data, data.length - 3000);
    assertThat(failure(cut, Reason.TRUNCATED_STREAM)).hasMessageContaining("declares 4000 samples");
  }

  @Test
  void truncatedInsideStreamInfo() {
    byte[] data = FlacTestEncoder.encode(randomSamples(1, 100, 16, 5), 44100, 16, 100, 100);
    failure(Arrays.copyOf(data, 20), Reason.TRUNCATED_HEADER);
    failure(Arrays.copyOf(data, 4), Reason.TRUNCATED_HEADER);
  }

  @Test
  void metadataOnlyIsNoAudio() {
    byte[] data = FlacTestEncoder.encode(randomSamples(1, 100, 16, 6), 44100, 16, 100, 0);
    failure(Arrays.copyOf(data, 4 + 4 + 34), Reason.NO_AUDIO_DATA);
  }

  @Test
  void zeroSampleRateInStreamInfo() {
    byte[] data = FlacTestEncoder.encode(randomSamples(1, 100, 16, 7), 44100, 16, 100, 100);
    // STREAMINFO body starts at 8; the rate is the top 20 bits of bytes 18..20.
    data[18] = 0;
    data[19] = 0;
    data[20] &= 0x0F;
    assertThat(failure(data, Reason.INVALID_FORMAT)).hasMessageContaining("0 Hz");
  }

  @Test
  void thirtyTwoBitFlacIsUnsupported() {
    byte[] data = FlacTestEncoder.encode(randomSamples(1, 100, 16, 8), 44100, 16, 100, 100);
    data[20] |= 0x01; // bits-1 field (5 bits spanning bytes 20..21) = 31
    data[21] |= (byte) 0xF0;
    assertThat(failure(data, Reason.UNSUPPORTED_CODEC)).hasMessageContaining("32-bit");
  }

  @Test
  void frameLimitStopsEarly() {
    byte[] data = FlacTestEncoder.encode(randomSamples(1, 5000, 16, 9), 44100, 16, 1024, 0);
    AudioDecodeException e =
        catchThrowableOfType(AudioDecodeException.class, () -> AudioDecoder.decode(data, "long.flac", 2000));
    assertThat(e.reason()).isEqualTo(Reason.TOO_LONG);
  }

  @Test
  void mutatedFilesFailOnlyWithAReason() throws Exception {
    byte[] original = TestAudio.resource("flac-stereo-16.flac");
    Set<Reason> seen = EnumSet.noneOf(Reason.class);
    TestAudio.mutate(original, 300, 42, mutated -> {
      try {
        AudioDecoder.decode(mutated, "m.flac");
      } catch (AudioDecodeException e) {
        seen.add(e.reason());
      }
    });
    assertThat(seen).contains(Reason.CORRUPT_STREAM, Reason.TRUNCATED_STREAM);
  }
}
