package org.synthstack.improv;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guard that keeps DJL from ever downloading libtorch: it must pass on this test classpath (which holds
 * pytorch-native-cpu and the JNI bridge, as the launcher's does) and name what is wrong otherwise.
 */
class DjlRuntimeTest {
  @TempDir
  Path dir;

  private final Map<String, String> settings = new HashMap<>();
  private final ClassLoader classpath = DjlRuntimeTest.class.getClassLoader();

  private String problem(ClassLoader loader) {
    return DjlRuntime.offlineProblem(settings::get, loader, "Linux", "amd64");
  }

  /** A class loader that sees only the JNI bridge's jar, as a cluster without libtorch deployed would. */
  private ClassLoader withoutLibtorch() throws Exception {
    URL bridge = classpath.getResource("jnilib/pytorch.properties");
    assertThat(bridge).as("pytorch-jni on the test classpath").isNotNull();
    String jar = bridge.toString().substring("jar:".length(), bridge.toString().indexOf("!/"));
    return new URLClassLoader(new URL[] {new URL(jar)}, null);
  }

  @Test
  void theBuildsClasspathProvidesLibtorchOffline() {
    assertThat(problem(classpath)).isNull();
    settings.put("DJL_OFFLINE", "true");
    settings.put("PYTORCH_VERSION", "2.7.1");
    assertThat(problem(classpath)).isNull();
  }

  @Test
  void withoutThePytorchNativeJarItRefusesAndSaysWhatToAdd() throws Exception {
    try (URLClassLoader loader = (URLClassLoader) withoutLibtorch()) {
      assertThat(problem(loader)).contains("libtorch is not on the classpath",
          "ai.djl.pytorch:pytorch-native-cpu:2.7.1:linux-x86_64", "PYTORCH_LIBRARY_PATH", "never downloads");
      settings.put("PYTORCH_LIBRARY_PATH", dir.toString());
      assertThat(problem(loader)).contains("PYTORCH_LIBRARY_PATH=" + dir + " holds no libtorch.so");
      // An unpacked libtorch (here a stand-in file: only its presence is checked) satisfies it.
      Files.writeString(dir.resolve("libtorch.so"), "");
      assertThat(problem(loader)).isNull();
    }
    assertThat(problem(new URLClassLoader(new URL[0], null))).contains("JNI bridge", "pytorch-jni");
  }

  @Test
  void settingsThatWouldMakeDjlDownloadAreRefused() {
    settings.put("DJL_OFFLINE", "false");
    assertThat(problem(classpath)).contains("offline mode is switched off", "= false");
    settings.clear();
    settings.put("ai.djl.offline", "false");
    assertThat(problem(classpath)).contains("offline mode is switched off");
    settings.clear();
    settings.put("PYTORCH_VERSION", "2.5.1");
    assertThat(problem(classpath)).contains("PYTORCH_VERSION=2.5.1", "unset PYTORCH_VERSION");
    settings.clear();
    assertThat(DjlRuntime.offlineProblem(settings::get, classpath, "Mac OS X", "aarch64"))
        .contains("linux-x86_64 only", "Mac OS X aarch64");
  }
}
