package org.synthstack.learn;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;

/**
 * A gradient collector without DJL's process-wide lock, so that several autoencoders can train at once in one JVM
 * (Spark runs a task per core inside one executor, and the tuner runs a batch of trials that way).
 *
 * <p>DJL 0.35.1's {@code PtGradientCollector} allows one collector per process, although libtorch's grad mode is
 * thread-local and each trial's arrays, parameters and optimizer state are its own. This does what DJL's collector
 * does (grad mode on for the calling thread while open, backward with a gradient of ones) minus the global flag. New
 * threads start with grad mode <em>on</em> in libtorch, so {@link #off()} must run before training or inference on a
 * thread other than the one that loaded the engine. (The same fix as the improviser's, kept package-private here.)
 */
final class ThreadGradients implements GradientCollector {

  ThreadGradients() {
    JniUtils.setGradMode(true);
  }

  static void off() {
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
    throw new UnsupportedOperationException("the optimizer zeroes the gradients after each update");
  }

  @Override
  public void close() {
    JniUtils.setGradMode(false);
  }
}
