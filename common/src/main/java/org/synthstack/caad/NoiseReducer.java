package org.synthstack.caad;

import java.util.Arrays;
import org.synthstack.dsp.Stft;

/**
 * The algorithm H whose parameter G_min is being designed: STFT-domain noise reduction with the
 * gain G_f = (ξ_f + G_min)/(ξ_f + 1) per bin ({@link DecisionDirectedGain}), resynthesised by
 * weighted overlap-add ({@link Stft}, square-root periodic Hann windows).
 *
 * <h2>Noise PSD estimate</h2>
 *
 * λ_N is the mean periodogram |X|² of the complete frames inside the leading noise-only segment
 * ({@link NoiseReducerSettings#noiseLeadSeconds()}, default 0.2 s), held fixed for the whole
 * signal. This suits the design problem: its noise is stationary and white, the LibriVox sentences
 * open with 0.2 s of near-silence, and the estimate is a smooth, deterministic function of the
 * input, which keeps the loss surface smooth for the optimisers. Minimum statistics (Martin 2001)
 * would also track non-stationary noise but adds a bias correction and a search window whose
 * discrete minima make the loss surface rougher; it is not needed here. The flip side: speech
 * inside the lead is taken for noise, so signals must start with a speech pause of that length.
 *
 * <p>With G_min = 0 dB every gain is exactly 1 and the output equals the input up to the STFT's
 * reconstruction error (about 1e-15 relative).
 *
 * <p>A reusable workspace: not thread-safe; one evaluation allocates only its output signal.
 */
public final class NoiseReducer {
    private final NoiseReducerSettings settings;
    private final Stft stft;
    private final DecisionDirectedGain gainRule;
    private final double[] spectrum;
    private final double[] noisePsd;

    public NoiseReducer(NoiseReducerSettings settings) {
        this.settings = settings;
        this.stft = Stft.sqrtHann(settings.frameLength(), settings.hop());
        this.gainRule = new DecisionDirectedGain(stft.bins(), settings.smoothing());
        this.spectrum = new double[stft.spectrumLength()];
        this.noisePsd = new double[stft.bins()];
    }

    public NoiseReducerSettings settings() {
        return settings;
    }

    /**
     * Denoises a signal.
     *
     * @param noisy the noisy signal at {@code sampleRate}, at least as long as the noise lead; not
     *     modified
     * @param sampleRate its rate in Hz; must equal {@link NoiseReducerSettings#sampleRate()}
     * @param gainFloorDb G_min in dB, in [−∞, 0]
     * @return the enhanced signal, as long as {@code noisy}
     */
    public double[] process(double[] noisy, int sampleRate, double gainFloorDb) {
        Checks.signal("noisy", noisy);
        Checks.sampleRate("sampleRate of the noisy signal", sampleRate, settings.sampleRate());
        double gainFloor = Checks.gainFloorLinear(gainFloorDb);
        checkCoversNoiseLead("noisy", noisy.length);
        double[] output = new double[noisy.length];
        enhance((t, s) -> stft.analyzeFrame(noisy, noisy.length, t, s), noisy.length, gainFloor, output);
        return output;
    }

    void checkCoversNoiseLead(String field, int length) {
        if (length < settings.noiseLeadSamples()) {
            throw new IllegalArgumentException(field + " has " + length + " samples, fewer than the noise lead of "
                    + settings.noiseLeadSamples() + " samples (noiseLeadSeconds = " + settings.noiseLeadSeconds()
                    + " s) that the noise PSD is estimated from");
        }
    }

    /**
     * The core, shared by {@link #process} and the problem instances: estimates λ_N from the lead,
     * applies the gains frame by frame and overlap-adds into {@code output[0..length)}, which must be
     * zero on entry. Arguments are trusted.
     */
    void enhance(FrameSource noisy, int length, double gainFloorLinear, double[] output) {
        estimateNoisePsd(noisy);
        gainRule.start(noisePsd, gainFloorLinear);
        int frames = stft.frames(length);
        for (int t = 0; t < frames; t++) {
            noisy.frame(t, spectrum);
            gainRule.apply(spectrum);
            stft.overlapAddFrame(spectrum, t, output, length);
        }
    }

    /** λ_N as {@link #process} would estimate it from {@code noisy} (a copy; for tests and diagnostics). */
    double[] noisePsdOf(double[] noisy) {
        checkCoversNoiseLead("noisy", noisy.length);
        estimateNoisePsd((t, s) -> stft.analyzeFrame(noisy, noisy.length, t, s));
        return noisePsd.clone();
    }

    private void estimateNoisePsd(FrameSource noisy) {
        Arrays.fill(noisePsd, 0.0);
        int first = settings.firstNoiseFrame();
        int count = settings.noiseFrames();
        for (int t = first; t < first + count; t++) {
            noisy.frame(t, spectrum);
            for (int f = 0; f < noisePsd.length; f++) {
                double re = spectrum[2 * f];
                double im = spectrum[2 * f + 1];
                noisePsd[f] += re * re + im * im;
            }
        }
        for (int f = 0; f < noisePsd.length; f++) {
            noisePsd[f] /= count;
        }
    }

    /** The STFT the reducer frames with; the loss analyses its output with the same framing. */
    Stft stft() {
        return stft;
    }
}
