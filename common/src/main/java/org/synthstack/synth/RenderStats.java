package org.synthstack.synth;

/**
 * Statistics of one rendered program.
 *
 * @param peak max |x| of the mix before normalisation
 * @param rms root mean square of the normalised output
 * @param silent whether the mix was too quiet to normalise (peak below {@link SynthRenderer#SILENCE_PEAK}); the
 *     output is then all zeros
 */
public record RenderStats(double peak, double rms, boolean silent) {}
