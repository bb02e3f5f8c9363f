package org.synthstack.improv;

import java.util.ArrayList;
import java.util.List;

/**
 * Held-out continuations: stretches of the validation split (the last windows, never trained on) cut into an input
 * the model is primed with and the true continuation that followed it; and the scoring of what a model generates
 * from that input against the truth ({@link Resemblance}).
 */
public final class HeldOut {
  private HeldOut() {}

  /**
   * One held-out stretch of a single performance.
   *
   * @param firstStep index of its first step in the corpus ({@link TrainingWindows#step})
   * @param prime the input steps, model units
   * @param truth the steps that followed, model units
   */
  public record Segment(int firstStep, float[][] prime, float[][] truth) {}

  /**
   * What a model generated from every segment, and how close it came.
   *
   * @param scores one per segment
   * @param mean their mean
   * @param generated the generated steps per segment, model units
   */
  public record Evaluation(List<Resemblance.Score> scores, Resemblance.Score mean, List<float[][]> generated) {}

  /**
   * Up to {@code count} segments of {@code prime + horizon} consecutive steps, each inside one performance and inside
   * the validation windows, evenly spread over them (fewer if the validation split has no room).
   */
  public static List<Segment> segments(TrainingWindows windows, int prime, int horizon, int count) {
    if (prime < 1 || horizon < 1 || count < 1) {
      throw new IllegalArgumentException("prime, horizon and count must be positive");
    }
    int length = prime + horizon;
    // A window covers L + 1 consecutive steps of one performance; k more windows starting one step later each
    // extend that run by k steps.
    int extra = Math.max(0, length - (windows.windowLength() + 1));
    List<Integer> candidates = new ArrayList<>();
    for (int w = windows.trainCount(); w + extra < windows.windowCount(); w++) {
      if (windows.windowStart(w + extra) == windows.windowStart(w) + extra) {
        candidates.add(w);
      }
    }
    List<Segment> segments = new ArrayList<>();
    if (candidates.isEmpty()) {
      return segments;
    }
    int n = Math.min(count, candidates.size());
    int lastUsed = -1;
    for (int i = 0; i < n; i++) {
      int pick = n == 1 ? 0 : (int) ((long) i * (candidates.size() - 1) / (n - 1));
      if (pick == lastUsed) {
        continue;
      }
      lastUsed = pick;
      int first = windows.windowStart(candidates.get(pick));
      float[][] primeSteps = new float[prime][];
      float[][] truth = new float[horizon][];
      for (int t = 0; t < prime; t++) {
        primeSteps[t] = windows.step(first + t);
      }
      for (int t = 0; t < horizon; t++) {
        truth[t] = windows.step(first + prime + t);
      }
      segments.add(new Segment(first, primeSteps, truth));
    }
    return segments;
  }

  /**
   * Primes a fresh predictor with each segment's input, generates as many steps as its truth holds, and scores them.
   * Segment {@code k} samples with seed {@code seed + k}, so the evaluation is reproducible.
   */
  public static Evaluation evaluate(
      Mdrnn model, List<Segment> segments, double piTemperature, double sigmaTemperature, long seed) {
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("no held-out segments to evaluate on");
    }
    int features = model.features().size();
    List<Resemblance.Score> scores = new ArrayList<>();
    List<float[][]> generated = new ArrayList<>();
    for (int k = 0; k < segments.size(); k++) {
      Segment segment = segments.get(k);
      float[][] steps;
      try (MdrnnPredictor predictor = model.predictor(piTemperature, sigmaTemperature, seed + k)) {
        steps = predictor.continuation(segment.prime(), segment.truth().length);
      }
      generated.add(steps);
      scores.add(score(segment.truth(), steps, features));
    }
    return new Evaluation(scores, Resemblance.Score.mean(scores), generated);
  }

  /**
   * The "echo" reference: the segment's own input offered as its continuation. A model that does not beat it has
   * learnt nothing about what comes next beyond "more of the same".
   */
  public static Resemblance.Score echo(Segment segment, int features) {
    return score(segment.truth(), segment.prime(), features);
  }

  /** Scores generated steps against true steps, both in model units. */
  public static Resemblance.Score score(float[][] truth, float[][] generated, int features) {
    return Resemblance.score(normalised(truth, features), dtMs(truth), normalised(generated, features),
        dtMs(generated));
  }

  /** {@code [feature][step]}: the steps' features in [0, 1], clamped as {@link StepCodec#decode} clamps them. */
  public static double[][] normalised(float[][] steps, int features) {
    double[][] out = new double[features][steps.length];
    for (int t = 0; t < steps.length; t++) {
      for (int f = 0; f < features; f++) {
        double v = steps[t][1 + f] / StepCodec.SCALE;
        out[f][t] = v < 0 ? 0 : v > 1 ? 1 : v;
      }
    }
    return out;
  }

  /** The steps' Δt in ms (|Δt|, as {@link StepCodec#decode} takes it). */
  public static double[] dtMs(float[][] steps) {
    double[] out = new double[steps.length];
    for (int t = 0; t < steps.length; t++) {
      out[t] = Math.abs(steps[t][0] / StepCodec.SCALE) * 1000.0;
    }
    return out;
  }
}
