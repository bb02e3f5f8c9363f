package org.synthstack.jobs.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.synthstack.jobs.bench.ExtraTreesBenchmark;
import org.synthstack.jobs.bench.RenderBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (no output written).",
    subcommands = {BenchCommand.Render.class, BenchIngestCommand.class, BenchCommand.ExtraTrees.class})
final class BenchCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing benchmark: render, ingest or extratrees");
  }

  @Command(name = "render", mixinStandardHelpOptions = true,
      description = "Renders and featurises random programs (stack sizes 1..8) and prints programs/s, ns per "
          + "sample-section and where the time goes.")
  static final class Render implements Callable<Integer> {
    @Option(names = "--programs", defaultValue = "20000", paramLabel = "N",
        description = "Programs to time (default: ${DEFAULT-VALUE}).")
    long programs;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "T", description = "Threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--warmup", defaultValue = "3000", paramLabel = "W",
        description = "Programs per thread rendered first, untimed, so the JIT has compiled the hot loops "
            + "(default: ${DEFAULT-VALUE}).")
    long warmup;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Run seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (programs < threads || threads < 1 || warmup < 0) {
        throw new ParameterException(spec.commandLine(), "need --threads >= 1, --programs >= --threads, --warmup >= 0");
      }
      RenderBenchmark.run(new RenderBenchmark.Settings(programs, threads, warmup, seed), spec.commandLine().getOut());
      return 0;
    }
  }

  @Command(name = "extratrees", mixinStandardHelpOptions = true,
      description = "Times ExtraTreesClassifier on synthetic data: the tree builder on one thread, fit through an "
          + "embedded Spark for each forest size and master, and prediction throughput.")
  static final class ExtraTrees implements Callable<Integer> {
    @Option(names = "--rows", defaultValue = "6000", paramLabel = "N", description = "Rows (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--features", defaultValue = "660", paramLabel = "D",
        description = "Features (default: ${DEFAULT-VALUE}, the ear's 10 + 50 + 600).")
    int features;

    @Option(names = "--classes", defaultValue = "5", paramLabel = "C", description = "Classes (default: ${DEFAULT-VALUE}).")
    int classes;

    @Option(names = "--trees", defaultValue = "100,300,1100", split = ",", paramLabel = "N,...",
        description = "Forest sizes (default: ${DEFAULT-VALUE}).")
    int[] trees;

    @Option(names = "--masters", defaultValue = "local[1],local[2]", split = ",", paramLabel = "URL,...",
        description = "Spark masters to run on, one embedded session each (default: ${DEFAULT-VALUE}).")
    List<String> masters;

    @Option(names = "--warmup", defaultValue = "20", paramLabel = "T",
        description = "Trees grown first, untimed, so the JIT has compiled the builder (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Data and forest seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      if (rows < 2 || features < 1 || classes < 2 || warmup < 0 || trees.length == 0
          || java.util.Arrays.stream(trees).anyMatch(t -> t < 1)) {
        throw new ParameterException(spec.commandLine(),
            "need --rows >= 2, --features >= 1, --classes >= 2, --warmup >= 0 and --trees >= 1");
      }
      ExtraTreesBenchmark.run(new ExtraTreesBenchmark.Settings(rows, features, classes, trees, masters, warmup, seed),
          spec.commandLine().getOut());
      return 0;
    }
  }
}
