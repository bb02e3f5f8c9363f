package org.synthstack.improv;

import java.util.List;

/**
 * The MDRNN's training examples, IMPS style: every performance becomes a sequence of steps {@code (Δt, features…)}
 * ({@link StepCodec}, ×10 scaling included), and every run of {@code windowLength + 1} consecutive steps of one
 * performance is a window (stride 1): inputs are its steps {@code [0 .. L−1]}, targets its steps {@code [1 .. L]}.
 *
 * <p>A performance's first frame has no Δt and starts no step. Windows never straddle two performances (a jump from
 * one recording into the next is not music to learn). Windows are numbered in corpus order; the <b>last</b> {@code
 * validationFraction} of them are the validation set, not shuffled (Keras's {@code validation_split}: the first
 * {@code floor(n·(1 − fraction))} windows train).
 *
 * <p>The steps are stored once ({@code float}, row-major) and windows are copied out batch by batch: 80 000 windows
 * of 50 × 21 values, inputs and targets materialised, would be 670 MB; the steps are 6.7 MB.
 */
public final class TrainingWindows {
  /** IMPS's sequence length. */
  public static final int DEFAULT_WINDOW = 50;
  /** The seed's (and Keras's) validation share. */
  public static final double DEFAULT_VALIDATION_FRACTION = 0.1;

  private final int dimension;
  private final int windowLength;
  private final float[] steps;
  private final int[] windowStart;
  private final int trainCount;

  private TrainingWindows(int dimension, int windowLength, float[] steps, int[] windowStart, int trainCount) {
    this.dimension = dimension;
    this.windowLength = windowLength;
    this.steps = steps;
    this.windowStart = windowStart;
    this.trainCount = trainCount;
  }

  /** Windows of {@value #DEFAULT_WINDOW} steps with the last 10% for validation. */
  public static TrainingWindows of(List<Performance> performances, MinMaxNormaliser normaliser) {
    return of(performances, normaliser, DEFAULT_WINDOW, DEFAULT_VALIDATION_FRACTION);
  }

  public static TrainingWindows of(
      List<Performance> performances, MinMaxNormaliser normaliser, int windowLength, double validationFraction) {
    if (windowLength < 1) {
      throw new IllegalArgumentException("window length must be positive: " + windowLength);
    }
    if (!(validationFraction >= 0 && validationFraction < 1)) {
      throw new IllegalArgumentException("validation fraction must be in [0, 1): " + validationFraction);
    }
    StepCodec codec = new StepCodec(normaliser);
    int dimension = codec.dimension();
    long totalSteps = 0;
    long totalWindows = 0;
    for (Performance p : performances) {
      normaliser.features().requireSame(p.features(), p.source());
      int n = Math.max(0, p.frames() - 1);
      totalSteps += n;
      totalWindows += Math.max(0, n - windowLength);
    }
    if (totalSteps * dimension > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("corpus too large for one array: " + totalSteps + " steps");
    }
    float[] steps = new float[(int) (totalSteps * dimension)];
    int[] starts = new int[(int) totalWindows];
    double[] frame = new double[normaliser.features().size()];
    int step = 0;
    int window = 0;
    for (Performance p : performances) {
      int first = step;
      for (int t = 1; t < p.frames(); t++) {
        for (int f = 0; f < frame.length; f++) {
          frame[f] = p.columns()[f][t];
        }
        codec.encode((p.timeMs()[t] - p.timeMs()[t - 1]) / 1000.0, frame, steps, step * dimension);
        step++;
      }
      for (int s = first; s + windowLength < step; s++) {
        starts[window++] = s;
      }
    }
    int trainCount = (int) Math.floor(totalWindows * (1 - validationFraction));
    return new TrainingWindows(dimension, windowLength, steps, starts, trainCount);
  }

  /** Values per step: 1 + features. */
  public int dimension() {
    return dimension;
  }

  public int windowLength() {
    return windowLength;
  }

  public int windowCount() {
    return windowStart.length;
  }

  /** Windows {@code 0 .. trainCount − 1} train. */
  public int trainCount() {
    return trainCount;
  }

  /** Windows {@code trainCount .. windowCount − 1} validate. */
  public int validationCount() {
    return windowStart.length - trainCount;
  }

  /** Floats per window's inputs (and per its targets): {@code windowLength · dimension}. */
  public int floatsPerWindow() {
    return windowLength * dimension;
  }

  /**
   * Copies windows {@code order[from .. from + count)} into a batch.
   *
   * @param x receives inputs, {@code [count][windowLength][dimension]} row-major
   * @param y receives targets (the inputs shifted by one step), same shape
   */
  public void fill(int[] order, int from, int count, float[] x, float[] y) {
    int stride = floatsPerWindow();
    for (int b = 0; b < count; b++) {
      int start = windowStart[order[from + b]] * dimension;
      System.arraycopy(steps, start, x, b * stride, stride);
      System.arraycopy(steps, start + dimension, y, b * stride, stride);
    }
  }

  /** The first step of window {@code window}: its inputs are steps {@code [start, start + L)}. */
  public int windowStart(int window) {
    return windowStart[window];
  }

  /** Steps of the whole corpus, all performances concatenated. */
  public int stepCount() {
    return steps.length / dimension;
  }

  /** The scaled step {@code index} of the concatenated corpus, for inspection and seeding a prediction. */
  public float[] step(int index) {
    float[] out = new float[dimension];
    System.arraycopy(steps, index * dimension, out, 0, dimension);
    return out;
  }
}
