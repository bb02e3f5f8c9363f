package org.synthstack.jobs.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.synthstack.jobs.bench.IngestBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Reads every file of a local manifest into memory, then decodes, resamples and featurises them as "
        + "the ingest job does, on T threads; prints files/s, files/s per thread and where the time goes.")
final class BenchIngestCommand implements Callable<Integer> {
  @Option(names = "--manifest", required = true, paramLabel = "M.csv", description = "A local manifest CSV.")
  Path manifest;

  @Option(names = "--threads", defaultValue = "1", paramLabel = "T", description = "Threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--warmup", defaultValue = "300", paramLabel = "W",
      description = "Files per thread processed first, untimed, so the JIT has compiled the decoders and the "
          + "features (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--max-seconds", defaultValue = "2", paramLabel = "S",
      description = "As ingest's --max-seconds (default: ${DEFAULT-VALUE}).")
  double maxSeconds;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (threads < 1 || warmup < 0 || !(maxSeconds > 0)) {
      throw new ParameterException(spec.commandLine(), "need --threads >= 1, --warmup >= 0, --max-seconds > 0");
    }
    IngestBenchmark.run(new IngestBenchmark.Settings(manifest, threads, warmup, maxSeconds),
        spec.commandLine().getOut());
    return 0;
  }
}
