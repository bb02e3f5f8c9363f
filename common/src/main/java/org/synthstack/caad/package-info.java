/**
 * Computer-aided algorithm design for audio (seed paper 002, domain notes §4): the design problem of
 * tuning a noise reducer's gain floor G_min for an expected loss over SNR problem instances, wired
 * to the optimisers of {@code org.synthstack.optimize}. Pure Java; depends on {@code dsp}, {@code
 * audio} and {@code optimize}.
 *
 * <ul>
 *   <li>{@link org.synthstack.caad.NoiseReducer}: the algorithm H, an STFT gain (ξ + G_min)/(ξ + 1)
 *       with a decision-directed a-priori SNR ({@link org.synthstack.caad.DecisionDirectedGain}) and
 *       a noise PSD from the leading noise-only frames.
 *   <li>{@link org.synthstack.caad.SpeechInNoise}: clean speech and white noise at equal power, the
 *       noisy inputs x and references r.
 *   <li>{@link org.synthstack.caad.LogSpectralLoss}: the loss of the seed's eq. 32, in dB.
 *   <li>{@link org.synthstack.caad.SnrDistribution}, {@link org.synthstack.caad.InstanceSet}: SNR ~
 *       N(SRT = −5 dB, 25/9 dB²), sampled or on a weighted grid.
 *   <li>{@link org.synthstack.caad.InstanceLoss}, {@link org.synthstack.caad.ExpectedLoss}: L(θ, SNR)
 *       as a pure function with precomputed spectra, and EL(θ) = Σ w_k L(θ, SNR_k).
 *   <li>{@link org.synthstack.caad.NoiseReductionProblem}: the façade for DIRECT, EGO and REGO.
 *   <li>{@link org.synthstack.caad.SpeechSource}, {@link org.synthstack.caad.SyntheticSpeech}: where
 *       the clean speech comes from.
 * </ul>
 */
package org.synthstack.caad;
