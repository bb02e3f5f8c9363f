package org.synthstack.jobs.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.synthstack.jobs.nightly.NightlyJob;
import org.synthstack.synth.StackSizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "nightly", mixinStandardHelpOptions = true,
    description = {"Spark job: the nightly dataset generation for one date, in stages that each publish their date "
        + "partition: render (OUT/synth_programs/dt=D), noisedb (NOISEDB/noisedb/stacks=S/dt=D, only with --noisedb), "
        + "classify "
        + "(OUT/programs/dt=D, OUT/reports/dt=D) and kits (OUT/kits/dt=D/<label>/).",
        "The day's seed is the date as YYYYMMDD unless --seed says otherwise. A manifest "
            + "(OUT/manifests/dt=D/manifest.json) records the stages done, the configuration, the git commit and the "
            + "counts; a rerun resumes after the last completed stage."})
final class NightlyCommand implements Callable<Integer> {
  @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", converter = DayConverter.class,
      description = "The day to generate: a date, or today or yesterday (UTC), for schedulers that cannot template "
          + "the date.")
  LocalDate date;

  @Option(names = "--out", required = true, paramLabel = "ROOT", description = "Output root (local, hdfs:// or "
      + "s3a://).")
  String out;

  @Option(names = "--model", required = true, paramLabel = "DIR", description = "The ear (train-ear's output).")
  String model;

  @Option(names = "--programs", defaultValue = "20000", paramLabel = "N",
      description = "Programs rendered per day (default: ${DEFAULT-VALUE}).")
  long programs;

  @Option(names = "--seed", paramLabel = "S", description = "The day's seed (default: the date as YYYYMMDD).")
  Long seed;

  @Option(names = "--stack-sizes", defaultValue = "1-8", paramLabel = "SIZES",
      converter = RenderCommand.StackSizesConverter.class,
      description = "Stack sizes drawn uniformly (default: ${DEFAULT-VALUE}).")
  StackSizes stackSizes;

  @Option(names = "--noisedb", paramLabel = "ROOT",
      description = "Also add the day's NoiseDB partitions under ROOT/noisedb/stacks=S/dt=D (data-catalog/noisedb.yaml; "
          + "seed -(YYYYMMDD x 10 + S)).")
  String noiseDb;

  @Option(names = "--noisedb-programs", defaultValue = "2000", paramLabel = "M",
      description = "NoiseDB programs per stack size and day (default: ${DEFAULT-VALUE}, as the paper's NoiseDB).")
  long noiseDbPrograms;

  @Option(names = "--noisedb-stack-sizes", defaultValue = "1,3,5", paramLabel = "SIZES",
      converter = RenderCommand.StackSizesConverter.class,
      description = "NoiseDB's stack sizes, one render each (default: ${DEFAULT-VALUE}, as the paper's NoiseDB).")
  StackSizes noiseDbStackSizes;

  @Option(names = "--min-probability", defaultValue = "0", paramLabel = "P",
      description = "Keep a drum only if the ear gives its class at least this probability (default: "
          + "${DEFAULT-VALUE}).")
  double minProbability;

  @Option(names = "--max-kit-sounds", defaultValue = "5000", paramLabel = "K",
      description = "At most this many sounds, the most probable, go into the kits (default: ${DEFAULT-VALUE}).")
  int maxKitSounds;

  @Option(names = "--partitions", defaultValue = "0", paramLabel = "P",
      description = "Spark partitions of the renders (default: about 2000 programs each, at least one per core).")
  int partitions;

  @Option(names = "--restart", description = "Redo every stage, whatever the manifest says.")
  boolean restart;

  @Mixin
  SparkOptions spark;

  @Spec
  CommandSpec spec;

  /** YYYY-MM-DD, {@code today} or {@code yesterday}, in UTC. */
  static final class DayConverter implements picocli.CommandLine.ITypeConverter<LocalDate> {
    @Override
    public LocalDate convert(String value) {
      LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
      return switch (value) {
        case "today" -> today;
        case "yesterday" -> today.minusDays(1);
        default -> LocalDate.parse(value);
      };
    }
  }

  @Override
  public Integer call() throws Exception {
    if (programs < 1 || noiseDbPrograms < 1 || maxKitSounds < 1 || !(minProbability >= 0 && minProbability <= 1)
        || partitions < 0) {
      throw new ParameterException(spec.commandLine(), "need --programs >= 1, --noisedb-programs >= 1, "
          + "--max-kit-sounds >= 1, --min-probability in 0..1 and --partitions >= 0");
    }
    SparkSession session = spark.session("synthstack nightly " + date);
    try {
      NightlyJob.Result r = NightlyJob.run(session, new NightlyJob.Options(date, out, model, programs, seed,
          stackSizes, noiseDb, noiseDbPrograms, noiseDbStackSizes, minProbability, maxKitSounds, partitions, restart,
          spark.effectiveOptions()));
      spec.commandLine().getOut().printf("nightly %s: ran %s, skipped %s (already done); manifest %s%n", date,
          r.ran(), r.skipped(), r.manifestPath());
      return 0;
    } finally {
      session.stop();
    }
  }
}
