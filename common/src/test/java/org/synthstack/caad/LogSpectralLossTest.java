package org.synthstack.caad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.synthstack.dsp.Stft;

class LogSpectralLossTest {
    private static final Stft STFT = Stft.sqrtHann(512, 256);
    private static final double FLOOR = LogSpectralLoss.DEFAULT_MAGNITUDE_FLOOR;

    private static LogSpectralLoss loss() {
        return new LogSpectralLoss(STFT.copy(), FLOOR);
    }

    private static double[] scaled(double[] x, double factor) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = factor * x[i];
        }
        return y;
    }

    @Test
    void identicalSignalsHaveZeroLoss() {
        double[] x = TestSignals.gaussian(10_000, 1, 1);
        assertThat(loss().between(x, x.clone())).isZero();
    }

    @Test
    void aReferenceTwiceAsLoudCostsTwentyLogTwoDecibels() {
        // R = 2·Y in every bin (the STFT is linear): each term is log10 2, the mean is 20·log10 2 dB.
        double[] y = TestSignals.gaussian(10_000, 2, 1);

        assertThat(loss().between(scaled(y, 2), y)).isCloseTo(20 * Math.log10(2), within(1e-12));
        assertThat(loss().between(y, scaled(y, 2))).isCloseTo(20 * Math.log10(2), within(1e-12));
        assertThat(loss().between(scaled(y, 0.1), y)).isCloseTo(20.0, within(1e-12));
    }

    @Test
    void theLossAveragesOverBinsAndFrames() {
        // The reference is 10× the processed signal in the second half only: |log10| is 1 in the frames
        // that lie wholly in that half, 0 in the first half, something between in the frames straddling it.
        int length = 256 * 40;
        double[] y = TestSignals.gaussian(length, 3, 1);
        double[] r = y.clone();
        for (int i = length / 2; i < length; i++) {
            r[i] *= 10;
        }
        int frames = STFT.frames(length); // 41
        int wholeInSecondHalf = 0;
        int wholeInFirstHalf = 0;
        for (int t = 0; t < frames; t++) {
            int start = STFT.frameStart(t);
            if (start >= length / 2) {
                wholeInSecondHalf++;
            } else if (start + 512 <= length / 2) {
                wholeInFirstHalf++;
            }
        }
        int straddling = frames - wholeInSecondHalf - wholeInFirstHalf;

        double l = loss().between(r, y);

        double lower = 20.0 * wholeInSecondHalf / frames;
        assertThat(l).isBetween(lower, lower + 20.0 * straddling / frames);
    }

    @Test
    void silenceAgainstSilenceIsZeroNotNaN() {
        assertThat(loss().between(new double[3000], new double[3000])).isZero();
    }

    @Test
    void theFloorMakesSilenceAgainstAnImpulseFinite() {
        // An impulse of height 1 at sample p has |R(t, f)| = w(p − start(t)) in every bin of the frames
        // covering it and 0 elsewhere; against silence each bin costs log10(max(|R|, floor)/floor).
        int length = 3000;
        int p = 1234;
        double[] impulse = new double[length];
        impulse[p] = 1;
        double[] w = STFT.analysisWindow();
        int frames = STFT.frames(length);
        double expected = 0;
        for (int t = 0; t < frames; t++) {
            int offset = p - STFT.frameStart(t);
            if (offset >= 0 && offset < w.length) {
                expected += Math.log10(Math.max(w[offset], FLOOR) / FLOOR);
            }
        }
        expected *= 20.0 / frames;

        double l = loss().between(impulse, new double[length]);

        assertThat(l).isCloseTo(expected, within(1e-9));
        assertThat(expected).isGreaterThan(0);
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> loss().between(new double[0], new double[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reference").hasMessageContaining("empty");
        assertThatThrownBy(() -> loss().between(new double[10], new double[11]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("processed has 11 samples, expected 10");
        assertThatThrownBy(() -> new LogSpectralLoss(STFT.copy(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("magnitudeFloor");
        assertThatThrownBy(() -> loss().between(new double[] {Double.NaN}, new double[1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reference")
                .hasMessageContaining("sample 0 is NaN");
    }
}
