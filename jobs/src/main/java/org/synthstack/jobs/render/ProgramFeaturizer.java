package org.synthstack.jobs.render;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.synthstack.features.EarFeatureExtractor;
import org.synthstack.synth.Program;
import org.synthstack.synth.RenderSettings;
import org.synthstack.synth.RenderStats;
import org.synthstack.synth.SynthLimits;
import org.synthstack.synth.SynthRenderer;

/**
 * The per-task worker of every job that makes sounds: renders programs a batch at a time and computes their ear
 * features, through the same feature code the ingest of real recordings uses. Not thread-safe: one per task.
 */
public final class ProgramFeaturizer {
  /** Programs rendered together: enough voices to pack the SIMD lanes, few enough to stay in cache. */
  public static final int BATCH = 32;

  private final SynthRenderer renderer;
  private final EarFeatureExtractor extractor = new EarFeatureExtractor();
  private final double[][] audio = new double[BATCH][SynthLimits.FRAMES];
  private final List<Program> batch = new ArrayList<>(BATCH);
  private long renderNanos;
  private long featureNanos;

  public ProgramFeaturizer(RenderSettings settings) {
    this.renderer = new SynthRenderer(settings);
  }

  /**
   * Renders and featurises {@code programs} (at most {@link #BATCH}), whose indices are {@code indices}, handing
   * each result to {@code sink} in order.
   */
  public void process(List<Program> programs, long[] indices, Consumer<RenderedProgram> sink) {
    if (programs.size() > BATCH) {
      throw new IllegalArgumentException("at most " + BATCH + " programs per call, got " + programs.size());
    }
    batch.clear();
    batch.addAll(programs);
    long t0 = System.nanoTime();
    RenderStats[] stats = renderer.render(batch, audio);
    renderNanos += System.nanoTime() - t0;
    for (int i = 0; i < batch.size(); i++) {
      long t1 = System.nanoTime();
      var features = extractor.extract(audio[i]);
      featureNanos += System.nanoTime() - t1;
      sink.accept(new RenderedProgram(indices[i], batch.get(i), audio[i], stats[i], features));
    }
  }

  /** Time spent rendering so far. */
  public long renderNanos() {
    return renderNanos;
  }

  /** Time spent computing features so far. */
  public long featureNanos() {
    return featureNanos;
  }

  /** The renderer, for its work counters. */
  public SynthRenderer renderer() {
    return renderer;
  }
}
