package org.synthstack.caad;

import java.io.Serializable;

/**
 * Settings of the {@link NoiseReducer}, in samples and seconds at {@link #sampleRate()}.
 *
 * @param sampleRate the rate (Hz) the reducer works at; signals at another rate are refused
 * @param frameLength STFT frame and FFT length in samples (even); the window is the square-root
 *     periodic Hann for analysis and synthesis
 * @param hop frame advance in samples, 1..frameLength
 * @param smoothing α of the decision-directed a-priori SNR estimate, in [0, 1): the weight of the
 *     previous frame's clean-speech estimate
 * @param noiseLeadSeconds length (s) of the leading noise-only segment the noise PSD is estimated
 *     from; it must hold at least one complete frame
 */
public record NoiseReducerSettings(int sampleRate, int frameLength, int hop, double smoothing,
        double noiseLeadSeconds) implements Serializable {

    /** 16 kHz: 32 ms frames, 50 % overlap. */
    public static final int DEFAULT_FRAME_LENGTH_16K = 512;
    /** Ephraim &amp; Malah's (1984) value for the decision-directed weight. */
    public static final double DEFAULT_SMOOTHING = 0.98;
    /**
     * 0.2 s: the LibriVox sentences of {@code pocketsphinx-testdata} all open with 0.2 to 0.25 s of
     * near-silence (20 to 30 dB below the sentence's RMS; 15 dB in one file).
     */
    public static final double DEFAULT_NOISE_LEAD_SECONDS = 0.2;

    public NoiseReducerSettings {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sampleRate must be a positive number of Hz, got " + sampleRate);
        }
        if (frameLength < 2 || frameLength % 2 != 0) {
            throw new IllegalArgumentException("frameLength must be an even number of samples >= 2, got " + frameLength);
        }
        if (hop < 1 || hop > frameLength) {
            throw new IllegalArgumentException("hop must be in 1.." + frameLength + " samples, got " + hop);
        }
        if (!(smoothing >= 0 && smoothing < 1)) {
            throw new IllegalArgumentException("smoothing (decision-directed alpha) must be in [0, 1), got " + smoothing);
        }
        int needed = firstCompleteFrameEnd(frameLength, hop);
        if (!Double.isFinite(noiseLeadSeconds) || Math.round(noiseLeadSeconds * sampleRate) < needed
                || Math.round(noiseLeadSeconds * sampleRate) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("noiseLeadSeconds must hold at least one complete frame of " + frameLength
                    + " samples, i.e. be >= " + ((double) needed / sampleRate) + " s at " + sampleRate
                    + " Hz, got " + noiseLeadSeconds);
        }
    }

    /** Defaults for speech at 16 kHz: 512-sample frames (32 ms), hop 256, α = 0.98, 0.2 s noise lead. */
    public static NoiseReducerSettings speech16k() {
        return new NoiseReducerSettings(16_000, DEFAULT_FRAME_LENGTH_16K, DEFAULT_FRAME_LENGTH_16K / 2,
                DEFAULT_SMOOTHING, DEFAULT_NOISE_LEAD_SECONDS);
    }

    /** The noise lead in samples. */
    public int noiseLeadSamples() {
        return (int) Math.round(noiseLeadSeconds * sampleRate);
    }

    /** The first frame that starts inside the signal (see {@link org.synthstack.dsp.Stft} framing). */
    int firstNoiseFrame() {
        return firstCompleteFrame(frameLength, hop);
    }

    private static int firstCompleteFrame(int frameLength, int hop) {
        return (frameLength - 1) / hop; // ceil((frameLength − hop)/hop): the least t with start(t) >= 0
    }

    /** The sample after the first complete frame: the shortest usable noise lead. */
    private static int firstCompleteFrameEnd(int frameLength, int hop) {
        return firstCompleteFrame(frameLength, hop) * hop + hop;
    }

    /** Number of complete frames inside the noise lead, starting at {@link #firstNoiseFrame()}; at least 1. */
    int noiseFrames() {
        int last = (noiseLeadSamples() - hop) / hop; // start(t) + frameLength <= lead
        return last - firstNoiseFrame() + 1;
    }
}
