package org.synthstack.jobs.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process the integration tests start: a JVM (S3Proxy, a Spark Master or Worker, spark-submit) or the launcher,
 * with its output in a log file. {@link #close()} stops it and everything it started (executors), and waits until
 * they have exited.
 */
final class ChildJvm implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;

  private ChildJvm(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** {@code java <jvmOptions> -cp <classpath> <mainClass> <args>}. */
  static ChildJvm java(String name, Path log, Map<String, String> env, List<String> jvmOptions, String classpath,
      String mainClass, List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(args);
    return start(name, log, env, command);
  }

  static ChildJvm start(String name, Path log, Map<String, String> env, List<String> command) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
    pb.environment().putAll(env);
    return new ChildJvm(name, pb.start(), log);
  }

  long pid() {
    return process.pid();
  }

  ProcessHandle handle() {
    return process.toHandle();
  }

  String output() throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for the process to end; fails with its output if it takes longer than {@code timeout}. */
  int waitFor(Duration timeout) throws Exception {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new TimeoutException(name + " still running after " + timeout + "; its output:\n" + tail());
    }
    return process.exitValue();
  }

  /** Waits until the output has a line matching {@code pattern}; returns the match's first group. */
  String awaitOutput(Pattern pattern, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = pattern.matcher(output());
      if (m.find()) {
        return m.groupCount() > 0 ? m.group(1) : m.group();
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited (" + process.exitValue() + ") before printing " + pattern
            + "; its output:\n" + tail());
      }
      Thread.sleep(100);
    }
    throw new TimeoutException(name + " did not print " + pattern + " within " + timeout + "; its output:\n" + tail());
  }

  /** Polls {@code condition} every 20 ms until it holds; fails after {@code timeout}. */
  static void await(String what, Predicate<Void> condition, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.test(null)) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("timed out after " + timeout + " waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  /** SIGKILL, as a crash or an out-of-memory kill would end it; waits for it to be gone. */
  void kill() throws InterruptedException {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
    for (ProcessHandle c : children) {
      c.destroyForcibly();
      c.onExit().join();
    }
  }

  /** SIGTERM, then SIGKILL after 20 s; the same for anything it started; waits for everything to exit. */
  @Override
  public void close() throws InterruptedException {
    List<ProcessHandle> children = process.descendants().toList();
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
      }
    }
    for (ProcessHandle c : children) {
      if (c.isAlive()) {
        c.destroy();
        try {
          c.onExit().get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
          c.destroyForcibly();
          c.onExit().join();
        }
      }
    }
  }

  private String tail() throws IOException {
    String out = output();
    return out.length() > 20_000 ? "..." + out.substring(out.length() - 20_000) : out;
  }

  @Override
  public String toString() {
    return name + " (pid " + pid() + ")";
  }
}
