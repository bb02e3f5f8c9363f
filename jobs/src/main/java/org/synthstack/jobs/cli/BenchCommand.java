package org.synthstack.jobs.cli;

import java.util.concurrent.Callable;
import org.synthstack.jobs.bench.RenderBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (no Spark, no I/O).",
    subcommands = {BenchCommand.Render.class, BenchIngestCommand.class})
final class BenchCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing benchmark: render or ingest");
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

    @picocli.CommandLine.Mixin
    ConfigOptions config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      config.printEffectiveConfig();
      if (programs < threads || threads < 1 || warmup < 0) {
        throw new ParameterException(spec.commandLine(), "need --threads >= 1, --programs >= --threads, --warmup >= 0");
      }
      RenderBenchmark.run(new RenderBenchmark.Settings(programs, threads, warmup, seed), spec.commandLine().getOut());
      return 0;
    }
  }
}
