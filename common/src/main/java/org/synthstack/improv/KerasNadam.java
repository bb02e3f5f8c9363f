package org.synthstack.improv;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keras's Nadam (Dozat's Adam with Nesterov momentum, with Keras's momentum schedule), DJL having none. With {@code
 * t} the step (1 first) and schedule decay 0.004:
 *
 * <pre>
 * μ_t = β₁(1 − ½·0.96^(0.004·t));  μ_{t+1} likewise
 * m_sched ← m_sched·μ_t            (starts at 1)
 * m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²
 * ĝ = g/(1 − m_sched);  m̂ = m/(1 − m_sched·μ_{t+1});  v̂ = v/(1 − β₂ᵗ)
 * m̄ = (1−μ_t)ĝ + μ_{t+1}m̂
 * w ← w − lr·m̄/(√v̂ + ε)
 * </pre>
 */
public final class KerasNadam extends KerasOptimizer {
  private static final double DECAY_BASE = 0.96;

  private final double learningRate;
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final double scheduleDecay;
  /** m_sched per parameter: every parameter is updated once per step, so they all agree. */
  private final Map<String, double[]> momentumSchedule = new ConcurrentHashMap<>();

  public KerasNadam(OptimizerSpec.Nadam spec) {
    this.learningRate = spec.learningRate();
    this.beta1 = spec.beta1();
    this.beta2 = spec.beta2();
    this.epsilon = spec.epsilon();
    this.scheduleDecay = spec.scheduleDecay();
  }

  @Override
  protected int stateArrays() {
    return 2;
  }

  @Override
  protected void step(String parameterId, int t, NDArray weight, NDArray grad, NDArray[] state) {
    double muT = beta1 * (1 - 0.5 * Math.pow(DECAY_BASE, scheduleDecay * t));
    double muNext = beta1 * (1 - 0.5 * Math.pow(DECAY_BASE, scheduleDecay * (t + 1)));
    double[] schedule = momentumSchedule.computeIfAbsent(parameterId, id -> new double[] {1});
    double scheduleNew = schedule[0] * muT;
    double scheduleNext = scheduleNew * muNext;
    schedule[0] = scheduleNew;

    NDArray m = state[0];
    NDArray v = state[1];
    m.muli((float) beta1).addi(grad.mul((float) (1 - beta1)));
    v.muli((float) beta2).addi(grad.square().muli((float) (1 - beta2)));
    NDArray mBar = grad.mul((float) ((1 - muT) / (1 - scheduleNew)))
        .addi(m.mul((float) (muNext / (1 - scheduleNext))));
    NDArray denominator = v.div((float) (1 - Math.pow(beta2, t))).sqrt().addi((float) epsilon);
    weight.subi(mBar.divi(denominator).muli((float) learningRate));
  }
}
