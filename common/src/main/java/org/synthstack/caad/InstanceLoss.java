package org.synthstack.caad;

import java.util.Arrays;
import org.synthstack.dsp.Stft;

/**
 * The single-instance loss L(θ, SNR): the {@link LogSpectralLoss} between the reference r(SNR) and
 * the {@link NoiseReducer}'s output y = H_θ(x(SNR)), with θ = G_min in dB.
 *
 * <p>L is a pure function of (θ, SNR, noise seed, speech, settings): every Spark task that builds an
 * {@code InstanceLoss} from the same inputs gets bit-identical values, in any order and on any
 * thread, so a job may fan the K instances of an expected loss out as tasks. (Across different CPUs
 * or JVM builds the last bit may differ: {@code Math.log}, and the sines in JTransforms' twiddle
 * tables, may be intrinsics accurate to an ulp rather than {@code StrictMath}.)
 *
 * <h2>Cost</h2>
 *
 * The STFTs of c and n are computed once, at construction. The STFT is linear, so the frames of x
 * and r are C + a·N and C + b·N, mixed on the fly; an evaluation runs only the gain recursion, one
 * inverse FFT per frame for the overlap-add of y, one forward FFT per frame for Y, and one logarithm
 * per bin. Working buffers are per thread and reused: an evaluation allocates nothing.
 */
public final class InstanceLoss {
    private final SpeechInNoise signals;
    private final NoiseReducerSettings reducerSettings;
    private final double snrLossDb;
    private final double magnitudeFloor;
    private final int length;
    private final int frames;
    private final int spectrumLength;
    /** Frame-major interleaved spectra of c and n: frame t at offset t * spectrumLength. */
    private final double[] cleanSpectra;
    private final double[] noiseSpectra;
    private final ThreadLocal<Workspace> workspaces;

    /**
     * @param signals c and n at the reducer's rate
     * @param reducerSettings the noise reducer; the loss uses the same STFT framing
     * @param snrLossDb SNR_loss (dB): how much cleaner the reference is than the input
     * @param magnitudeFloor the loss's magnitude floor ({@link LogSpectralLoss})
     */
    public InstanceLoss(SpeechInNoise signals, NoiseReducerSettings reducerSettings, double snrLossDb,
            double magnitudeFloor) {
        this.signals = signals;
        this.reducerSettings = reducerSettings;
        this.snrLossDb = Checks.finite("snrLossDb", snrLossDb, "dB");
        if (!(magnitudeFloor > 0) || !Double.isFinite(magnitudeFloor)) {
            throw new IllegalArgumentException("magnitudeFloor must be a finite STFT magnitude > 0, got " + magnitudeFloor);
        }
        this.magnitudeFloor = magnitudeFloor;
        this.length = signals.length();
        NoiseReducer probe = new NoiseReducer(reducerSettings);
        probe.checkCoversNoiseLead("speech", length);
        Stft stft = probe.stft();
        this.frames = stft.frames(length);
        this.spectrumLength = stft.spectrumLength();
        this.cleanSpectra = analyze(stft, signals.cleanView());
        this.noiseSpectra = analyze(stft, signals.noiseView());
        this.workspaces = ThreadLocal.withInitial(() -> new Workspace(new NoiseReducer(reducerSettings), length));
    }

    private double[] analyze(Stft stft, double[] signal) {
        double[] spectra = new double[frames * spectrumLength];
        double[] frame = new double[spectrumLength];
        for (int t = 0; t < frames; t++) {
            stft.analyzeFrame(signal, length, t, frame);
            System.arraycopy(frame, 0, spectra, t * spectrumLength, spectrumLength);
        }
        return spectra;
    }

    /**
     * L(θ, SNR) in dB.
     *
     * @param gainFloorDb θ = G_min in dB, in [−∞, 0]
     * @param snrDb the input SNR in dB, finite
     */
    public double loss(double gainFloorDb, double snrDb) {
        double gainFloor = Checks.gainFloorLinear(gainFloorDb);
        double noisyGain = SpeechInNoise.noiseGain(snrDb);
        double referenceGain = SpeechInNoise.noiseGain(snrDb + snrLossDb);
        return workspaces.get().evaluate(gainFloor, noisyGain, referenceGain);
    }

    /** L(θ, SNR_k) for each SNR, in order. */
    public double[] losses(double gainFloorDb, double[] snrDb) {
        double[] values = new double[snrDb.length];
        for (int k = 0; k < values.length; k++) {
            values[k] = loss(gainFloorDb, snrDb[k]);
        }
        return values;
    }

    public SpeechInNoise signals() {
        return signals;
    }

    public NoiseReducerSettings reducerSettings() {
        return reducerSettings;
    }

    public double snrLossDb() {
        return snrLossDb;
    }

    public double magnitudeFloor() {
        return magnitudeFloor;
    }

    /** T, frames per signal. */
    public int frames() {
        return frames;
    }

    /** One thread's buffers. */
    private final class Workspace {
        private final NoiseReducer reducer;
        private final Stft stft;
        private final double[] output;
        private final double[] referenceFrame;
        private final double[] processedFrame;
        private final FrameSource noisyFrames = this::noisyFrame;
        private double noisyGain;

        Workspace(NoiseReducer reducer, int length) {
            this.reducer = reducer;
            this.stft = reducer.stft();
            this.output = new double[length];
            this.referenceFrame = new double[spectrumLength];
            this.processedFrame = new double[spectrumLength];
        }

        double evaluate(double gainFloor, double noisyGain, double referenceGain) {
            this.noisyGain = noisyGain;
            Arrays.fill(output, 0.0);
            reducer.enhance(noisyFrames, length, gainFloor, output);
            double floorPower = magnitudeFloor * magnitudeFloor;
            double sum = 0;
            for (int t = 0; t < frames; t++) {
                mix(t, referenceGain, referenceFrame);
                stft.analyzeFrame(output, length, t, processedFrame);
                sum += LogSpectralLoss.frameSum(referenceFrame, processedFrame, stft.bins(), floorPower);
            }
            return LogSpectralLoss.toDecibels(sum, stft.bins(), frames);
        }

        private void noisyFrame(int t, double[] spectrum) {
            mix(t, noisyGain, spectrum);
        }

        /** The frame of c + gain·n, by linearity of the STFT. */
        private void mix(int t, double gain, double[] spectrum) {
            int offset = t * spectrumLength;
            for (int i = 0; i < spectrumLength; i++) {
                spectrum[i] = cleanSpectra[offset + i] + gain * noiseSpectra[offset + i];
            }
        }
    }
}
