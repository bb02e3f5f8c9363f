package org.synthstack.caad;

import java.util.Arrays;

/**
 * The noise reducer's per-frame gain rule: a decision-directed a-priori SNR estimate (Ephraim &amp;
 * Malah 1984) and the gain G = (ξ + G_min)/(ξ + 1) of the seed paper's eq. 29, applied bin by bin
 * to a sequence of STFT frames.
 *
 * <p>For frame t and bin f, with λ the noise PSD and Ŝ the previous frame's gain-weighted output:
 *
 * <pre>
 *   γ = |X|² / λ                                       (a-posteriori SNR)
 *   ξ = α |Ŝ_prev|² / λ + (1 − α) max(γ − 1, 0)        (a-priori SNR; |Ŝ_prev|² = 0 before the first frame)
 *   G = (ξ + g) / (ξ + 1), evaluated as 1 − (1 − g)/(ξ + 1)
 *   Ŝ = G X
 * </pre>
 *
 * The second form of G is algebraically equal, stays exact for g = 1 (G = 1 to the last bit, so the
 * reducer is transparent at G_min = 0 dB) and tends to 1 without NaN as ξ grows without bound.
 *
 * <p>A reusable workspace for one stream at a time: not thread-safe, no allocation per frame.
 */
public final class DecisionDirectedGain {
    /**
     * Noise PSD values are floored at this fraction of the mean noise PSD (plus the smallest normal
     * double), so that a bin with no noise at all (digital silence in the lead) gives a huge but
     * finite γ instead of a division by zero.
     */
    static final double RELATIVE_NOISE_FLOOR = 1e-12;

    private final int bins;
    private final double smoothing;
    private final double[] noisePsd;
    private final double[] previousCleanPower;
    private final double[] prioriSnr;
    private double gainFloor;

    /**
     * @param bins one-sided bins per frame
     * @param smoothing α in [0, 1)
     */
    public DecisionDirectedGain(int bins, double smoothing) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be at least 1, got " + bins);
        }
        if (!(smoothing >= 0 && smoothing < 1)) {
            throw new IllegalArgumentException("smoothing (decision-directed alpha) must be in [0, 1), got " + smoothing);
        }
        this.bins = bins;
        this.smoothing = smoothing;
        this.noisePsd = new double[bins];
        this.previousCleanPower = new double[bins];
        this.prioriSnr = new double[bins];
    }

    /**
     * Starts a new stream.
     *
     * @param noisePsd λ_N per bin, in the units of |X|² of the frames to come; copied (and floored)
     * @param gainFloorLinear G_min as a linear amplitude gain in [0, 1]
     */
    public void start(double[] noisePsd, double gainFloorLinear) {
        if (noisePsd.length != bins) {
            throw new IllegalArgumentException("noisePsd has " + noisePsd.length + " bins, expected " + bins);
        }
        if (!(gainFloorLinear >= 0 && gainFloorLinear <= 1)) {
            throw new IllegalArgumentException("gainFloorLinear (G_min) must be in [0, 1], got " + gainFloorLinear);
        }
        double mean = 0;
        for (double v : noisePsd) {
            mean += v;
        }
        mean /= bins;
        double floor = RELATIVE_NOISE_FLOOR * mean + Double.MIN_NORMAL;
        for (int f = 0; f < bins; f++) {
            this.noisePsd[f] = Math.max(noisePsd[f], floor);
        }
        Arrays.fill(previousCleanPower, 0.0);
        Arrays.fill(prioriSnr, 0.0);
        this.gainFloor = gainFloorLinear;
    }

    /**
     * Multiplies the next frame's interleaved spectrum (re, im per bin, as {@link
     * org.synthstack.dsp.Stft} writes it) by its gains, in place.
     */
    public void apply(double[] spectrum) {
        double alpha = smoothing;
        double oneMinusFloor = 1 - gainFloor;
        for (int f = 0; f < bins; f++) {
            double re = spectrum[2 * f];
            double im = spectrum[2 * f + 1];
            double power = re * re + im * im;
            double lambda = noisePsd[f];
            double posteriori = power / lambda;
            double xi = alpha * previousCleanPower[f] / lambda + (1 - alpha) * Math.max(posteriori - 1, 0);
            double gain = 1 - oneMinusFloor / (xi + 1);
            spectrum[2 * f] = gain * re;
            spectrum[2 * f + 1] = gain * im;
            previousCleanPower[f] = gain * gain * power;
            prioriSnr[f] = xi;
        }
    }

    /** The a-priori SNR ξ (linear power ratio) the last {@link #apply} used in bin {@code f}. */
    public double prioriSnr(int f) {
        return prioriSnr[f];
    }

    public int bins() {
        return bins;
    }
}
