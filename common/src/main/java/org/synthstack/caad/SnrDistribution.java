package org.synthstack.caad;

import java.io.Serializable;
import java.util.SplittableRandom;
import org.synthstack.optimize.bayes.GaussianInputs;

/**
 * The distribution of input SNRs the noise reducer is designed for: SNR ~ N(meanDb, varianceDb2),
 * in dB (seed paper §IV-B2).
 *
 * <h2>The SRT</h2>
 *
 * The seed centres the distribution on the speech reception threshold (SRT, the SNR at which
 * listeners repeat 50 % of the words), read off a normal-hearing performance curve (its Fig. 7,
 * after Plomp &amp; Mimpen 1979 and Killion 1997), with variance 25/9 dB² from a Gaussian fitted to the
 * curve's derivative. It does not print the number. We take {@link #NORMAL_HEARING_SRT_DB} = −5 dB:
 * the SRT of normal-hearing listeners for short everyday sentences in steady-state noise at high
 * noise levels, from the seed's own normal-hearing source (its ref. [16]: Plomp &amp; Mimpen,
 * "Speech-reception threshold for sentences as a function of age and noise level", JASA 66(5):
 * 1333–1342, 1979), and restated by that group since as "about −5 dB signal-to-noise ratio" for 50 %
 * correct. Steady noise is the closer match to this problem's white noise; the other source, Killion
 * (1997), gives about +2 dB for a four-talker babble masker (QuickSIN's SNR-50). The value is a
 * setting; use the record constructor for another.
 *
 * <h2>Finite forms of E_SNR[L]</h2>
 *
 * <ul>
 *   <li>{@link #sample}: K draws, weights 1/K: the Monte-Carlo estimate (seeded).
 *   <li>{@link #grid}: K equally spaced SNRs over mean ± {@link #GRID_HALF_WIDTH_SIGMAS} standard
 *       deviations (±8 dB for σ² = 25/9, the seed's 16 dB range for DIRECT), weighted by the normal
 *       density and normalised: a quadrature of the Gaussian expectation that converges quickly
 *       in K for a smooth loss. Its weighted mean is the expected loss REGO's exact finite-instance
 *       projection models.
 * </ul>
 *
 * @param meanDb the mean SNR (dB), the SRT
 * @param varianceDb2 the variance (dB²), &gt; 0
 */
public record SnrDistribution(double meanDb, double varianceDb2) implements Serializable {
    /** The normal-hearing SRT for sentences in steady noise, dB (Plomp &amp; Mimpen 1979). */
    public static final double NORMAL_HEARING_SRT_DB = -5.0;
    /** The seed's variance of the SNR around the SRT, dB². */
    public static final double SEED_VARIANCE_DB2 = 25.0 / 9.0;
    /** Half-width of {@link #grid} in standard deviations: 4.8 σ = 8 dB for σ² = 25/9. */
    public static final double GRID_HALF_WIDTH_SIGMAS = 4.8;

    public SnrDistribution {
        Checks.finite("meanDb (SRT)", meanDb, "dB");
        if (!(varianceDb2 > 0) || !Double.isFinite(varianceDb2)) {
            throw new IllegalArgumentException("varianceDb2 must be a finite number of dB² > 0, got " + varianceDb2);
        }
    }

    /** N(SRT = −5 dB, 25/9 dB²). */
    public static SnrDistribution normalHearing() {
        return new SnrDistribution(NORMAL_HEARING_SRT_DB, SEED_VARIANCE_DB2);
    }

    public double standardDeviationDb() {
        return Math.sqrt(varianceDb2);
    }

    /**
     * K SNRs drawn from the distribution with {@code SplittableRandom(seed)}, weights 1/K. The draws
     * for K are a prefix of those for any larger K with the same seed.
     */
    public InstanceSet sample(int k, long seed) {
        Checks.instanceCount(k);
        SplittableRandom random = new SplittableRandom(seed);
        double sd = standardDeviationDb();
        double[] snr = new double[k];
        double[] weights = new double[k];
        for (int i = 0; i < k; i++) {
            snr[i] = meanDb + sd * random.nextGaussian();
            weights[i] = 1.0 / k;
        }
        return new InstanceSet(snr, weights);
    }

    /** K equally spaced SNRs over mean ± 4.8 σ with normal-density weights (K = 1: the mean alone). */
    public InstanceSet grid(int k) {
        Checks.instanceCount(k);
        double[] snr = new double[k];
        double[] weights = new double[k];
        if (k == 1) {
            snr[0] = meanDb;
            weights[0] = 1;
            return new InstanceSet(snr, weights);
        }
        double sd = standardDeviationDb();
        double total = 0;
        for (int i = 0; i < k; i++) {
            double z = GRID_HALF_WIDTH_SIGMAS * (2.0 * i / (k - 1) - 1);
            snr[i] = meanDb + z * sd;
            weights[i] = Math.exp(-0.5 * z * z);
            total += weights[i];
        }
        for (int i = 0; i < k; i++) {
            weights[i] /= total;
        }
        return new InstanceSet(snr, weights);
    }

    /** The distribution as REGO's Gaussian random input (one coordinate: the SNR in dB). */
    public GaussianInputs toGaussianInputs() {
        return new GaussianInputs(new double[] {meanDb}, new double[] {varianceDb2});
    }
}
