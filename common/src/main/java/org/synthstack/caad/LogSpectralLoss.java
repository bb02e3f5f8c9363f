package org.synthstack.caad;

import org.synthstack.dsp.Stft;

/**
 * The seed paper's loss (eq. 32), a segmental log-spectral distance after Erkelens &amp; Heusdens:
 *
 * <pre>
 *   L(y, r) = 20/(F·T) · Σ_t Σ_f | log10( |R(t, f)| / |Y(t, f)| ) |
 * </pre>
 *
 * over all T frames and F = frameLength/2 + 1 one-sided bins of the STFTs R of the reference and Y
 * of the processed signal. The unit is dB: the mean absolute level difference per time-frequency
 * bin (R = 2·Y everywhere gives 20·log10 2 ≈ 6.02 dB).
 *
 * <p>Both magnitudes are floored at {@link #magnitudeFloor()} before the ratio, so that silent bins
 * give a finite loss, and two silent bins count as equal (0 dB). The default, {@link
 * #DEFAULT_MAGNITUDE_FLOOR} = 1e-10, is in STFT magnitude units (unnormalised, as {@link Stft}
 * defines them): 200 dB below a full-scale sample value, and about 220 dB below the bins of the
 * unit-power signals of {@link SpeechInNoise}, so it never acts on a signal with noise in it.
 *
 * <p>Each bin costs one logarithm: |log10(|R|/|Y|)| = |ln(|R|²/|Y|²)| / (2 ln 10).
 */
public final class LogSpectralLoss {
    /** The default magnitude floor, in unnormalised STFT magnitude units. */
    public static final double DEFAULT_MAGNITUDE_FLOOR = 1e-10;
    private static final double DB_PER_NATURAL_POWER_LOG = 10 / Math.log(10);

    private final Stft stft;
    private final double magnitudeFloor;
    private final double[] referenceFrame;
    private final double[] processedFrame;

    /**
     * @param stft the framing both signals are analysed with; this instance uses it as its own
     *     workspace (not thread-safe)
     * @param magnitudeFloor the floor for |R| and |Y|, &gt; 0
     */
    public LogSpectralLoss(Stft stft, double magnitudeFloor) {
        if (!(magnitudeFloor > 0) || !Double.isFinite(magnitudeFloor)) {
            throw new IllegalArgumentException("magnitudeFloor must be a finite STFT magnitude > 0, got " + magnitudeFloor);
        }
        this.stft = stft;
        this.magnitudeFloor = magnitudeFloor;
        this.referenceFrame = new double[stft.spectrumLength()];
        this.processedFrame = new double[stft.spectrumLength()];
    }

    public double magnitudeFloor() {
        return magnitudeFloor;
    }

    /**
     * L(y, r) in dB.
     *
     * @param reference r, not empty
     * @param processed y, as long as {@code reference}
     */
    public double between(double[] reference, double[] processed) {
        Checks.signal("reference", reference);
        Checks.signal("processed", processed);
        if (reference.length != processed.length) {
            throw new IllegalArgumentException("processed has " + processed.length + " samples, expected "
                    + reference.length + " (the reference's length)");
        }
        int frames = stft.frames(reference.length);
        double floorPower = magnitudeFloor * magnitudeFloor;
        double sum = 0;
        for (int t = 0; t < frames; t++) {
            stft.analyzeFrame(reference, reference.length, t, referenceFrame);
            stft.analyzeFrame(processed, processed.length, t, processedFrame);
            sum += frameSum(referenceFrame, processedFrame, stft.bins(), floorPower);
        }
        return toDecibels(sum, stft.bins(), frames);
    }

    /** Σ_f |ln(max(|R_f|², floor) / max(|Y_f|², floor))| over one frame's interleaved spectra. */
    static double frameSum(double[] reference, double[] processed, int bins, double floorPower) {
        double sum = 0;
        for (int f = 0; f < bins; f++) {
            double rr = reference[2 * f];
            double ri = reference[2 * f + 1];
            double yr = processed[2 * f];
            double yi = processed[2 * f + 1];
            double referencePower = Math.max(rr * rr + ri * ri, floorPower);
            double processedPower = Math.max(yr * yr + yi * yi, floorPower);
            sum += Math.abs(Math.log(referencePower / processedPower));
        }
        return sum;
    }

    /** 20/(F·T)·Σ|log10(|R|/|Y|)| from Σ|ln(|R|²/|Y|²)|. */
    static double toDecibels(double naturalPowerLogSum, int bins, int frames) {
        return DB_PER_NATURAL_POWER_LOG * naturalPowerLogSum / ((double) bins * frames);
    }
}
