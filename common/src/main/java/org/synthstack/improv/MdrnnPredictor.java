package org.synthstack.improv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;

/**
 * Runs an {@link Mdrnn} one step at a time, as the live improviser does: it keeps the LSTM state between calls,
 * feeds each observed or generated step, and samples the next one with {@link MdnSampler}.
 *
 * <p>Steps are in model units (the scaled {@code (Δt, features…)} of {@link StepCodec}). Not thread-safe; close it to
 * free its native state. Per step it allocates a handful of small arrays and one native scope.
 */
public final class MdrnnPredictor implements AutoCloseable {
  private final Mdrnn mdrnn;
  private final NDManager manager;
  private final ParameterStore parameters;
  private final MdnSampler sampler;
  private final SplittableRandom random;
  private final Shape inputShape;
  private final Shape stateShape;
  private NDArray hidden;
  private NDArray cell;

  MdrnnPredictor(Mdrnn mdrnn, double piTemperature, double sigmaTemperature, long seed) {
    this.mdrnn = mdrnn;
    this.manager = mdrnn.model().getNDManager().newSubManager();
    this.parameters = new ParameterStore(manager, false);
    this.sampler = new MdnSampler(mdrnn.spec(), piTemperature, sigmaTemperature);
    this.random = new SplittableRandom(seed);
    this.inputShape = new Shape(1, 1, mdrnn.spec().dimension());
    this.stateShape = new Shape(MdrnnSpec.LAYERS, 1, mdrnn.spec().units());
    reset();
  }

  /** Forgets everything observed: zero LSTM state. */
  public void reset() {
    if (hidden != null) {
      hidden.close();
      cell.close();
    }
    hidden = manager.zeros(stateShape);
    cell = manager.zeros(stateShape);
  }

  /**
   * Feeds one step and advances the state.
   *
   * @param step {@link MdrnnSpec#dimension()} model values
   * @return the mixture parameters for the next step ({@link MdrnnSpec#outputs()} values)
   */
  public float[] observe(float[] step) {
    if (step.length != mdrnn.spec().dimension()) {
      throw new IllegalArgumentException("a step has " + mdrnn.spec().dimension() + " values, got " + step.length);
    }
    ThreadGradientCollector.noGradients(); // callers may hand a predictor to another thread
    try (NDManager scope = manager.newSubManager()) {
      NDArray x = scope.create(step, inputShape);
      NDList out = mdrnn.block().forward(parameters, new NDList(x, hidden, cell), false);
      float[] mixture = out.get(0).toFloatArray();
      NDArray newHidden = out.get(1);
      NDArray newCell = out.get(2);
      newHidden.attach(manager);
      newCell.attach(manager);
      hidden.close();
      cell.close();
      hidden = newHidden;
      cell = newCell;
      return mixture;
    }
  }

  /** Feeds {@code step} and returns a sample of the next step (model units). */
  public float[] step(float[] step) {
    float[] next = new float[mdrnn.spec().dimension()];
    sampler.sample(observe(step), 0, random, next);
    return next;
  }

  /**
   * Conditions on {@code history} (oldest first), then generates {@code count} steps, each fed back as the next
   * input: IMPS's continuation after the performer falls silent.
   */
  public float[][] continuation(float[][] history, int count) {
    if (history.length == 0) {
      throw new IllegalArgumentException("a continuation needs at least one observed step");
    }
    for (int i = 0; i < history.length - 1; i++) {
      observe(history[i]);
    }
    float[][] generated = new float[count][];
    float[] last = history[history.length - 1];
    for (int i = 0; i < count; i++) {
      last = step(last);
      generated[i] = last;
    }
    return generated;
  }

  @Override
  public void close() {
    manager.close();
  }
}
