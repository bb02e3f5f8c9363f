package org.synthstack.jobs.cli;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.synthstack.jobs.embed.EmbedJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "embed", mixinStandardHelpOptions = true,
    description = "Spark job: adds the autoencoder's latent vector (column 'embedding') to ear feature tables, "
        + "written as a new partition OUT/dt=DATE; the input is never modified.")
final class EmbedCommand implements Callable<Integer> {
  @Option(names = "--in", required = true, split = ",", paramLabel = "ROOT",
      description = "Feature tables (ingest or render output); repeatable or comma-separated.")
  List<String> in = new ArrayList<>();

  @Option(names = "--autoencoder", required = true, paramLabel = "DIR",
      description = "A model saved by tune-autoencoder.")
  String autoencoder;

  @Option(names = "--out", required = true, paramLabel = "ROOT", description = "Output dataset root.")
  String out;

  @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Output partition date (default: today, UTC).")
  LocalDate date;

  @Mixin
  SparkOptions spark;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    LocalDate day = date != null ? date : LocalDate.now(ZoneOffset.UTC);
    SparkSession session = spark.session("synthstack embed");
    try {
      EmbedJob.Result r = EmbedJob.run(session, new EmbedJob.Options(in, autoencoder, out, day));
      spec.commandLine().getOut().printf("embedded %d rows (latent %d) into %s in %.1f s%n", r.rows(), r.latent(),
          r.partition(), r.seconds());
      return 0;
    } finally {
      session.stop();
    }
  }
}
