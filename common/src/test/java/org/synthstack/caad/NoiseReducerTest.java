package org.synthstack.caad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NoiseReducerTest {
    private static final NoiseReducerSettings SETTINGS = NoiseReducerSettings.speech16k();

    private static double[] noisySpeech() {
        SpeechInNoise s = SpeechInNoise.of(TestSignals.SPEECH, 9);
        return s.noisy(-5);
    }

    @Test
    void zeroDecibelGainFloorLeavesTheSignalUnchanged() {
        double[] x = noisySpeech();

        double[] y = new NoiseReducer(SETTINGS).process(x, 16_000, 0.0);

        // The gains are exactly 1, so only the STFT's reconstruction error remains.
        assertThat(TestSignals.maxAbsDifference(x, y)).isLessThan(1e-12 * TestSignals.maxAbs(x));
    }

    @Test
    void transparentAlsoWithOtherFramings() {
        double[] x = noisySpeech();
        NoiseReducerSettings quarterHop = new NoiseReducerSettings(16_000, 400, 100, 0.9, 0.2);

        double[] y = new NoiseReducer(quarterHop).process(x, 16_000, 0.0);

        assertThat(TestSignals.maxAbsDifference(x, y)).isLessThan(1e-12 * TestSignals.maxAbs(x));
    }

    @Test
    void attenuatesStationaryNoiseDownTowardsTheGainFloor() {
        double[] noise = TestSignals.gaussian(32_000, 4, 0.1);
        int afterLead = SETTINGS.noiseLeadSamples();

        double[] y = new NoiseReducer(SETTINGS).process(noise, 16_000, -20.0);

        // G ≥ G_min in every bin, so no more than 20 dB comes off. In noise-only bins ξ settles near
        // α·G_min² + (1 − α)/e ≈ 0.017 (G ≈ −18.8 dB), but G grows with |X|², so the loud bins, which
        // carry most of the power, keep more: the output sits a few dB above the floor.
        double attenuation = TestSignals.powerRatioDb(y, noise, afterLead, noise.length);
        assertThat(attenuation).isBetween(-20.0, -14.0);
    }

    @Test
    void keepsAStrongToneWhileSuppressingTheNoiseAroundIt() {
        int length = 32_000;
        double[] noise = TestSignals.gaussian(length, 5, 0.01);
        double[] x = noise.clone();
        int onset = 8_000;
        for (int i = onset; i < length; i++) {
            x[i] += 0.5 * Math.sin(2 * Math.PI * 1000.0 * i / 16_000);
        }

        double[] y = new NoiseReducer(SETTINGS).process(x, 16_000, -30.0);

        double[] residual = new double[length];
        for (int i = 0; i < length; i++) {
            residual[i] = y[i] - (x[i] - noise[i]);
        }
        // The tone survives within 0.1 dB ...
        double[] tone = new double[length];
        for (int i = onset; i < length; i++) {
            tone[i] = x[i] - noise[i];
        }
        assertThat(TestSignals.powerRatioDb(y, tone, onset + 2_000, length - 1_000)).isBetween(-0.1, 0.1);
        // ... and the noise left in y is far below the input noise.
        assertThat(TestSignals.powerRatioDb(residual, noise, onset + 2_000, length - 1_000)).isLessThan(-10);
    }

    @Test
    void noisePsdIsTheMeanPeriodogramOfTheLead() {
        // White noise of variance σ² has E|X|² = σ²·Σw² in every bin but DC and Nyquist.
        NoiseReducerSettings longLead = new NoiseReducerSettings(16_000, 512, 256, 0.98, 1.0);
        double sd = 0.1;
        double[] x = TestSignals.gaussian(32_000, 21, sd);
        for (int i = 16_000; i < x.length; i++) {
            x[i] += Math.sin(2 * Math.PI * 1000.0 * i / 16_000); // after the lead: must not leak into λ
        }
        double sumSquares = 0;
        for (double w : org.synthstack.dsp.Stft.sqrtHann(512, 256).analysisWindow()) {
            sumSquares += w * w;
        }

        double[] psd = new NoiseReducer(longLead).noisePsdOf(x);

        double mean = 0;
        for (int f = 1; f < psd.length - 1; f++) {
            mean += psd[f];
        }
        mean /= psd.length - 2;
        // 61 frames × 255 bins of exponential periodogram values: the standard error is about 1 %.
        assertThat(mean / (sd * sd * sumSquares)).isCloseTo(1.0, within(0.04));
        assertThat(psd[32] / (sd * sd * sumSquares)).isLessThan(2.0); // the 1 kHz bin
    }

    @Test
    void rejectsBadInput() {
        NoiseReducer reducer = new NoiseReducer(SETTINGS);
        double[] x = noisySpeech();
        assertThatThrownBy(() -> reducer.process(x, 16_000, 1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gainFloorDb")
                .hasMessageContaining("[-Infinity, 0] dB");
        assertThatThrownBy(() -> reducer.process(x, 16_000, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gainFloorDb");
        assertThatThrownBy(() -> reducer.process(new double[0], 16_000, -10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("noisy")
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> reducer.process(x, 44_100, -10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sampleRate")
                .hasMessageContaining("44100 Hz")
                .hasMessageContaining("16000 Hz");
        assertThatThrownBy(() -> reducer.process(new double[1000], 16_000, -10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("noise lead of 3200 samples");
        double[] withNaN = x.clone();
        withNaN[17] = Double.NaN;
        assertThatThrownBy(() -> reducer.process(withNaN, 16_000, -10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sample 17");
    }

    @Test
    void fullSuppressionIsAllowed() {
        double[] y = new NoiseReducer(SETTINGS).process(noisySpeech(), 16_000, Double.NEGATIVE_INFINITY);
        for (double v : y) {
            assertThat(v).isFinite();
        }
    }

    @Test
    void digitalSilenceInTheLeadDoesNotBreakTheGains() {
        double[] x = new double[16_000];
        for (int i = 8_000; i < x.length; i++) {
            x[i] = Math.sin(i * 0.3);
        }
        double[] y = new NoiseReducer(SETTINGS).process(x, 16_000, -20);
        for (double v : y) {
            assertThat(v).isFinite();
        }
        // With no noise at all every signal bin has a huge SNR and passes.
        assertThat(TestSignals.powerRatioDb(y, x, 9_000, 15_000)).isBetween(-0.1, 0.1);
    }

    @Test
    void settingsNameTheBadField() {
        assertThatThrownBy(() -> new NoiseReducerSettings(16_000, 511, 256, 0.98, 0.2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frameLength");
        assertThatThrownBy(() -> new NoiseReducerSettings(16_000, 512, 0, 0.98, 0.2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hop");
        assertThatThrownBy(() -> new NoiseReducerSettings(16_000, 512, 256, 1.0, 0.2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("smoothing")
                .hasMessageContaining("[0, 1)");
        assertThatThrownBy(() -> new NoiseReducerSettings(16_000, 512, 256, 0.98, 0.01))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("noiseLeadSeconds")
                .hasMessageContaining(">= 0.032 s");
        assertThatThrownBy(() -> new NoiseReducerSettings(0, 512, 256, 0.98, 0.2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sampleRate");
    }

    @Test
    void noiseLeadFramesAreTheCompleteFramesInsideTheLead() {
        // 0.2 s at 16 kHz = 3200 samples; frames start at -256, 0, 256, …: complete ones start 0..2560.
        assertThat(SETTINGS.firstNoiseFrame()).isEqualTo(1);
        assertThat(SETTINGS.noiseFrames()).isEqualTo(11);
    }
}
