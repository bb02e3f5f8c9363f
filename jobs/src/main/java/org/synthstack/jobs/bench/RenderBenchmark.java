package org.synthstack.jobs.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jdk.incubator.vector.DoubleVector;
import org.synthstack.dsp.BiquadBank;
import org.synthstack.dsp.BiquadCascade;
import org.synthstack.dsp.Butterworth;
import org.synthstack.jobs.render.ProgramFeaturizer;
import org.synthstack.synth.Program;
import org.synthstack.synth.ProgramGenerator;
import org.synthstack.synth.RenderSettings;
import org.synthstack.synth.StackSizes;

/**
 * Renders and featurises random programs (stack sizes uniform over 1..8) with no I/O, on T threads, through the
 * same {@link ProgramFeaturizer} the jobs use, and prints throughput, where the time goes, and the limit the
 * filter kernel alone would set.
 */
public final class RenderBenchmark {
  public record Settings(long programs, int threads, long warmupPrograms, long seed) {}

  private record ThreadResult(long programs, long renderNanos, long featureNanos, long usefulSectionFrames,
      long executedLaneSectionFrames, long wallNanos) {}

  private RenderBenchmark() {}

  public static void run(Settings settings, PrintWriter out) throws Exception {
    out.println("machine: " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores, Java "
        + System.getProperty("java.version") + ", " + vectorDescription());
    out.printf("warming up: %d programs per thread ...%n", settings.warmupPrograms());
    out.flush();
    ExecutorService pool = Executors.newFixedThreadPool(settings.threads());
    try {
      List<Future<ThreadResult>> futures = new ArrayList<>();
      long perThread = settings.programs() / settings.threads();
      long wallStart = System.nanoTime();
      for (int t = 0; t < settings.threads(); t++) {
        long first = t * perThread;
        long count = t == settings.threads() - 1 ? settings.programs() - first : perThread;
        futures.add(pool.submit(() -> runThread(settings, first, count)));
      }
      List<ThreadResult> results = new ArrayList<>();
      for (Future<ThreadResult> f : futures) {
        results.add(f.get());
      }
      long wall = results.stream().mapToLong(ThreadResult::wallNanos).max().orElse(System.nanoTime() - wallStart);
      report(settings, results, wall, out);
    } finally {
      pool.shutdownNow();
    }
  }

  private static ThreadResult runThread(Settings settings, long first, long count) {
    ProgramGenerator generator = new ProgramGenerator(StackSizes.parse("1-8"));
    ProgramFeaturizer warm = new ProgramFeaturizer(RenderSettings.DEFAULT);
    renderRange(generator, warm, settings.seed() + 1, 0, settings.warmupPrograms());
    ProgramFeaturizer featurizer = new ProgramFeaturizer(RenderSettings.DEFAULT);
    long start = System.nanoTime();
    renderRange(generator, featurizer, settings.seed(), first, count);
    long wall = System.nanoTime() - start;
    return new ThreadResult(count, featurizer.renderNanos(), featurizer.featureNanos(),
        featurizer.renderer().usefulSectionFrames(), featurizer.renderer().executedLaneSectionFrames(), wall);
  }

  private static void renderRange(ProgramGenerator generator, ProgramFeaturizer featurizer, long seed, long first,
      long count) {
    List<Program> batch = new ArrayList<>(ProgramFeaturizer.BATCH);
    long[] indices = new long[ProgramFeaturizer.BATCH];
    double[] sink = new double[1];
    for (long i = first; i < first + count; i += ProgramFeaturizer.BATCH) {
      batch.clear();
      for (long j = i; j < Math.min(first + count, i + ProgramFeaturizer.BATCH); j++) {
        indices[batch.size()] = j;
        batch.add(generator.generate(seed, j));
      }
      featurizer.process(batch, indices, r -> sink[0] += r.features().envelope()[0]);
    }
  }

  private static void report(Settings settings, List<ThreadResult> results, long wallNanos, PrintWriter out) {
    long programs = results.stream().mapToLong(ThreadResult::programs).sum();
    long render = results.stream().mapToLong(ThreadResult::renderNanos).sum();
    long features = results.stream().mapToLong(ThreadResult::featureNanos).sum();
    long useful = results.stream().mapToLong(ThreadResult::usefulSectionFrames).sum();
    long executed = results.stream().mapToLong(ThreadResult::executedLaneSectionFrames).sum();
    double seconds = wallNanos / 1e9;
    double perProgramUs = (render + features) / 1e3 / programs;
    double kernelNs = kernelNanosPerLaneSectionFrame();
    double usefulPerProgram = (double) useful / programs;
    out.printf("programs: %d on %d threads in %.2f s%n", programs, settings.threads(), seconds);
    out.printf("programs/s: %.0f total, %.0f per thread%n", programs / seconds, programs / seconds / settings.threads());
    out.printf("per program: %.0f us render + %.0f us features = %.0f us of thread time%n",
        render / 1e3 / programs, features / 1e3 / programs, perProgramUs);
    out.printf("ns per sample-section: %.3f (render time / %.2f M useful section-samples per program)%n",
        render / (double) useful, usefulPerProgram / 1e6);
    out.printf("SIMD lane efficiency: %.2f (useful / executed lane-section-samples)%n", (double) useful / executed);
    out.printf("filter kernel alone: %.3f ns per lane-section-sample -> limit %.0f programs/s per thread if "
        + "filtering were all the work%n", kernelNs, 1e9 / (usefulPerProgram * kernelNs * executed / useful));
    out.flush();
  }

  /** Full lanes, 16 sections, long buffers: the bank's best case on this machine. */
  private static double kernelNanosPerLaneSectionFrame() {
    BiquadBank bank = new BiquadBank();
    BiquadCascade[] cascades = new BiquadCascade[BiquadBank.LANES];
    for (int lane = 0; lane < cascades.length; lane++) {
      cascades[lane] = Butterworth.highPass(16, 100 + 10 * lane, 48_000)
          .then(Butterworth.lowPass(16, 5000 + 100 * lane, 48_000));
    }
    int frames = 4096;
    double[] buffer = new double[frames * BiquadBank.LANES];
    for (int i = 0; i < buffer.length; i++) {
      buffer[i] = Math.sin(i * 0.01);
    }
    bank.load(cascades, BiquadBank.LANES);
    double best = Double.MAX_VALUE;
    for (int rep = 0; rep < 400; rep++) {
      long t0 = System.nanoTime();
      bank.process(buffer, frames);
      long t1 = System.nanoTime();
      best = Math.min(best, (t1 - t0) / (double) (frames * BiquadBank.LANES * bank.sections()));
    }
    return best;
  }

  private static String vectorDescription() {
    return BiquadBank.vectorized()
        ? "SIMD " + DoubleVector.SPECIES_PREFERRED.vectorBitSize() + "-bit (jdk.incubator.vector)"
        : "scalar (jdk.incubator.vector unavailable)";
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
