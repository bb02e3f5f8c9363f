package org.synthstack.improv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.optimizer.Optimizer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Base of the optimizers with Keras semantics, as DJL {@link Optimizer}s that DJL's {@code Trainer.step()} drives.
 *
 * <p>What a custom DJL optimizer must do itself, and this class does: update the weight <b>in place</b> (the
 * parameter store hands out that very array), and <b>zero the weight's gradient</b> afterwards. The {@code grad}
 * argument is a copy ({@code LocalParameterServer} duplicates it), while PyTorch accumulates into the weight's own
 * {@code .grad}: DJL's native Adam/SGD zero it inside their JNI call, and without doing the same every step would
 * add all earlier gradients.
 *
 * <p>The step number {@code t} (1 for the first update) is DJL's global update count; Keras counts {@code
 * iterations} from 0, so its {@code iterations} is {@code t − 1}. Temporaries live in an {@link NDScope}, closed after
 * every update; state arrays (moments, velocities) are created on first use, outside it.
 */
public abstract class KerasOptimizer extends Optimizer {
  private final Map<String, NDArray[]> state = new ConcurrentHashMap<>();

  protected KerasOptimizer() {
    super(new NoOptions());
  }

  @Override
  public final void update(String parameterId, NDArray weight, NDArray grad) {
    int t = updateCount(parameterId);
    NDArray[] slots = state.computeIfAbsent(parameterId, id -> newState(weight));
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      step(parameterId, t, weight, grad, slots);
    }
    zeroGradient(weight);
  }

  /** Number of weight-shaped state arrays per parameter (0 for plain SGD, 1 for momentum, 2 for Adam). */
  protected abstract int stateArrays();

  /**
   * Applies one update in place.
   *
   * @param t the step, 1 for the first
   * @param state {@link #stateArrays()} arrays shaped like {@code weight}, zero at first, updated in place
   */
  protected abstract void step(String parameterId, int t, NDArray weight, NDArray grad, NDArray[] state);

  private NDArray[] newState(NDArray weight) {
    NDArray[] slots = new NDArray[stateArrays()];
    for (int i = 0; i < slots.length; i++) {
      slots[i] = weight.zerosLike();
      // Owned by this optimizer for the whole training, not by the parameter's manager (as DJL's own do).
      slots[i].detach();
    }
    return slots;
  }

  private static void zeroGradient(NDArray weight) {
    if (weight instanceof PtNDArray pytorch) {
      JniUtils.zeroGrad(pytorch);
    } else {
      try (NDArray g = weight.getGradient()) {
        g.subi(g);
      }
    }
  }

  /** DJL's builder options (gradient rescaling, clipping, weight decay) have no Keras counterpart here: defaults. */
  private static final class NoOptions extends OptimizerBuilder<NoOptions> {
    @Override
    protected NoOptions self() {
      return this;
    }
  }
}
