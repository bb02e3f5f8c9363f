package org.synthstack.caad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthstack.audio.AudioDecodeException;
import org.synthstack.audio.WavWriter;

class SpeechSourceTest {

    @Test
    void loadsAWavAndResamplesItToTheWorkingRate(@TempDir Path dir) throws Exception {
        int rate = 8_000;
        double[] tone = new double[rate]; // 1 s of 500 Hz
        for (int i = 0; i < tone.length; i++) {
            tone[i] = 0.5 * Math.sin(2 * Math.PI * 500 * i / rate);
        }
        Path wav = dir.resolve("tone.wav");
        try (OutputStream out = Files.newOutputStream(wav)) {
            WavWriter.writeMono(out, tone, rate, WavWriter.SampleFormat.FLOAT_32);
        }

        double[] loaded = SpeechSource.load(wav, 16_000);

        assertThat(loaded).hasSize(16_000);
        // Away from the edges the band-limited resampler reproduces the tone at the new rate.
        for (int i = 2_000; i < 14_000; i += 101) {
            assertThat(loaded[i]).isCloseTo(0.5 * Math.sin(2 * Math.PI * 500 * i / 16_000.0), within(1e-3));
        }
        // … and it feeds the problem directly.
        double[] speechLike = SpeechSource.load(writeSpeech(dir), 16_000);
        assertThat(NoiseReductionProblem.of(speechLike, 16_000, NoiseReductionProblem.Settings.defaults())
                .loss(-6, -5)).isFinite();
    }

    private static Path writeSpeech(Path dir) throws IOException {
        Path wav = dir.resolve("speech.wav");
        try (OutputStream out = Files.newOutputStream(wav)) {
            WavWriter.writeMono(out, SyntheticSpeech.generate(22_050, 1.0, 5), 22_050, WavWriter.SampleFormat.PCM_16);
        }
        return wav;
    }

    @Test
    void reportsUnreadableFiles(@TempDir Path dir) throws IOException {
        Path notAudio = dir.resolve("notes.wav");
        Files.writeString(notAudio, "not audio at all");
        assertThatThrownBy(() -> SpeechSource.load(notAudio, 16_000)).isInstanceOf(AudioDecodeException.class);
        assertThatThrownBy(() -> SpeechSource.load(dir.resolve("missing.wav"), 16_000)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> SpeechSource.load(notAudio, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("workingRate");
    }
}
