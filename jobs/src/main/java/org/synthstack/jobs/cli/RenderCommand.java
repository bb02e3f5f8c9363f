package org.synthstack.jobs.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.synthstack.jobs.render.RenderJob;
import org.synthstack.synth.RenderSettings;
import org.synthstack.synth.StackSizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "render", mixinStandardHelpOptions = true,
    description = "Spark job: renders random programs with their ear features to Parquet under OUT/dt=DATE/.")
final class RenderCommand implements Callable<Integer> {
  @Option(names = "--programs", required = true, paramLabel = "N", description = "Programs to render.")
  long programs;

  @Option(names = "--seed", required = true, paramLabel = "S", description = "Run seed: program i of seed S is "
      + "always the same program.")
  long seed;

  @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "The date partition to write.")
  LocalDate date;

  @Option(names = "--out", required = true, paramLabel = "ROOT", description = "Dataset root (local path, "
      + "hdfs:// or s3a://).")
  String out;

  @Option(names = "--stack-sizes", defaultValue = "1-8", paramLabel = "SIZES", converter = StackSizesConverter.class,
      description = "Stack sizes drawn uniformly: a range like 1-8 or a list like 1,3,5 (default: ${DEFAULT-VALUE}).")
  StackSizes stackSizes;

  @Option(names = "--wav", description = "Also write every sound as a WAV file under OUT/dt=DATE/_wav/.")
  boolean wav;

  @Option(names = "--partitions", defaultValue = "0", paramLabel = "P",
      description = "Spark partitions (default: about 2000 programs each, at least one per core).")
  int partitions;

  @Mixin
  SparkOptions spark;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (programs < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--programs must be at least 1");
    }
    if (partitions < 0) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--partitions must not be negative");
    }
    SparkSession session = spark.session("synthstack render");
    try {
      RenderJob.Result result = RenderJob.run(session, new RenderJob.Options(programs, seed, date, out, stackSizes,
          wav, partitions, RenderSettings.DEFAULT));
      spec.commandLine().getOut().printf("wrote %d programs (%d silent) to %s in %.1f s (%.0f programs/s)%n",
          result.rows(), result.silent(), result.partition(), result.seconds(), result.rows() / result.seconds());
      return 0;
    } finally {
      session.stop();
    }
  }

  static final class StackSizesConverter implements ITypeConverter<StackSizes> {
    @Override
    public StackSizes convert(String value) {
      return StackSizes.parse(value);
    }
  }
}
