package org.synthstack.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.synthstack.audio.WavBuilder.FLOAT;
import static org.synthstack.audio.WavBuilder.PCM;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.synthstack.audio.AudioDecodeException.Reason;

/** Hand-built WAV files, malformed and unusual, each decoding to known values or failing with a known reason. */
class WavDecoderTest {

  private static DecodedAudio decode(byte[] data) throws AudioDecodeException {
    return AudioDecoder.decode(data, "kick.wav");
  }

  private static AudioDecodeException failure(byte[] data, Reason reason) {
    AudioDecodeException e =
        catchThrowableOfType(AudioDecodeException.class, () -> AudioDecoder.decode(data, "kick.wav"));
    assertThat(e).as("expected a failure with %s", reason).isNotNull();
    assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
    assertThat(e.getMessage()).startsWith("kick.wav: ");
    return e;
  }

  private static WavBuilder mono16(int rate) {
    return WavBuilder.riff().fmt(PCM, 1, rate, 16);
  }

  // ---- rejected inputs ----

  @Test
  void emptyFile() {
    assertThat(failure(new byte[0], Reason.EMPTY_FILE)).hasMessageContaining("0 bytes");
  }

  @Test
  void truncatedHeaderOfTenBytes() {
    byte[] ten = Arrays.copyOf(mono16(44100).data(new byte[4]).build(), 10);
    assertThat(failure(ten, Reason.TRUNCATED_HEADER)).hasMessageContaining("10 bytes");
  }

  @Test
  void fileShorterThanAnyMagic() {
    failure(new byte[] {'R', 'I', 'F'}, Reason.TRUNCATED_HEADER);
  }

  @Test
  void headerCutInsideFmtChunk() {
    byte[] full = mono16(44100).data(new byte[4]).build();
    byte[] cut = Arrays.copyOf(full, 12 + 8 + 10);
    assertThat(failure(cut, Reason.TRUNCATED_HEADER)).hasMessageContaining("'fmt ' chunk").hasMessageContaining("16 bytes");
  }

  @Test
  void wrongMagic() {
    byte[] data = "JUNKxxxxWAVEfmt ".getBytes();
    assertThat(failure(data, Reason.UNKNOWN_FORMAT)).hasMessageContaining("'JUNK'");
  }

  @Test
  void aiffIsNamedInTheMessage() {
    byte[] data = "FORM\0\0\0\u0004AIFF".getBytes();
    assertThat(failure(data, Reason.UNKNOWN_FORMAT)).hasMessageContaining("AIFF");
  }

  @Test
  void riffThatIsNotWave() {
    byte[] data = "RIFF\u0004\0\0\0AVI ".getBytes();
    assertThat(failure(data, Reason.UNKNOWN_FORMAT)).hasMessageContaining("'AVI '");
  }

  @Test
  void mp3InsideRiffIsUnsupportedCodec() {
    byte[] data = WavBuilder.riff().fmt(0x0055, 2, 44100, 1, 0).data(new byte[100]).build();
    assertThat(failure(data, Reason.UNSUPPORTED_CODEC)).hasMessageContaining("0x0055").hasMessageContaining("MP3");
  }

  @Test
  void extensibleWithUnknownSubFormatGuid() {
    byte[] guid = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    byte[] data = WavBuilder.riff().fmtExtensible(2, 48000, 16, 16, guid).data(new byte[8]).build();
    assertThat(failure(data, Reason.UNSUPPORTED_CODEC))
        .hasMessageContaining("{04030201-0605-0807-090A-0B0C0D0E0F10}");
  }

  @Test
  void extensibleWithAdpcmSubFormat() {
    byte[] data =
        WavBuilder.riff().fmtExtensible(1, 48000, 16, 16, WavBuilder.subFormatGuid(0x0002)).data(new byte[8]).build();
    assertThat(failure(data, Reason.UNSUPPORTED_CODEC)).hasMessageContaining("ADPCM");
  }

  @Test
  void zeroChannels() {
    byte[] data = WavBuilder.riff().fmt(PCM, 0, 44100, 0, 16).data(new byte[8]).build();
    assertThat(failure(data, Reason.INVALID_FORMAT)).hasMessageContaining("0 channels");
  }

  @Test
  void absurdSampleRates() {
    for (int rate : new int[] {0, 5, 10_000_000}) {
      byte[] data = mono16(rate).data(new byte[8]).build();
      assertThat(failure(data, Reason.INVALID_FORMAT)).hasMessageContaining(rate + " Hz");
    }
  }

  @Test
  void blockAlignMismatch() {
    byte[] data = WavBuilder.riff().fmt(PCM, 2, 44100, 2, 16).data(new byte[8]).build();
    assertThat(failure(data, Reason.INVALID_FORMAT))
        .hasMessageContaining("block align mismatch")
        .hasMessageContaining("declares 2 bytes")
        .hasMessageContaining("= 4");
  }

  @Test
  void dataChunkLargerThanTheFile() {
    byte[] data = mono16(44100).chunk("data", new byte[4410], 88200, true).build();
    assertThat(failure(data, Reason.DATA_BEYOND_END_OF_FILE))
        .hasMessage("kick.wav: data chunk declares 88200 bytes but only 4410 remain after offset 44");
  }

  @Test
  void dataChunkMissing() {
    byte[] data = mono16(44100).chunk("LIST", new byte[10]).build();
    assertThat(failure(data, Reason.NO_AUDIO_DATA)).hasMessageContaining("no data chunk").hasMessageContaining("LIST");
  }

  @Test
  void emptyDataChunk() {
    failure(mono16(44100).data(new byte[0]).build(), Reason.NO_AUDIO_DATA);
  }

  @Test
  void fmtChunkMissing() {
    byte[] data = WavBuilder.riff().data(new byte[8]).build();
    assertThat(failure(data, Reason.INVALID_FORMAT)).hasMessageContaining("no fmt chunk");
  }

  @Test
  void nanFloatNamesTheFirstBadFrame() {
    WavBuilder b = WavBuilder.riff().fmt(FLOAT, 2, 48000, 32);
    byte[] data = b.data(b.float32(0.1f, 0.2f, 0.3f, Float.NaN, 0.5f, Float.NaN)).build();
    assertThat(failure(data, Reason.NON_FINITE_SAMPLES))
        .hasMessageContaining("frame 1, channel 1")
        .hasMessageContaining("NaN");
  }

  @Test
  void positiveInfinityFloat() {
    WavBuilder b = WavBuilder.riff().fmt(FLOAT, 1, 48000, 32);
    byte[] data = b.data(b.float32(0f, 0f, Float.POSITIVE_INFINITY)).build();
    assertThat(failure(data, Reason.NON_FINITE_SAMPLES)).hasMessageContaining("frame 2").hasMessageContaining("Infinity");
  }

  @Test
  void negativeInfinityDouble() {
    WavBuilder b = WavBuilder.riff().fmt(FLOAT, 1, 48000, 64);
    byte[] data = b.data(b.float64(Double.NEGATIVE_INFINITY)).build();
    failure(data, Reason.NON_FINITE_SAMPLES);
  }

  @Test
  void halfFloatIsUnsupported() {
    byte[] data = WavBuilder.riff().fmt(FLOAT, 1, 48000, 16).data(new byte[4]).build();
    failure(data, Reason.UNSUPPORTED_CODEC);
  }

  @Test
  void frameLimitGivesTooLong() {
    WavBuilder b = mono16(8000);
    byte[] data = b.data(b.pcm16(new int[100])).build();
    assertThatThrownBy(() -> AudioDecoder.decode(data, "long.wav", 99))
        .isInstanceOfSatisfying(AudioDecodeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LONG));
  }

  // ---- accepted inputs ----

  @Test
  void pcm16ValuesAndFullScaleClipping() throws Exception {
    WavBuilder b = mono16(44100);
    DecodedAudio audio = decode(b.data(b.pcm16(0, 1, -1, 32767, -32768, 16384)).build());
    assertThat(audio.channels()[0])
        .containsExactly(0.0, 1 / 32768.0, -1 / 32768.0, 32767 / 32768.0, -1.0, 0.5);
    assertThat(audio.format()).isEqualTo("wav/pcm16");
    assertThat(audio.bitsPerSample()).isEqualTo(16);
    assertThat(audio.warnings()).isEmpty();
  }

  @Test
  void silentAudioDecodes() throws Exception {
    WavBuilder b = mono16(48000);
    DecodedAudio audio = decode(b.data(new byte[2 * 4800]).build());
    assertThat(audio.frameCount()).isEqualTo(4800);
    assertThat(Arrays.stream(audio.channels()[0]).allMatch(v -> v == 0.0)).isTrue();
  }

  @Test
  void eightBitUnsignedCentreIsZero() throws Exception {
    byte[] samples = {(byte) 128, 0, (byte) 255, (byte) 192};
    DecodedAudio audio = decode(WavBuilder.riff().fmt(PCM, 1, 8000, 8).data(samples).build());
    assertThat(audio.channels()[0]).containsExactly(0.0, -1.0, 127 / 128.0, 0.5);
    assertThat(audio.format()).isEqualTo("wav/pcm8");
  }

  @Test
  void pcm24Values() throws Exception {
    WavBuilder b = WavBuilder.riff().fmt(PCM, 1, 96000, 24);
    DecodedAudio audio = decode(b.data(b.pcm24(0x7FFFFF, -0x800000, 1, -1, 0x400000)).build());
    assertThat(audio.channels()[0])
        .containsExactly(8388607 / 8388608.0, -1.0, 1 / 8388608.0, -1 / 8388608.0, 0.5);
  }

  @Test
  void pcm32Values() throws Exception {
    WavBuilder b = WavBuilder.riff().fmt(PCM, 1, 48000, 32);
    DecodedAudio audio = decode(b.data(b.pcm32(Integer.MIN_VALUE, 1 << 30, -1)).build());
    assertThat(audio.channels()[0]).containsExactly(-1.0, 0.5, -1 / 2147483648.0);
  }

  @Test
  void float32And64KeepValuesIncludingOverFullScale() throws Exception {
    WavBuilder b = WavBuilder.riff().fmt(FLOAT, 1, 48000, 32);
    DecodedAudio f32 = decode(b.data(b.float32(0.25f, -1.5f, 1e-30f)).build());
    assertThat(f32.channels()[0]).containsExactly(0.25, -1.5, (double) 1e-30f);
    WavBuilder d = WavBuilder.riff().fmt(FLOAT, 1, 48000, 64);
    DecodedAudio f64 = decode(d.data(d.float64(0.1, -2.0)).build());
    assertThat(f64.channels()[0]).containsExactly(0.1, -2.0);
    assertThat(f64.format()).isEqualTo("wav/float64");
  }

  @Test
  void twentyBitPcmInThreeByteContainer() throws Exception {
    WavBuilder b = WavBuilder.riff().fmt(PCM, 1, 48000, 3, 20);
    // 20 valid bits are left-justified: the low 4 bits of the container are zero.
    DecodedAudio audio = decode(b.data(b.pcm24(0x7FFFF0, 0x000010)).build());
    assertThat(audio.bitsPerSample()).isEqualTo(20);
    assertThat(audio.channels()[0]).containsExactly(0x7FFFF0 / 8388608.0, 16 / 8388608.0);
  }

  @Test
  void extensiblePcm24In32BitContainerAndExtensibleFloat() throws Exception {
    WavBuilder b = WavBuilder.riff().fmtExtensible(2, 48000, 32, 24, WavBuilder.subFormatGuid(PCM));
    DecodedAudio pcm = decode(b.data(b.pcm32(0x40000000, 0xC0000000)).build());
    assertThat(pcm.channels()[0]).containsExactly(0.5);
    assertThat(pcm.channels()[1]).containsExactly(-0.5);
    assertThat(pcm.bitsPerSample()).isEqualTo(24);

    WavBuilder f = WavBuilder.riff().fmtExtensible(1, 48000, 32, 32, WavBuilder.subFormatGuid(FLOAT));
    assertThat(decode(f.data(f.float32(0.75f)).build()).channels()[0]).containsExactly(0.75);
  }

  @Test
  void eightChannelsAreDeinterleavedInOrder() throws Exception {
    WavBuilder b = WavBuilder.riff().fmt(PCM, 8, 48000, 16);
    int[] interleaved = new int[8 * 3];
    for (int frame = 0; frame < 3; frame++) {
      for (int c = 0; c < 8; c++) {
        interleaved[frame * 8 + c] = 1000 * (c + 1) + frame;
      }
    }
    DecodedAudio audio = decode(b.data(b.pcm16(interleaved)).build());
    assertThat(audio.channelCount()).isEqualTo(8);
    for (int c = 0; c < 8; c++) {
      assertThat(audio.channels()[c])
          .containsExactly(
              (1000 * (c + 1)) / 32768.0, (1000 * (c + 1) + 1) / 32768.0, (1000 * (c + 1) + 2) / 32768.0);
    }
  }

  @Test
  void extremeAndOddSampleRates() throws Exception {
    for (int rate : new int[] {8000, 11025, 192000, 7350, 768000}) {
      WavBuilder b = mono16(rate);
      DecodedAudio audio = decode(b.data(b.pcm16(1, 2, 3)).build());
      assertThat(audio.sampleRate()).isEqualTo(rate);
      assertThat(audio.durationSeconds()).isEqualTo(3.0 / rate);
    }
  }

  @Test
  void listChunkBeforeFmtAndUnknownChunksAreSkipped() throws Exception {
    WavBuilder b = WavBuilder.riff();
    byte[] data =
        b.chunk("LIST", "INFOISFT\u0005\0\0\0sox\0\0\0".getBytes())
            .chunk("junk", new byte[7])
            .fmt(PCM, 1, 44100, 16)
            .chunk("fact", new byte[4])
            .chunk("cue ", new byte[28])
            .data(b.pcm16(5, -5))
            .chunk("id3 ", new byte[3])
            .build();
    DecodedAudio audio = decode(data);
    assertThat(audio.channels()[0]).containsExactly(5 / 32768.0, -5 / 32768.0);
    assertThat(audio.warnings()).isEmpty();
  }

  @Test
  void oddSizedDataChunkWithPadByteThenFmt() throws Exception {
    // Three 8-bit samples make an odd data chunk; fmt after it is only found if the pad byte is skipped.
    byte[] data =
        WavBuilder.riff().data(new byte[] {(byte) 128, (byte) 160, 96}).fmt(PCM, 1, 22050, 8).build();
    DecodedAudio audio = decode(data);
    assertThat(audio.channels()[0]).containsExactly(0.0, 0.25, -0.25);
    assertThat(audio.warnings()).isEmpty();
  }

  @Test
  void oddSizedChunkWithoutItsPadByteIsToleratedWithAWarning() throws Exception {
    WavBuilder b = WavBuilder.riff();
    byte[] data =
        b.chunk("LIST", new byte[5], 5, false).fmt(PCM, 1, 44100, 16).data(b.pcm16(7)).build();
    DecodedAudio audio = decode(data);
    assertThat(audio.channels()[0]).containsExactly(7 / 32768.0);
    assertThat(audio.warnings()).anyMatch(w -> w.contains("no pad byte"));
  }

  @Test
  void trailingPartialFrameIsDroppedWithAWarning() throws Exception {
    WavBuilder b = WavBuilder.riff().fmt(PCM, 2, 44100, 16);
    byte[] sevenBytes = Arrays.copyOf(b.pcm16(100, 200, 300, 400), 7); // 1 frame + 3 stray bytes
    DecodedAudio audio = decode(b.data(sevenBytes).build());
    assertThat(audio.frameCount()).isEqualTo(1);
    assertThat(audio.channels()[1]).containsExactly(200 / 32768.0);
    assertThat(audio.warnings()).anyMatch(w -> w.contains("3 bytes"));
  }

  @Test
  void wrongRiffSizeIsOnlyAWarning() throws Exception {
    WavBuilder b = mono16(44100);
    DecodedAudio audio = decode(b.data(b.pcm16(1)).riffSize(1_000_000).build());
    assertThat(audio.frameCount()).isEqualTo(1);
    assertThat(audio.warnings()).anyMatch(w -> w.contains("RIFF header declares"));
  }

  @Test
  void streamingPlaceholderSizeReadsToEndOfFile() throws Exception {
    WavBuilder b = mono16(44100);
    byte[] samples = b.pcm16(1, 2, 3);
    DecodedAudio audio = decode(b.chunk("data", samples, 0xFFFFFFFFL, true).build());
    assertThat(audio.frameCount()).isEqualTo(3);
    assertThat(audio.warnings()).anyMatch(w -> w.contains("placeholder"));
  }

  @Test
  void truncatedTrailingChunkAfterDataDoesNotLoseTheRecording() throws Exception {
    WavBuilder b = mono16(44100);
    byte[] data = b.data(b.pcm16(9, 9)).chunk("LIST", new byte[4], 5000, false).build();
    assertThat(decode(data).frameCount()).isEqualTo(2);
  }

  @Test
  void bigEndianRifx() throws Exception {
    WavBuilder b = WavBuilder.rifx().fmt(PCM, 2, 44100, 24);
    DecodedAudio audio = decode(b.data(b.pcm24(0x400000, -0x400000)).build());
    assertThat(audio.format()).isEqualTo("rifx/pcm24");
    assertThat(audio.channels()[0]).containsExactly(0.5);
    assertThat(audio.channels()[1]).containsExactly(-0.5);
  }

  @Test
  void rf64TakesTheDataSizeFromDs64() throws Exception {
    WavBuilder b = WavBuilder.rf64();
    byte[] samples = b.pcm16(11, 22, 33);
    byte[] ds64 = b.buffer(28).putLong(0).putLong(samples.length).putLong(3).putInt(0).array();
    byte[] data = b.chunk("ds64", ds64).fmt(PCM, 1, 48000, 16).chunk("data", samples, 0xFFFFFFFFL, true).riffSize(0xFFFFFFFFL).build();
    DecodedAudio audio = decode(data);
    assertThat(audio.format()).isEqualTo("rf64/pcm16");
    assertThat(audio.channels()[0]).containsExactly(11 / 32768.0, 22 / 32768.0, 33 / 32768.0);
  }

  @Test
  void mutatedFilesFailOnlyWithAReason() throws Exception {
    double[][] x = {TestAudio.sine(440, 0.5, 44100, 2000), TestAudio.sine(660, 0.5, 44100, 2000)};
    byte[] original = WavWriter.toBytes(x, 44100, WavWriter.SampleFormat.PCM_24);
    java.util.Set<Reason> seen = java.util.EnumSet.noneOf(Reason.class);
    TestAudio.mutate(original, 400, 3, mutated -> {
      try {
        AudioDecoder.decode(mutated, "m.wav");
      } catch (AudioDecodeException e) {
        seen.add(e.reason());
      }
    });
    assertThat(seen).contains(Reason.DATA_BEYOND_END_OF_FILE, Reason.TRUNCATED_HEADER);
  }
}
