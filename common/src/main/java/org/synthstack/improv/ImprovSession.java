package org.synthstack.improv;

import java.util.SplittableRandom;

/**
 * The live improviser's state, transport-free (the OSC server drives it): it conditions a model on every frame the
 * performer plays, as the frame arrives, and on demand answers with the next frame or with a whole continuation.
 *
 * <p>Live input is not the corpus, so two guards keep the model on familiar ground, and count what they did:
 *
 * <ul>
 *   <li>features outside the corpus's min–max are clamped to it ({@link #clampedFrames()});
 *   <li>Δt above {@code maxDtSeconds} (the first frame after a pause, say) is capped to it ({@link #cappedDt()}).
 * </ul>
 *
 * <p>Memory is bounded: the LSTM state is all the history there is. Not thread-safe: one thread drives a session.
 */
public final class ImprovSession implements AutoCloseable {

  /**
   * @param piTemperature mixture temperature (IMPS: 1)
   * @param sigmaTemperature variance scale (IMPS: 0.01)
   * @param seed sampling seed
   * @param maxDtSeconds the largest Δt fed to the model, s
   */
  public record Settings(double piTemperature, double sigmaTemperature, long seed, double maxDtSeconds) {
    public Settings {
      if (!(maxDtSeconds > 0)) {
        throw new IllegalArgumentException("maxDtSeconds must be positive: " + maxDtSeconds);
      }
    }
  }

  private final StepCodec codec;
  private final MinMaxNormaliser normaliser;
  private final MdrnnPredictor predictor;
  private final MdnSampler sampler;
  private final SplittableRandom random;
  private final double maxDtSeconds;
  private final int features;
  private final float[] step;
  private float[] lastMixture;
  private long observed;
  private long clampedFrames;
  private long cappedDt;

  public ImprovSession(Mdrnn model, Settings settings) {
    this.codec = model.codec();
    this.normaliser = model.normaliser();
    this.features = normaliser.features().size();
    this.predictor = model.predictor(settings.piTemperature(), settings.sigmaTemperature(), settings.seed());
    this.sampler = new MdnSampler(model.spec(), settings.piTemperature(), settings.sigmaTemperature());
    this.random = new SplittableRandom(settings.seed() ^ 0x5DEECE66DL);
    this.maxDtSeconds = settings.maxDtSeconds();
    this.step = new float[codec.dimension()];
  }

  /** Features per frame. */
  public int features() {
    return features;
  }

  /**
   * Conditions the model on one frame the performer played.
   *
   * @param dtSeconds time since the previous frame as measured on arrival (0 for the first one)
   * @param frame the frame's features in their own units, feature-set order, all finite
   */
  public void observe(double dtSeconds, float[] frame) {
    if (frame.length != features) {
      throw new IllegalArgumentException("a frame has " + features + " features, got " + frame.length);
    }
    double dt = dtSeconds < 0 ? 0 : dtSeconds;
    if (dt > maxDtSeconds) {
      dt = maxDtSeconds;
      cappedDt++;
    }
    step[0] = (float) (dt * StepCodec.SCALE);
    boolean clamped = false;
    for (int f = 0; f < features; f++) {
      double v = normaliser.normalise(f, frame[f]);
      if (v < 0) {
        v = 0;
        clamped = true;
      } else if (v > 1) {
        v = 1;
        clamped = true;
      }
      step[1 + f] = (float) (v * StepCodec.SCALE);
    }
    if (clamped) {
      clampedFrames++;
    }
    lastMixture = predictor.observe(step);
    observed++;
  }

  /** True once a frame has been observed. */
  public boolean hasObserved() {
    return lastMixture != null;
  }

  /**
   * Samples the frame the model expects next, without feeding it back (the performer's next frame will be).
   *
   * @param rawOut receives the predicted features, de-normalised
   * @return the predicted Δt, s
   */
  public double predictNext(double[] rawOut) {
    requireObserved();
    float[] next = new float[codec.dimension()];
    sampler.sample(lastMixture, 0, random, next);
    return codec.decode(next, rawOut);
  }

  /**
   * Generates {@code count} frames after the last observed one, each fed back as the next input (the model's state
   * moves on with them). Times in the result are cumulative ms from the last observed frame (0), values de-normalised.
   */
  public Performance continuation(int count, String source) {
    requireObserved();
    if (count < 1) {
      throw new IllegalArgumentException("a continuation needs at least one frame: " + count);
    }
    float[][] steps = new float[count][];
    float[] next = new float[codec.dimension()];
    sampler.sample(lastMixture, 0, random, next);
    steps[0] = next.clone();
    for (int i = 1; i < count; i++) {
      lastMixture = predictor.observe(steps[i - 1]);
      sampler.sample(lastMixture, 0, random, next);
      steps[i] = next.clone();
    }
    lastMixture = predictor.observe(steps[count - 1]);
    return Continuation.toPerformance(source, codec, 0, steps);
  }

  /** Frames observed so far. */
  public long observed() {
    return observed;
  }

  /** Frames with at least one feature outside the corpus's range, clamped. */
  public long clampedFrames() {
    return clampedFrames;
  }

  /** Frames whose Δt was capped. */
  public long cappedDt() {
    return cappedDt;
  }

  private void requireObserved() {
    if (lastMixture == null) {
      throw new IllegalStateException("nothing observed yet");
    }
  }

  @Override
  public void close() {
    predictor.close();
  }
}
