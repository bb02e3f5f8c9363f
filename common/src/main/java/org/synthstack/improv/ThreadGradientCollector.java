package org.synthstack.improv;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;

/**
 * DJL's PyTorch gradient collector without its process-wide lock, so that several models can train at once in one
 * JVM (Spark runs one task per core inside one executor JVM).
 *
 * <p>DJL 0.35.1's {@code PtGradientCollector} allows one collector per process ("A PtGradientCollector is already
 * collecting"), although libtorch keeps grad mode per thread ({@code c10::GradMode} is thread-local), and every other
 * piece of a training step here (arrays, parameters, optimizer state) belongs to one model and one thread. This
 * collector does what DJL's does (grad mode on for the calling thread while open, restored on close; backward with a
 * gradient of ones), minus the global flag. Gradients are zeroed by {@link KerasOptimizer} after each update, so
 * {@link #zeroGradients()} is never needed and not supported.
 *
 * <p>Grad mode outside a collector: libtorch starts every new thread with gradients <em>on</em>; DJL switches it off
 * only on the thread that loads the engine. On any other thread (a Spark task, the OSC server's worker) the optimizer's
 * in-place update would then fail ("a leaf Variable that requires grad is being used in an in-place operation") and
 * inference would record graphs it never uses. So closing a collector turns gradients off, and {@link #noGradients()}
 * does so for a thread that is about to train or predict.
 */
final class ThreadGradientCollector implements GradientCollector {

  ThreadGradientCollector() {
    JniUtils.setGradMode(true);
  }

  /** Turns gradient recording off for the calling thread (a no-op if it is off). */
  static void noGradients() {
    if (JniUtils.isGradMode()) {
      JniUtils.setGradMode(false);
    }
  }

  @Override
  public void backward(NDArray target) {
    try (NDArray ones = target.getManager().ones(target.getShape(), target.getDataType())) {
      JniUtils.backward((PtNDArray) target, (PtNDArray) ones, false, false);
    }
  }

  @Override
  public void zeroGradients() {
    throw new UnsupportedOperationException("KerasOptimizer zeroes the gradients after each update");
  }

  @Override
  public void close() {
    JniUtils.setGradMode(false);
  }
}
