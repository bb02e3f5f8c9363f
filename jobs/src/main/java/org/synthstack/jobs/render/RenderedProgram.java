package org.synthstack.jobs.render;

import org.synthstack.features.EarFeatures;
import org.synthstack.synth.Program;
import org.synthstack.synth.RenderStats;

/**
 * A program with its audio, render statistics and ear features.
 *
 * @param audio 1 s at 48 kHz; owned by the {@link ProgramFeaturizer} and valid only during the callback
 */
public record RenderedProgram(long index, Program program, double[] audio, RenderStats stats, EarFeatures features) {}
