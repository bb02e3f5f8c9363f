package org.synthstack.jobs.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.synthstack.audio.AudioDecodeException;
import org.synthstack.jobs.InputException;
import org.synthstack.jobs.ingest.Manifest;
import org.synthstack.jobs.ingest.RecordingFeaturizer;

/**
 * Ingest throughput without Spark and without I/O: every file of a local manifest is read into memory first, then
 * T threads each decode, resample and featurise their share through the {@link RecordingFeaturizer} the ingest job
 * uses (plus the SHA-256 it computes). Prints files/s, files/s per thread, and where the time goes.
 */
public final class IngestBenchmark {
  public record Settings(Path manifest, int threads, int warmupFiles, double maxSeconds) {}

  private record ThreadResult(long files, long decodeNanos, long featureNanos, long hashNanos, long wallNanos,
      long cpuNanos, Map<String, long[]> outcomes) {}

  private IngestBenchmark() {}

  public static void run(Settings settings, PrintWriter out) throws Exception {
    List<byte[]> contents = new ArrayList<>();
    List<String> names = new ArrayList<>();
    long bytes = load(settings.manifest(), contents, names);
    out.println("machine: " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors()
        + " cores, Java " + System.getProperty("java.version"));
    out.printf("%d files, %.1f MB in memory; warming up on %d files per thread ...%n", contents.size(), bytes / 1e6,
        Math.min(settings.warmupFiles(), contents.size()));
    out.flush();
    ExecutorService pool = Executors.newFixedThreadPool(settings.threads());
    try {
      List<Future<ThreadResult>> futures = new ArrayList<>();
      for (int t = 0; t < settings.threads(); t++) {
        int thread = t;
        futures.add(pool.submit(() -> runThread(settings, contents, names, thread)));
      }
      List<ThreadResult> results = new ArrayList<>();
      for (Future<ThreadResult> f : futures) {
        results.add(f.get());
      }
      report(settings, results, out);
    } finally {
      pool.shutdownNow();
    }
  }

  private static long load(Path manifest, List<byte[]> contents, List<String> names) throws IOException {
    String text;
    try {
      text = Files.readString(manifest, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InputException("manifest " + manifest + ": no such file");
    }
    Path base = manifest.toAbsolutePath().getParent();
    long bytes = 0;
    for (Manifest.Entry e : Manifest.parse(manifest.toString(), text)) {
      Path p = base.resolve(e.path());
      try {
        byte[] b = Files.readAllBytes(p);
        contents.add(b);
        names.add(p.toString());
        bytes += b.length;
      } catch (NoSuchFileException ex) {
        // a missing file costs ingest nothing to speak of; the benchmark times the others
      }
    }
    return bytes;
  }

  private static ThreadResult runThread(Settings settings, List<byte[]> contents, List<String> names, int thread) {
    RecordingFeaturizer warm = new RecordingFeaturizer(settings.maxSeconds());
    for (int i = thread; i < Math.min(contents.size(), settings.warmupFiles() * settings.threads());
        i += settings.threads()) {
      process(warm, contents.get(i), names.get(i), new TreeMap<String, long[]>());
    }
    RecordingFeaturizer featurizer = new RecordingFeaturizer(settings.maxSeconds());
    Map<String, long[]> outcomes = new TreeMap<>();
    long files = 0;
    long hashNanos = 0;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    for (int i = thread; i < contents.size(); i += settings.threads()) {
      long h0 = System.nanoTime();
      RecordingFeaturizer.sha256(contents.get(i));
      hashNanos += System.nanoTime() - h0;
      process(featurizer, contents.get(i), names.get(i), outcomes);
      files++;
    }
    long wall = System.nanoTime() - start;
    long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
    return new ThreadResult(files, featurizer.decodeNanos(), featurizer.featureNanos(), hashNanos, wall, cpu,
        outcomes);
  }

  /** Counts each outcome in {@code outcomes[outcome][0]} and its nanoseconds in {@code [1]}. */
  private static void process(RecordingFeaturizer featurizer, byte[] content, String name,
      Map<String, long[]> outcomes) {
    long t0 = System.nanoTime();
    String outcome;
    try {
      featurizer.process(content, name);
      outcome = "decoded";
    } catch (AudioDecodeException e) {
      outcome = e.reason().name();
    }
    long[] n = outcomes.computeIfAbsent(outcome, k -> new long[2]);
    n[0]++;
    n[1] += System.nanoTime() - t0;
  }

  private static void report(Settings settings, List<ThreadResult> results, PrintWriter out) {
    long files = 0;
    long decode = 0;
    long features = 0;
    long hash = 0;
    long wall = 0;
    long cpu = 0;
    Map<String, long[]> outcomes = new TreeMap<>();
    for (ThreadResult r : results) {
      files += r.files();
      decode += r.decodeNanos();
      features += r.featureNanos();
      hash += r.hashNanos();
      wall = Math.max(wall, r.wallNanos());
      cpu += r.cpuNanos();
      r.outcomes().forEach((k, v) -> {
        long[] n = outcomes.computeIfAbsent(k, x -> new long[2]);
        n[0] += v[0];
        n[1] += v[1];
      });
    }
    double seconds = wall / 1e9;
    StringBuilder o = new StringBuilder();
    outcomes.forEach((k, v) -> o.append(String.format("%s %d files (%.2f ms each)  ", k, v[0], v[1] / 1e6 / v[0])));
    out.println("outcomes: " + o.toString().trim());
    out.printf("%d files on %d threads in %.2f s: %.1f files/s, %.1f files/s per thread%n", files, settings.threads(),
        seconds, files / seconds, files / seconds / settings.threads());
    double busy = decode + features + hash;
    out.printf("CPU time: %.2f s, %.1f files per CPU-second (what one core does without contention)%n", cpu / 1e9,
        files / (cpu / 1e9));
    out.printf("per file: %.2f ms decode+mix+resample (%.0f%%), %.2f ms features (%.0f%%), %.2f ms SHA-256 (%.0f%%)%n",
        decode / 1e6 / files, 100 * decode / busy, features / 1e6 / files, 100 * features / busy,
        hash / 1e6 / files, 100 * hash / busy);
    out.flush();
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux: fall through.
    }
    return System.getProperty("os.arch");
  }
}
