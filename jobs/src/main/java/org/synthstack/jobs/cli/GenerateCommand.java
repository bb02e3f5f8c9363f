package org.synthstack.jobs.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.synthstack.jobs.generate.GenerateJob;
import org.synthstack.synth.StackSizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Spark job: renders random programs, keeps those the ear calls drums, writes them to Parquet and "
        + "exports kits (WAV + program JSON, Hydrogen drumkit.xml, SFZ) under OUT/kits/dt=DATE/<label>/.")
final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--programs", required = true, paramLabel = "N", description = "Programs to render.")
  long programs;

  @Option(names = "--seed", required = true, paramLabel = "S", description = "Run seed.")
  long seed;

  @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "The date partition.")
  LocalDate date;

  @Option(names = "--model", required = true, paramLabel = "DIR", description = "The ear (train-ear's output).")
  String model;

  @Option(names = "--out", required = true, paramLabel = "ROOT", description = "Output root.")
  String out;

  @Option(names = "--min-probability", defaultValue = "0", paramLabel = "P",
      description = "Keep a drum only if the ear gives its class at least this probability (default: "
          + "${DEFAULT-VALUE}: any sound the ear does not call synth_noise).")
  double minProbability;

  @Option(names = "--stack-sizes", defaultValue = "1-8", paramLabel = "SIZES",
      converter = RenderCommand.StackSizesConverter.class,
      description = "Stack sizes drawn uniformly (default: ${DEFAULT-VALUE}).")
  StackSizes stackSizes;

  @Option(names = "--partitions", defaultValue = "0", paramLabel = "P", description = "Spark partitions.")
  int partitions;

  @Option(names = "--max-kit-sounds", defaultValue = "5000", paramLabel = "K",
      description = "At most this many sounds, the most probable, go into the kits (default: ${DEFAULT-VALUE}).")
  int maxKitSounds;

  @Mixin
  SparkOptions spark;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (programs < 1 || !(minProbability >= 0 && minProbability <= 1) || maxKitSounds < 1) {
      throw new ParameterException(spec.commandLine(),
          "need --programs >= 1, --min-probability in 0..1 and --max-kit-sounds >= 1");
    }
    SparkSession session = spark.session("synthstack generate");
    try {
      GenerateJob.Result r = GenerateJob.run(session, new GenerateJob.Options(programs, seed, date, model, out,
          minProbability, stackSizes, partitions, maxKitSounds));
      spec.commandLine().getOut().printf("kept %d of %d programs %s; kits in %s; report in %s%n", r.kept(),
          r.rendered(), r.keptByLabel(), r.kits(), r.report());
      return 0;
    } finally {
      session.stop();
    }
  }
}
