package org.synthstack.jobs.cli;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.synthstack.jobs.ingest.IngestJob;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Spark job: decodes labelled recordings (WAV, FLAC, Ogg Vorbis), computes their ear features as "
        + "render does, and writes OUT/features/dt=DATE/ (one row per distinct file), OUT/quarantine/dt=DATE/ "
        + "(every file set aside, with the reason) and OUT/report/dt=DATE/ingest.md (counts per label).")
final class IngestCommand implements Callable<Integer> {
  static final class Input {
    @Option(names = "--manifest", required = true, paramLabel = "M.csv",
        description = "A manifest CSV with at least path,label columns (paths relative to its folder).")
    String manifest;

    @Option(names = "--in", required = true, paramLabel = "DIR",
        description = "A folder laid out as DIR/<label>/...; audio files by extension (wav, flac, ogg, aif...).")
    String inDir;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Input input;

  @Option(names = "--out", required = true, paramLabel = "ROOT", description = "Output root (local, hdfs:// or "
      + "s3a://).")
  String out;

  @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The date partition (default: today, UTC).")
  LocalDate date;

  @Option(names = "--max-seconds", defaultValue = "2", paramLabel = "S",
      description = "Longer recordings are quarantined as TOO_LONG (default: ${DEFAULT-VALUE}, as the paper's "
          + "one-shots).")
  double maxSeconds;

  @Option(names = "--max-bytes", defaultValue = "67108864", paramLabel = "B",
      description = "Larger files are quarantined as FILE_TOO_LARGE without being read (default: ${DEFAULT-VALUE}, "
          + "64 MiB).")
  long maxBytes;

  @Option(names = "--source", paramLabel = "NAME",
      description = "With --in: the source column (default: the folder's name). A manifest names its own sources.")
  String source;

  @Mixin
  SparkOptions spark;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!(maxSeconds > 0) || Double.isInfinite(maxSeconds)) {
      throw new ParameterException(spec.commandLine(), "--max-seconds must be a positive number");
    }
    if (maxBytes < 1) {
      throw new ParameterException(spec.commandLine(), "--max-bytes must be positive");
    }
    if (source != null && input.manifest != null) {
      throw new ParameterException(spec.commandLine(), "--source goes with --in; a manifest has a source column");
    }
    LocalDate day = date != null ? date : LocalDate.now(ZoneOffset.UTC);
    SparkSession session = spark.session("synthstack ingest");
    try {
      IngestJob.Result r = IngestJob.run(session, new IngestJob.Options(input.manifest, input.inDir, source, out, day,
          maxSeconds, maxBytes));
      var w = spec.commandLine().getOut();
      w.println(r.markdown());
      w.printf("wrote %s (%d rows), %s (%d rows) and %s%n", r.features(), r.stored(), r.quarantine(), r.quarantined(),
          r.report());
      w.printf("%d files in %.1f s: %.1f files/s, %.1f files/s per core (%d cores)%n", r.inputFiles(), r.seconds(),
          r.filesPerSecond(), r.filesPerSecondPerCore(), r.cores());
      w.flush();
      return 0;
    } finally {
      session.stop();
    }
  }
}
