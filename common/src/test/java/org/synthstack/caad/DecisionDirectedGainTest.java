package org.synthstack.caad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.synthstack.dsp.Stft;

/**
 * The decision-directed estimator against closed forms: a bin-centred tone of amplitude A under a
 * window w has |S| = A·Σw/2 in its bin, and white noise of variance σ² has E|N|² = σ²·Σw² in every
 * bin but DC and Nyquist, so the true a-priori SNR of the tone bin is known exactly.
 */
class DecisionDirectedGainTest {
    private static final int FRAME = 512;
    private static final int HOP = 256;
    private static final int TONE_BIN = 40; // 1250 Hz at 16 kHz
    private static final double NOISE_SD = 0.05;

    /** ξ per frame for one bin, and the mean ξ over the noise-only bins of every frame after the first ten. */
    private record Run(double[] toneBinPrioriSnr, double meanNoiseBinPrioriSnr) {
    }

    private static Run run(double toneAmplitude, double gainFloorLinear, int frames) {
        Stft stft = Stft.sqrtHann(FRAME, HOP);
        double[] w = stft.analysisWindow();
        double sumSquares = Arrays.stream(w).map(v -> v * v).sum();
        int length = frames * HOP;
        double[] x = TestSignals.gaussian(length, 12, NOISE_SD);
        for (int i = 0; i < length; i++) {
            x[i] += toneAmplitude * Math.cos(2 * Math.PI * TONE_BIN * i / FRAME);
        }
        double[] psd = new double[stft.bins()];
        Arrays.fill(psd, NOISE_SD * NOISE_SD * sumSquares);
        DecisionDirectedGain gain = new DecisionDirectedGain(stft.bins(), 0.98);
        gain.start(psd, gainFloorLinear);

        double[] spectrum = new double[stft.spectrumLength()];
        int totalFrames = stft.frames(length);
        double[] toneXi = new double[totalFrames];
        double noiseSum = 0;
        long noiseCount = 0;
        for (int t = 0; t < totalFrames; t++) {
            stft.analyzeFrame(x, length, t, spectrum);
            gain.apply(spectrum);
            toneXi[t] = gain.prioriSnr(TONE_BIN);
            if (t >= 10 && t < totalFrames - 2) { // complete frames only
                for (int f = TONE_BIN + 30; f < stft.bins() - 1; f++) {
                    noiseSum += gain.prioriSnr(f);
                    noiseCount++;
                }
            }
        }
        return new Run(toneXi, noiseSum / noiseCount);
    }

    private static double trueToneBinSnr(double amplitude) {
        double[] w = Stft.sqrtHann(FRAME, HOP).analysisWindow();
        double sum = Arrays.stream(w).sum();
        double sumSquares = Arrays.stream(w).map(v -> v * v).sum();
        double tonePower = Math.pow(amplitude * sum / 2, 2);
        return tonePower / (NOISE_SD * NOISE_SD * sumSquares);
    }

    private static double meanDb(double[] values, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += values[i];
        }
        return 10 * Math.log10(sum / (to - from));
    }

    @Test
    void convergesToTheTrueAprioriSnrOfAStationaryTone() {
        double amplitude = 0.05; // tone-bin SNR about 22 dB
        double trueDb = 10 * Math.log10(trueToneBinSnr(amplitude));
        assertThat(trueDb).isBetween(20.0, 24.0);

        Run r = run(amplitude, 0.0, 300);

        // Steady state with G_min = 0: ξ = α(ξ/(ξ+1))²(ξ_true + 1) + (1 − α)ξ_true gives ξ ≈ ξ_true − 1 (−0.03 dB here).
        assertThat(meanDb(r.toneBinPrioriSnr(), 50, 298)).isCloseTo(trueDb, within(0.3));
        // ... reached within a few frames of the start: α = 0.98 still lets the γ term in.
        assertThat(meanDb(r.toneBinPrioriSnr(), 20, 40)).isCloseTo(trueDb, within(1.0));
    }

    @Test
    void tracksAWeakerToneToo() {
        double amplitude = 0.0125; // about 10 dB
        double trueSnr = trueToneBinSnr(amplitude);
        // Fixed point of ξ = α(ξ/(ξ+1))²(ξ_true + 1) + (1 − α)ξ_true, the known DD bias at moderate SNR.
        double fixedPoint = trueSnr;
        for (int i = 0; i < 200; i++) {
            double g = fixedPoint / (fixedPoint + 1);
            fixedPoint = 0.98 * g * g * (trueSnr + 1) + 0.02 * trueSnr;
        }

        Run r = run(amplitude, 0.0, 600);

        assertThat(meanDb(r.toneBinPrioriSnr(), 50, 598)).isCloseTo(10 * Math.log10(fixedPoint), within(0.5));
    }

    @Test
    void noiseOnlyBinsSettleNearOneMinusAlphaOverE() {
        // γ ~ Exp(1) in a noise-only bin, and E[ξ_t] = α E[G²γ]_{t−1} + (1 − α) E[max(γ − 1, 0)] exactly.
        // The second term is (1 − α)/e. With G_min = 0, G = ξ/(ξ + 1) ≈ (1 − α)(γ − 1)⁺, so the first is
        // α(1 − α)² E[((γ − 1)⁺)² γ] = 8α(1 − α)²/e to second order in (1 − α); the third-order terms
        // are about −2e-4.
        double alpha = 0.98;
        double expected = (1 - alpha) / Math.E + 8 * alpha * (1 - alpha) * (1 - alpha) / Math.E;

        Run r = run(0.0, 0.0, 300);

        assertThat(r.meanNoiseBinPrioriSnr()).isCloseTo(expected, within(3e-4));
    }

    @Test
    void gainIsExactlyOneAtZeroDecibels() {
        DecisionDirectedGain gain = new DecisionDirectedGain(3, 0.98);
        gain.start(new double[] {1, 1, 1}, 1.0);
        double[] spectrum = {0.3, 0, -1e-3, 2e-4, 1e6, 0};
        double[] before = spectrum.clone();
        gain.apply(spectrum);
        assertThat(spectrum).containsExactly(before);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new DecisionDirectedGain(0, 0.98)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bins");
        assertThatThrownBy(() -> new DecisionDirectedGain(4, -0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("smoothing");
        DecisionDirectedGain gain = new DecisionDirectedGain(2, 0.98);
        assertThatThrownBy(() -> gain.start(new double[3], 0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("noisePsd has 3 bins, expected 2");
        assertThatThrownBy(() -> gain.start(new double[2], 1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gainFloorLinear");
    }
}
