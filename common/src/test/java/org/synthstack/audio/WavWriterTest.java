package org.synthstack.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.synthstack.audio.WavWriter.SampleFormat;
import java.util.stream.Stream;

class WavWriterTest {

  static Stream<Arguments> layouts() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (SampleFormat format : SampleFormat.values()) {
      for (int channels : new int[] {1, 2, 8}) {
        for (int rate : new int[] {8000, 11025, 44100, 192000}) {
          b.add(Arguments.of(format, channels, rate));
        }
      }
    }
    return b.build();
  }

  /** Random signal over [-1.2, 1.2] so that clipping is exercised, plus exact full-scale values. */
  private static double[][] signal(int channels, int frames, long seed) {
    Random random = new Random(seed);
    double[][] x = new double[channels][frames];
    for (int c = 0; c < channels; c++) {
      for (int i = 0; i < frames; i++) {
        x[c][i] = (random.nextDouble() * 2 - 1) * 1.2;
      }
      x[c][0] = 1.0;
      x[c][1] = -1.0;
      x[c][2] = 0.0;
    }
    return x;
  }

  @ParameterizedTest(name = "{0} x{1} @ {2} Hz")
  @MethodSource("layouts")
  void roundTripThroughTheDecoder(SampleFormat format, int channels, int rate) throws Exception {
    int frames = 1001; // odd, so 24-bit mono needs a pad byte
    double[][] x = signal(channels, frames, rate * 31L + channels);
    byte[] file = WavWriter.toBytes(x, rate, format);

    DecodedAudio decoded = AudioDecoder.decode(file, "render.wav");
    assertThat(decoded.sampleRate()).isEqualTo(rate);
    assertThat(decoded.channelCount()).isEqualTo(channels);
    assertThat(decoded.frameCount()).isEqualTo(frames);
    assertThat(decoded.bitsPerSample()).isEqualTo(format.bitsPerSample());
    assertThat(decoded.warnings()).isEmpty();

    double full = Math.pow(2, format.bitsPerSample() - 1);
    for (int c = 0; c < channels; c++) {
      for (int i = 0; i < frames; i++) {
        double in = x[c][i];
        double out = decoded.channels()[c][i];
        if (format == SampleFormat.FLOAT_32) {
          assertThat(out).isEqualTo((double) (float) in);
        } else if (in >= (full - 1) / full) {
          assertThat(out).isEqualTo((full - 1) / full); // clipped to the largest code
        } else if (in <= -1) {
          assertThat(out).isEqualTo(-1.0);
        } else {
          assertThat(Math.abs(out - in)).isLessThanOrEqualTo(0.5 / full); // round to nearest
        }
      }
    }
    // Values that are already on the grid survive a second round trip bit for bit.
    byte[] again = WavWriter.toBytes(decoded.channels(), rate, format);
    assertThat(again).isEqualTo(file);
  }

  @Test
  void headerSizesAndPadByteForAnOddDataChunk() {
    byte[] file = WavWriter.toBytes(new double[][] {{0.1, 0.2, 0.3}}, 48000, SampleFormat.PCM_24);
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(file.length).isEqualTo(44 + 9 + 1);
    assertThat(b.getInt(4)).isEqualTo(file.length - 8);
    assertThat(b.getInt(40)).isEqualTo(9); // data size excludes the pad byte
    assertThat(b.getShort(32)).isEqualTo((short) 3); // block align
    assertThat(b.getInt(28)).isEqualTo(48000 * 3); // byte rate
    assertThat(file[file.length - 1]).isZero();
  }

  @Test
  void floatFilesCarryAFactChunkWithTheFrameCount() {
    byte[] file = WavWriter.toBytes(new double[2][5], 44100, SampleFormat.FLOAT_32);
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(new String(file, 36, 4)).isEqualTo("fact");
    assertThat(b.getInt(44)).isEqualTo(5);
    assertThat(b.getShort(20)).isEqualTo((short) 3);
  }

  @Test
  void emptyAudioGivesAValidHeader() {
    byte[] file = WavWriter.toBytes(new double[][] {{}}, 48000, SampleFormat.PCM_16);
    assertThat(file.length).isEqualTo(44);
    assertThat(ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getInt(40)).isZero();
  }

  @Test
  void javaSoundReadsWhatWeWrite() throws Exception {
    double[][] x = signal(2, 500, 5);
    byte[] file = WavWriter.toBytes(x, 22050, SampleFormat.PCM_16);
    try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(file))) {
      AudioFormat f = in.getFormat();
      assertThat(f.getSampleRate()).isEqualTo(22050f);
      assertThat(f.getChannels()).isEqualTo(2);
      assertThat(f.getSampleSizeInBits()).isEqualTo(16);
      assertThat(in.getFrameLength()).isEqualTo(500);
      ByteBuffer pcm = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < 500; i++) {
        for (int c = 0; c < 2; c++) {
          long expected = Math.max(-32768, Math.min(32767, Math.round(x[c][i] * 32768)));
          assertThat((long) pcm.getShort((i * 2 + c) * 2)).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void writesToAStreamInPieces() throws Exception {
    double[] mono = new double[100_000]; // larger than the internal buffer
    mono[99_999] = 0.5;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WavWriter.writeMono(out, mono, 48000, SampleFormat.PCM_16);
    DecodedAudio decoded = AudioDecoder.decode(out.toByteArray(), "big.wav");
    assertThat(decoded.frameCount()).isEqualTo(100_000);
    assertThat(decoded.channels()[0][99_999]).isEqualTo(0.5);
  }

  @Test
  void rejectsNonFiniteAndRaggedInput() {
    assertThatThrownBy(() -> WavWriter.toBytes(new double[][] {{0, Double.NaN}}, 48000, SampleFormat.FLOAT_32))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sample 1");
    assertThatThrownBy(() -> WavWriter.toBytes(new double[][] {{0}, {0, 0}}, 48000, SampleFormat.PCM_16))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WavWriter.toBytes(new double[0][], 48000, SampleFormat.PCM_16))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
