package org.synthstack.improv;

/** Turns generated model steps into a performance the instrument can read. */
public final class Continuation {
  private Continuation() {}

  /**
   * De-normalises {@code steps} ({@link StepCodec#decode}) and accumulates their Δt into times in ms.
   *
   * @param startMs time of the first generated frame's predecessor, ms (e.g. the last observed frame's time, or 0)
   */
  public static Performance toPerformance(String source, StepCodec codec, double startMs, float[][] steps) {
    int features = codec.normaliser().features().size();
    double[] time = new double[steps.length];
    double[][] columns = new double[features][steps.length];
    double[] frame = new double[features];
    double now = startMs;
    for (int t = 0; t < steps.length; t++) {
      now += 1000 * codec.decode(steps[t], frame);
      time[t] = now;
      for (int f = 0; f < features; f++) {
        columns[f][t] = frame[f];
      }
    }
    return new Performance(source, codec.normaliser().features(), time, columns);
  }
}
