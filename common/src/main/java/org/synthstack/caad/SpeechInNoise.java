package org.synthstack.caad;

import java.util.SplittableRandom;

/**
 * Clean speech c and white noise n at equal average power, and the problem instances built from
 * them (seed paper eqs. 30, 31 and 33):
 *
 * <pre>
 *   x(SNR)  = c + √(10^(−SNR/10)) · n                     the noisy input
 *   r(SNR)  = c + √(10^(−(SNR + SNR_loss)/10)) · n        the reference
 * </pre>
 *
 * Both c and n are scaled to unit average power P = (1/T)Σ s²(t), so the SNR of x against c is
 * exactly SNR (up to rounding), whatever the recording's level. The noise is Gaussian and white,
 * drawn from {@code SplittableRandom(noiseSeed)}: equal seeds and lengths give bit-identical noise on
 * any JVM 17+. One noise signal serves every instance, as in the seed paper, so the loss is a smooth
 * function of (G_min, SNR). Immutable and thread-safe.
 */
public final class SpeechInNoise {
    private final double[] clean;
    private final double[] noise;
    private final long noiseSeed;

    private SpeechInNoise(double[] clean, double[] noise, long noiseSeed) {
        this.clean = clean;
        this.noise = noise;
        this.noiseSeed = noiseSeed;
    }

    /**
     * @param speech clean speech, not empty, finite, not silent; not modified
     * @param noiseSeed seeds the white noise
     */
    public static SpeechInNoise of(double[] speech, long noiseSeed) {
        return new SpeechInNoise(unitPower("speech", speech), whiteNoise(speech.length, noiseSeed), noiseSeed);
    }

    /** Unit-power Gaussian white noise of {@code length} samples from {@code SplittableRandom(seed)}. */
    public static double[] whiteNoise(int length, long seed) {
        if (length < 1) {
            throw new IllegalArgumentException("length must be at least 1 sample, got " + length);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] n = new double[length];
        for (int i = 0; i < length; i++) {
            n[i] = random.nextGaussian();
        }
        return unitPower("noise", n);
    }

    /**
     * A copy of {@code signal} scaled to average power 1.
     *
     * @throws IllegalArgumentException naming {@code field} if the signal is empty, not finite or silent
     */
    public static double[] unitPower(String field, double[] signal) {
        Checks.signal(field, signal);
        double power = averagePower(signal);
        if (!(power > 0)) {
            throw new IllegalArgumentException(field + " is silent (average power 0); it cannot be normalised");
        }
        double scale = 1 / Math.sqrt(power);
        double[] scaled = new double[signal.length];
        for (int i = 0; i < signal.length; i++) {
            scaled[i] = signal[i] * scale;
        }
        return scaled;
    }

    /** P = (1/T)Σ s²(t) (seed eq. 30). */
    public static double averagePower(double[] signal) {
        double sum = 0;
        for (double s : signal) {
            sum += s * s;
        }
        return sum / signal.length;
    }

    /** The noise amplitude √(10^(−SNR/10)) that gives a unit-power c and n the SNR (dB). */
    public static double noiseGain(double snrDb) {
        return Math.sqrt(Math.pow(10, -Checks.finite("snrDb", snrDb, "dB") / 10));
    }

    /** x = c + √(10^(−SNR/10))·n. */
    public double[] noisy(double snrDb) {
        return mix(noiseGain(snrDb));
    }

    /** r = c + √(10^(−(SNR + SNR_loss)/10))·n. */
    public double[] reference(double snrDb, double snrLossDb) {
        Checks.finite("snrDb", snrDb, "dB");
        Checks.finite("snrLossDb", snrLossDb, "dB");
        return mix(noiseGain(snrDb + snrLossDb));
    }

    private double[] mix(double gain) {
        double[] x = new double[clean.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = clean[i] + gain * noise[i];
        }
        return x;
    }

    /** The unit-power clean speech c (a copy). */
    public double[] clean() {
        return clean.clone();
    }

    /** The unit-power noise n (a copy). */
    public double[] noise() {
        return noise.clone();
    }

    public int length() {
        return clean.length;
    }

    public long noiseSeed() {
        return noiseSeed;
    }

    /** Read-only views for the precomputation, without copying. */
    double[] cleanView() {
        return clean;
    }

    double[] noiseView() {
        return noise;
    }
}
