package org.synthstack.caad;

/**
 * The STFT frames of a noisy signal, produced on demand: by analysing a signal, or (for problem
 * instances) by mixing precomputed clean and noise spectra, which the STFT's linearity makes equal.
 */
interface FrameSource {

    /** Writes the interleaved spectrum of frame {@code t} into {@code spectrum}. */
    void frame(int t, double[] spectrum);
}
