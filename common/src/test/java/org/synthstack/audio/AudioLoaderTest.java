package org.synthstack.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.synthstack.audio.AudioDecodeException.Reason;
import org.synthstack.audio.AudioLoader.MonoAudio;
import org.synthstack.audio.WavWriter.SampleFormat;

class AudioLoaderTest {

  @Test
  void stereo44kBecomesMono48k() throws Exception {
    double[] left = TestAudio.sine(1000, 0.6, 44100, 44100);
    double[] right = TestAudio.sine(1000, 0.2, 44100, 44100);
    byte[] wav = WavWriter.toBytes(new double[][] {left, right}, 44100, SampleFormat.FLOAT_32);

    MonoAudio mono = AudioLoader.loadMono(wav, "clap.wav", 48000);
    assertThat(mono.sampleRate()).isEqualTo(48000);
    assertThat(mono.samples()).hasSize(48000);
    assertThat(mono.originalSampleRate()).isEqualTo(44100);
    assertThat(mono.originalChannels()).isEqualTo(2);
    assertThat(mono.durationSeconds()).isEqualTo(1.0);
    assertThat(mono.format()).isEqualTo("wav/float32");
    assertThat(mono.originalBitsPerSample()).isEqualTo(32);
    // The average of 0.6 and 0.2 in phase is 0.4.
    assertThat(TestAudio.fittedAmplitude(mono.samples(), 1000, 48000, 4800, 43200)).isCloseTo(0.4, within(1e-4));
  }

  @Test
  void fileAtTheTargetRateIsOnlyMixed() throws Exception {
    double[][] x = {{0.5, -0.5, 0.25}, {0.25, 0.5, -0.25}};
    byte[] wav = WavWriter.toBytes(x, 48000, SampleFormat.FLOAT_32);
    assertThat(AudioLoader.loadMono(wav, "a.wav", 48000).samples()).containsExactly(0.375, 0.0, 0.0);
  }

  @Test
  void compressedFixturesLoad() throws Exception {
    MonoAudio flac = AudioLoader.loadMono(TestAudio.resource("flac-stereo-16.flac"), "f.flac", 48000);
    assertThat(flac.samples()).hasSize((int) Resampler.outputLength(FixtureSignals.FRAMES, 44100, 48000));
    assertThat(flac.format()).isEqualTo("flac");
    MonoAudio ogg = AudioLoader.loadMono(TestAudio.resource("tones-stereo-22k.ogg"), "o.ogg", 48000);
    assertThat(ogg.originalChannels()).isEqualTo(2);
    assertThat(ogg.originalBitsPerSample()).isZero();
  }

  @Test
  void longerThanTheLimitIsTooLong() throws Exception {
    byte[] wav = WavWriter.toBytes(new double[][] {new double[44100]}, 44100, SampleFormat.PCM_16);
    AudioDecodeException e =
        catchThrowableOfType(AudioDecodeException.class, () -> AudioLoader.loadMono(wav, "long.wav", 48000, 0.5));
    assertThat(e.reason()).isEqualTo(Reason.TOO_LONG);
    assertThat(e.getMessage()).startsWith("long.wav: ").contains("1.000 s");
    assertThat(AudioLoader.loadMono(wav, "long.wav", 48000, 2.0).samples()).hasSize(48000);
  }

  @Test
  void decodeFailuresPassThrough() {
    AudioDecodeException e =
        catchThrowableOfType(AudioDecodeException.class, () -> AudioLoader.loadMono(new byte[0], "e.wav", 48000));
    assertThat(e.reason()).isEqualTo(Reason.EMPTY_FILE);
  }
}
