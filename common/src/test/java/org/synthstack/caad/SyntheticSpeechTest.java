package org.synthstack.caad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.synthstack.dsp.Stft;

class SyntheticSpeechTest {

    @Test
    void isSeededAndHasTheRequestedLength() {
        double[] a = SyntheticSpeech.generate(16_000, 1.5, 3);
        assertThat(a).hasSize(24_000);
        assertThat(SyntheticSpeech.generate(16_000, 1.5, 3)).containsExactly(a);
        assertThat(SyntheticSpeech.generate(16_000, 1.5, 4)).isNotEqualTo(a);
    }

    @Test
    void opensWithAPauseLongerThanTheNoiseLeadThenSpeaks() {
        double[] x = SyntheticSpeech.generate(16_000, 2.0, 8);
        int lead = (int) (SyntheticSpeech.LEAD_SECONDS * 16_000);
        for (int i = 0; i < lead; i++) {
            assertThat(x[i]).isZero();
        }
        assertThat(lead).isGreaterThan(NoiseReducerSettings.speech16k().noiseLeadSamples());
        double peak = TestSignals.maxAbs(x);
        assertThat(peak).isBetween(0.1, 1.0);
    }

    @Test
    void hasSyllablesAndPausesAndMostEnergyBelowFourKilohertz() {
        double[] x = SyntheticSpeech.generate(16_000, 3.0, 1);
        Stft stft = Stft.sqrtHann(512, 256);
        double[][] spectra = stft.analyze(x);
        int loudFrames = 0;
        int quietFrames = 0;
        double low = 0;
        double total = 0;
        for (double[] s : spectra) {
            double frameEnergy = 0;
            for (int f = 0; f < stft.bins(); f++) {
                double p = s[2 * f] * s[2 * f] + s[2 * f + 1] * s[2 * f + 1];
                frameEnergy += p;
                if (f < 128) { // below 4 kHz
                    low += p;
                }
            }
            total += frameEnergy;
            if (frameEnergy > 1.0) {
                loudFrames++;
            } else if (frameEnergy < 1e-3) {
                quietFrames++;
            }
        }
        assertThat(loudFrames).isGreaterThan(spectra.length / 3);
        assertThat(quietFrames).isGreaterThan(spectra.length / 10);
        assertThat(low / total).isGreaterThan(0.9);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> SyntheticSpeech.generate(4_000, 1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sampleRate");
        assertThatThrownBy(() -> SyntheticSpeech.generate(16_000, 0.2, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seconds");
    }
}
