package org.synthstack.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * What this build is: the version and the git commit it was built from ({@code synthstack-build.properties}, filled
 * in by Maven). {@code dirty} means tracked files differed from that commit when the jar was built.
 */
public record BuildInfo(String version, String gitCommit, boolean dirty) {
  private static final BuildInfo CURRENT = load();

  public static BuildInfo current() {
    return CURRENT;
  }

  private static BuildInfo load() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("/synthstack-build.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // Falls through to "unknown".
    }
    return new BuildInfo(known(p.getProperty("version")), known(p.getProperty("git.commit")),
        Boolean.parseBoolean(p.getProperty("git.dirty")));
  }

  /** An unfiltered placeholder (a build outside Maven) is "unknown". */
  private static String known(String value) {
    return value == null || value.isBlank() || value.contains("${") ? "unknown" : value.trim();
  }
}
