package org.synthstack.improv;

import ai.djl.engine.Engine;

/**
 * The one door to DJL's PyTorch engine, so that its process-wide settings are made before the native library loads.
 *
 * <ul>
 *   <li><b>Offline.</b> Unless {@code DJL_OFFLINE} or {@code -Dai.djl.offline} says otherwise, this sets {@code
 *       ai.djl.offline=true}: libtorch must come from the {@code pytorch-native-cpu} jar on the classpath (DJL
 *       unpacks it into its cache, {@code ~/.djl.ai} or {@code DJL_CACHE_DIR}) or from {@code PYTORCH_LIBRARY_PATH};
 *       nothing is downloaded.
 *   <li><b>One thread.</b> Unless {@code -Dai.djl.pytorch.num_threads} / {@code num_interop_threads} are set, PyTorch
 *       gets one intra-op and one inter-op thread. The models are small (a step is a few 64×256 products), so more
 *       threads mostly add hand-over latency, and under Spark every task owns one core.
 * </ul>
 */
public final class DjlRuntime {
  public static final String ENGINE = "PyTorch";

  private DjlRuntime() {}

  /** The PyTorch engine, loaded offline on first use. */
  public static synchronized Engine pytorch() {
    if (System.getenv("DJL_OFFLINE") == null && System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    setIfAbsent("ai.djl.pytorch.num_threads", "1");
    setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
    // The graph-executor optimiser only concerns TorchScript models; it merely logs a warning here.
    setIfAbsent("ai.djl.pytorch.graph_optimizer", "false");
    return Engine.getEngine(ENGINE);
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
