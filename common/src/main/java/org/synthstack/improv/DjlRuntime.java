package org.synthstack.improv;

import ai.djl.engine.Engine;
import ai.djl.util.ClassLoaderUtils;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * The one door to DJL's PyTorch engine, so that its process-wide settings are made before the native library loads.
 *
 * <ul>
 *   <li><b>Offline, always.</b> This sets {@code ai.djl.offline=true}, and refuses to start when something would make
 *       DJL download anyway ({@code DJL_OFFLINE} or {@code -Dai.djl.offline} saying false, a {@code PYTORCH_VERSION}
 *       other than the one we build against) or when libtorch is nowhere to be found: DJL's own answer to a missing
 *       libtorch is to fetch it from its CDN, and offline that fails with a bare "Offline mode is enabled". libtorch
 *       must come from the {@code pytorch-native-cpu} jar on the classpath (DJL unpacks it into its cache, {@code
 *       ~/.djl.ai} or {@code DJL_CACHE_DIR}) or from {@code PYTORCH_LIBRARY_PATH}; the JNI bridge from {@code
 *       pytorch-jni} (shaded into the application jar).
 *   <li><b>One thread.</b> Unless {@code -Dai.djl.pytorch.num_threads} / {@code num_interop_threads} are set, PyTorch
 *       gets one intra-op and one inter-op thread. The models are small (a step is a few 64×256 products), so more
 *       threads mostly add hand-over latency, and under Spark every task owns one core.
 * </ul>
 */
public final class DjlRuntime {
  public static final String ENGINE = "PyTorch";
  /** The libtorch build DJL 0.35.1's JNI bridge is compiled against (common/pom.xml pins both). */
  public static final String PYTORCH_VERSION = "2.7.1";
  /** Maven coordinates of the libtorch jar, for messages. */
  public static final String NATIVE_ARTIFACT = "ai.djl.pytorch:pytorch-native-cpu:" + PYTORCH_VERSION + ":linux-x86_64";

  private static boolean checked;

  private DjlRuntime() {}

  /**
   * The PyTorch engine, loaded offline on first use.
   *
   * @throws IllegalStateException naming what is missing or misconfigured when libtorch could not be loaded without
   *     a download
   */
  public static synchronized Engine pytorch() {
    if (!checked) {
      String problem = offlineProblem(DjlRuntime::envOrProperty, ClassLoaderUtils.getContextClassLoader(),
          System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
      if (problem != null) {
        throw new IllegalStateException(problem);
      }
      System.setProperty("ai.djl.offline", "true");
      setIfAbsent("ai.djl.pytorch.num_threads", "1");
      setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
      // The graph-executor optimiser only concerns TorchScript models; it merely logs a warning here.
      setIfAbsent("ai.djl.pytorch.graph_optimizer", "false");
      checked = true;
    }
    return Engine.getEngine(ENGINE);
  }

  /**
   * Why DJL could not load libtorch without downloading something, or null if it can.
   *
   * @param settings an environment variable or system property by name, as DJL looks them up (environment first)
   * @param loader where DJL looks for its bundled natives
   */
  static String offlineProblem(UnaryOperator<String> settings, ClassLoader loader, String osName, String osArch) {
    String offline = settings.apply("DJL_OFFLINE");
    if (offline == null) {
      offline = settings.apply("ai.djl.offline");
    }
    if (offline != null && !Boolean.parseBoolean(offline)) {
      return "DJL offline mode is switched off (DJL_OFFLINE / ai.djl.offline = " + offline + "); synthstack never "
          + "lets DJL download PyTorch: unset it";
    }
    String version = settings.apply("PYTORCH_VERSION");
    if (version != null && !version.isEmpty() && !PYTORCH_VERSION.startsWith(version)) {
      return "PYTORCH_VERSION=" + version + " asks DJL to download another libtorch; synthstack runs on "
          + PYTORCH_VERSION + " (" + NATIVE_ARTIFACT + ") and never downloads it: unset PYTORCH_VERSION";
    }
    String os = osName.toLowerCase(Locale.ROOT);
    if (!os.startsWith("linux") || !("amd64".equals(osArch) || "x86_64".equals(osArch))) {
      return "the MDRNN runs on linux-x86_64 only (libtorch " + NATIVE_ARTIFACT + "), not on " + osName + " "
          + osArch;
    }
    if (loader.getResource("jnilib/pytorch.properties") == null) {
      return "DJL's PyTorch JNI bridge (ai.djl.pytorch:pytorch-jni:" + PYTORCH_VERSION
          + "-0.35.1) is not on the classpath; it is part of the synthstack jobs jar and common's dependencies";
    }
    // DJL tries PYTORCH_LIBRARY_PATH first (a path list; an entry may be libtorch.so or its folder), then the classpath.
    String libraryPath = settings.apply("PYTORCH_LIBRARY_PATH");
    if (libraryPath != null && providesLibtorch(libraryPath)) {
      return null;
    }
    if (!hasBundledLibtorch(loader)) {
      return "libtorch is not on the classpath"
          + (libraryPath == null ? "" : " and PYTORCH_LIBRARY_PATH=" + libraryPath + " holds no libtorch.so")
          + ": add " + NATIVE_ARTIFACT + " (jobs/bin/synthstack takes it from jobs/target/provided-classpath.txt; on "
          + "a cluster: spark-home/jars, --jars or spark.jars) or set PYTORCH_LIBRARY_PATH to an unpacked copy. "
          + "synthstack never downloads it (README, \"Native PyTorch on a cluster\")";
    }
    return null;
  }

  private static boolean providesLibtorch(String libraryPath) {
    for (String entry : libraryPath.split(java.io.File.pathSeparator)) {
      if (entry.isEmpty()) {
        continue;
      }
      Path p = Path.of(entry);
      if (Files.isRegularFile(p) && p.getFileName().toString().equals("libtorch.so")
          || Files.isRegularFile(p.resolve("libtorch.so"))) {
        return true;
      }
    }
    return false;
  }

  /** True if {@code pytorch-native-cpu} for this platform and version is on the classpath (not DJL's placeholder). */
  private static boolean hasBundledLibtorch(ClassLoader loader) {
    try {
      Enumeration<URL> urls = loader.getResources("native/lib/pytorch.properties");
      while (urls.hasMoreElements()) {
        Properties p = new Properties();
        try (InputStream in = urls.nextElement().openStream()) {
          p.load(in);
        }
        if (p.getProperty("placeholder") == null && "linux-x86_64".equals(p.getProperty("classifier"))
            && p.getProperty("version", "").startsWith(PYTORCH_VERSION)) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read native/lib/pytorch.properties from the classpath", e);
    }
  }

  private static String envOrProperty(String name) {
    String env = System.getenv(name);
    return env != null ? env : System.getProperty(name);
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
