package org.synthstack.caad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SpeechInNoiseTest {
    private static final SpeechInNoise SIGNALS = SpeechInNoise.of(TestSignals.SPEECH, 3);

    private static double[] minus(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    @Test
    void cleanAndNoiseHaveEqualUnitPower() {
        assertThat(SpeechInNoise.averagePower(SIGNALS.clean())).isCloseTo(1.0, within(1e-12));
        assertThat(SpeechInNoise.averagePower(SIGNALS.noise())).isCloseTo(1.0, within(1e-12));
        assertThat(SIGNALS.length()).isEqualTo(TestSignals.SPEECH.length);
    }

    @Test
    void cleanIsTheSpeechRescaled() {
        double[] c = SIGNALS.clean();
        double scale = c[6000] / TestSignals.SPEECH[6000];
        for (int i = 0; i < c.length; i += 97) {
            assertThat(c[i]).isCloseTo(scale * TestSignals.SPEECH[i], within(1e-12));
        }
    }

    @ParameterizedTest(name = "SNR {0} dB")
    @ValueSource(doubles = {-15, -5, -3.3, 0, 7.25})
    void measuredSnrOfTheNoisyInputIsTheRequestedOne(double snrDb) {
        double[] c = SIGNALS.clean();
        double[] x = SIGNALS.noisy(snrDb);

        double measured = 10 * Math.log10(SpeechInNoise.averagePower(c) / SpeechInNoise.averagePower(minus(x, c)));

        assertThat(measured).isCloseTo(snrDb, within(0.1));
        assertThat(measured).isCloseTo(snrDb, within(1e-9)); // exact up to rounding, by construction
    }

    @Test
    void theReferenceIsSnrLossCleaner() {
        double[] c = SIGNALS.clean();
        double[] r = SIGNALS.reference(-5, 7);

        double measured = 10 * Math.log10(1 / SpeechInNoise.averagePower(minus(r, c)));

        assertThat(measured).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void theNoiseIsWhiteAndSeeded() {
        double[] n = SpeechInNoise.whiteNoise(40_000, 8);
        // Sample autocorrelation at lags 1..8: within 4/√N of zero for white noise.
        for (int lag = 1; lag <= 8; lag++) {
            double sum = 0;
            for (int i = lag; i < n.length; i++) {
                sum += n[i] * n[i - lag];
            }
            assertThat(sum / n.length).as("lag %d", lag).isCloseTo(0.0, within(4 / Math.sqrt(n.length)));
        }
        assertThat(SpeechInNoise.whiteNoise(40_000, 8)).containsExactly(n);
        assertThat(SpeechInNoise.whiteNoise(40_000, 9)).isNotEqualTo(n);
    }

    @Test
    void noiseGainFollowsEquation31() {
        assertThat(SpeechInNoise.noiseGain(0)).isEqualTo(1.0);
        assertThat(SpeechInNoise.noiseGain(-20)).isCloseTo(10.0, within(1e-12));
        assertThat(SpeechInNoise.noiseGain(6)).isCloseTo(Math.pow(10, -0.3), within(1e-15));
    }

    @Test
    void rejectsBadSpeech() {
        assertThatThrownBy(() -> SpeechInNoise.of(new double[0], 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("speech").hasMessageContaining("empty");
        assertThatThrownBy(() -> SpeechInNoise.of(new double[100], 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("speech is silent");
        assertThatThrownBy(() -> SpeechInNoise.of(new double[] {1, Double.POSITIVE_INFINITY}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sample 1");
        assertThatThrownBy(() -> SIGNALS.noisy(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("snrDb")
                .hasMessageContaining("finite");
        assertThatThrownBy(() -> SIGNALS.reference(0, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("snrLossDb");
    }
}
