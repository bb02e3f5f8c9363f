package org.synthstack.jobs.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What the integration tests get from the build (jobs/pom.xml, failsafe's system properties). */
final class ItEnv {
  private ItEnv() {}

  static Path home() {
    return Path.of(required("synthstack.home")).toAbsolutePath().normalize();
  }

  /** The shaded application jar. */
  static Path appJar() {
    return existing(Path.of(required("synthstack.appJar")), "the shaded jar: run mvn verify (package comes first)");
  }

  /** Spark and everything else the launcher puts next to the application jar. */
  static String providedClasspath() throws IOException {
    return Files.readString(existing(Path.of(required("synthstack.providedClasspath")), "run mvn verify")).trim();
  }

  /** Spark and every other dependency, our own modules excluded: what a Spark-home's jars/ holds. */
  static List<Path> clusterJars() throws IOException {
    Path file = Path.of(required("synthstack.providedClasspath")).resolveSibling("cluster-classpath.txt");
    List<Path> jars = new ArrayList<>();
    for (String s : Files.readString(existing(file, "run mvn verify")).trim().split(java.io.File.pathSeparator)) {
      jars.add(Path.of(s));
    }
    return jars;
  }

  static Path s3proxyJars() {
    return existing(Path.of(required("synthstack.s3proxyJars")),
        "S3Proxy's classpath: build the test-servers module first (mvn verify from the repository root)");
  }

  /** The Java 17 options Spark's JVMs need (the parent pom's java17.module.options). */
  static List<String> javaModuleOptions() {
    return Arrays.stream(required("synthstack.javaModuleOptions").trim().split("\\s+")).toList();
  }

  /** target/it/NAME, emptied. */
  static Path workDir(String name) throws IOException {
    Path dir = appJar().getParent().resolve("it").resolve(name);
    if (Files.exists(dir)) {
      try (var walk = Files.walk(dir)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    return Files.createDirectories(dir);
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("system property " + property + " is not set: run the integration tests "
          + "through Maven (mvn verify), which sets it");
    }
    return value;
  }

  private static Path existing(Path p, String hint) {
    if (!Files.exists(p)) {
      throw new IllegalStateException(p + " does not exist: " + hint);
    }
    return p;
  }
}
