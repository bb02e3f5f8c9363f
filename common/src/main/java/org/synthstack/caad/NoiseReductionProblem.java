package org.synthstack.caad;

import java.io.Serializable;
import java.util.function.ToDoubleFunction;
import org.synthstack.optimize.Bounds;
import org.synthstack.optimize.bayes.GaussianInputs;
import org.synthstack.optimize.bayes.WeightedInstances;

/**
 * The seed paper's design example wired to the optimisers: choose θ = G_min (dB) of the {@link
 * NoiseReducer} to minimise EL(θ) = E_SNR[L(θ, SNR)], SNR ~ {@link SnrDistribution}.
 *
 * <ul>
 *   <li>DIRECT and EGO minimise {@link #expectedLoss(InstanceSet)} over {@link #gainFloorBounds()}:
 *       each evaluation costs K single-instance losses.
 *   <li>REGO minimises the same expectation from single evaluations of {@link #jointLoss()} at
 *       points [θ, SNR], with {@link #snrInputs()} (Gaussian-input projection) or {@link
 *       #weightedInstances(InstanceSet)} (exact finite-instance projection) as p(X).
 * </ul>
 *
 * <p>Bounds: G_min ∈ [{@link #MIN_GAIN_FLOOR_DB}, {@link #MAX_GAIN_FLOOR_DB}] = [−40, 0] dB. The seed
 * allows −∞..0 dB; DIRECT needs a finite box. At −40 dB a bin keeps 1 % of its amplitude, far below
 * the optimum for the seed's SNR losses of 5 to 10 dB, so the bound never binds. The optimum sits
 * about 2 dB below −SNR_loss: noise-dominated bins carry most of the loss, their ideal gain is
 * −SNR_loss, and the a-priori SNR estimate (ξ &gt; 0) lifts the applied gain above G_min. Measured with
 * the default settings on {@link SpeechSource#DEFAULT_SENTENCE} (K = 50 grid): argmin EL = −6.7,
 * −8.9 and −12.0 dB for SNR_loss = 5, 7 and 10 dB.
 *
 * <p>With white noise at these SNRs the loss depends little on the SNR (on that sentence its standard
 * deviation over N(−5, 25/9) is 0.02 dB at G_min = −7 dB and 0.16 dB at −40 dB), so EL(θ) is close
 * to L(θ, SRT): the SNR dimension is nearly flat for REGO's model.
 *
 * <p>Immutable and thread-safe; the functions it hands out may be called from many threads.
 */
public final class NoiseReductionProblem {
    /** Lower bound of G_min for the optimisers, dB. */
    public static final double MIN_GAIN_FLOOR_DB = -40;
    /** Upper bound of G_min, dB: 0 dB turns the reducer off. */
    public static final double MAX_GAIN_FLOOR_DB = 0;

    /**
     * Everything that defines the problem besides the speech.
     *
     * @param reducer the noise reducer (its rate is the working rate)
     * @param snr the SNR distribution, N(SRT, 25/9) by default
     * @param snrLossDb SNR_loss (dB), the reference's SNR advantage; the seed validates with 5, 7
     *     and 10
     * @param noiseSeed seeds the white noise shared by all instances
     * @param magnitudeFloor the loss's magnitude floor ({@link LogSpectralLoss})
     */
    public record Settings(NoiseReducerSettings reducer, SnrDistribution snr, double snrLossDb, long noiseSeed,
            double magnitudeFloor) implements Serializable {

        public Settings {
            if (reducer == null || snr == null) {
                throw new IllegalArgumentException("reducer and snr settings must not be null");
            }
            Checks.finite("snrLossDb", snrLossDb, "dB");
            if (!(magnitudeFloor > 0) || !Double.isFinite(magnitudeFloor)) {
                throw new IllegalArgumentException("magnitudeFloor must be a finite STFT magnitude > 0, got "
                        + magnitudeFloor);
            }
        }

        /** 16 kHz reducer defaults, N(−5 dB, 25/9 dB²), SNR_loss 5 dB, noise seed 1, floor 1e-10. */
        public static Settings defaults() {
            return new Settings(NoiseReducerSettings.speech16k(), SnrDistribution.normalHearing(), 5.0, 1L,
                    LogSpectralLoss.DEFAULT_MAGNITUDE_FLOOR);
        }

        public Settings withSnrLossDb(double db) {
            return new Settings(reducer, snr, db, noiseSeed, magnitudeFloor);
        }

        public Settings withNoiseSeed(long seed) {
            return new Settings(reducer, snr, snrLossDb, seed, magnitudeFloor);
        }

        public Settings withSnr(SnrDistribution distribution) {
            return new Settings(reducer, distribution, snrLossDb, noiseSeed, magnitudeFloor);
        }

        public Settings withReducer(NoiseReducerSettings settings) {
            return new Settings(settings, snr, snrLossDb, noiseSeed, magnitudeFloor);
        }
    }

    private final Settings settings;
    private final InstanceLoss instanceLoss;

    private NoiseReductionProblem(Settings settings, InstanceLoss instanceLoss) {
        this.settings = settings;
        this.instanceLoss = instanceLoss;
    }

    /**
     * Builds the problem: normalises the speech, draws the noise and precomputes both STFTs.
     *
     * @param speech clean speech at {@code sampleRate}, starting with a speech pause at least as long
     *     as the reducer's noise lead; not modified
     * @param sampleRate the speech's rate (Hz); must equal the reducer's
     */
    public static NoiseReductionProblem of(double[] speech, int sampleRate, Settings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("settings must not be null");
        }
        Checks.signal("speech", speech);
        Checks.sampleRate("sampleRate of the speech", sampleRate, settings.reducer().sampleRate());
        SpeechInNoise signals = SpeechInNoise.of(speech, settings.noiseSeed());
        return new NoiseReductionProblem(settings, new InstanceLoss(signals, settings.reducer(), settings.snrLossDb(),
                settings.magnitudeFloor()));
    }

    public Settings settings() {
        return settings;
    }

    /** The single-instance evaluator (for fanning instances out). */
    public InstanceLoss instanceLoss() {
        return instanceLoss;
    }

    /** G_min ∈ [−40, 0] dB, one dimension. */
    public Bounds gainFloorBounds() {
        return new Bounds(new double[] {MIN_GAIN_FLOOR_DB}, new double[] {MAX_GAIN_FLOOR_DB});
    }

    /** L(θ, SNR) in dB. */
    public double loss(double gainFloorDb, double snrDb) {
        return instanceLoss.loss(gainFloorDb, snrDb);
    }

    /** EL(θ) over a finite instance set, in dB. */
    public double expectedLoss(double gainFloorDb, InstanceSet instances) {
        return ExpectedLoss.of(instanceLoss, gainFloorDb, instances);
    }

    /** REGO's black box: [θ (G_min, dB), x (SNR, dB)] → L. */
    public ToDoubleFunction<double[]> jointLoss() {
        return point -> {
            checkPoint(point, 2, "[gainFloorDb, snrDb]");
            return loss(point[0], point[1]);
        };
    }

    /** DIRECT's and EGO's black box: [θ (G_min, dB)] → EL over {@code instances}. */
    public ToDoubleFunction<double[]> expectedLoss(InstanceSet instances) {
        if (instances == null) {
            throw new IllegalArgumentException("instances must not be null");
        }
        return point -> {
            checkPoint(point, 1, "[gainFloorDb]");
            return expectedLoss(point[0], instances);
        };
    }

    private static void checkPoint(double[] point, int dimension, String layout) {
        if (point == null || point.length != dimension) {
            throw new IllegalArgumentException("point must be " + layout + " (" + dimension + " coordinates), got "
                    + (point == null ? "null" : point.length + " coordinates"));
        }
    }

    /** K SNRs drawn from the problem's distribution (Monte Carlo, weights 1/K; the seed's K is 50). */
    public InstanceSet sampledInstances(int k, long seed) {
        return settings.snr().sample(k, seed);
    }

    /** K grid SNRs with normal-density weights ({@link SnrDistribution#grid}). */
    public InstanceSet gridInstances(int k) {
        return settings.snr().grid(k);
    }

    /** p(X) for REGO's Gaussian-input projection: SNR ~ N(SRT, 25/9). */
    public GaussianInputs snrInputs() {
        return settings.snr().toGaussianInputs();
    }

    /** p(X) for REGO's exact finite-instance projection. */
    public WeightedInstances weightedInstances(InstanceSet instances) {
        return instances.toWeightedInstances();
    }
}
