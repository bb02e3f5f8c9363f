package org.synthstack.jobs.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.synthstack.jobs.InputException;
import org.synthstack.jobs.ear.EarData;
import org.synthstack.jobs.ear.EarModels;
import org.synthstack.jobs.ear.TrainEarJob;
import org.synthstack.jobs.generate.GenerateJob;
import org.synthstack.jobs.ingest.IngestJob;
import org.synthstack.jobs.render.RenderJob;
import org.synthstack.synth.RenderSettings;
import org.synthstack.synth.StackSizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The newcomer's end-to-end run: debian-drums (built if missing), ingest, NoiseDB, train-ear, generate. Every step
 * is the same job the single commands run, in one embedded Spark session; a step whose complete output is already
 * there (its {@code _SUCCESS}) is skipped, so an interrupted demo resumes where it stopped.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "End to end on the embedded Spark: builds debian-drums if missing, ingests it, renders NoiseDB, "
        + "trains the ear (quick ensembles) and generates a small kit. Prints where the report and the kit are.")
final class DemoCommand implements Callable<Integer> {
  private static final int NOISE_PROGRAMS_PER_STACK = 2000;
  private static final int[] NOISE_STACKS = {1, 3, 5};

  @Option(names = "--out", defaultValue = "out/demo", paramLabel = "ROOT",
      description = "Where everything goes (default: ${DEFAULT-VALUE}).")
  String out;

  @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Date partition of every output (default: today).")
  LocalDate date;

  @Option(names = "--seed", defaultValue = "7", paramLabel = "S",
      description = "Seed of the ear's folds and of the generated programs (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--programs", defaultValue = "2000", paramLabel = "N",
      description = "Programs generate renders and classifies (default: ${DEFAULT-VALUE}).")
  long programs;

  @Option(names = "--manifest", paramLabel = "M.csv",
      description = "A debian-drums manifest (default: data-catalog/.build/debian-drums/manifest.csv, built with "
          + "data-catalog/debian-drums/build.sh if missing).")
  String manifest;

  @Option(names = "--full", description = "Train the ear with the full ensembles and 10 folds (tens of minutes).")
  boolean full;

  @Option(names = "--fresh", description = "Redo every step even if its output is already complete.")
  boolean fresh;

  @Mixin
  SparkOptions spark;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (programs < 1) {
      throw new ParameterException(spec.commandLine(), "--programs must be at least 1");
    }
    PrintWriter progress = spec.commandLine().getOut();
    LocalDate day = date != null ? date : LocalDate.now();
    String manifestPath = manifest != null ? manifest : ensureDebianDrums(progress);
    String drums = out + "/drums";
    String noise = out + "/noisedb";
    String model = out + "/ear";
    String report = out + "/ear-report";
    SparkSession session = spark.session("synthstack demo");
    try {
      // 2. Real drum recordings: decode, features, quarantine.
      if (needed(drums + "/features/dt=" + day)) {
        progress.printf("[2/5] ingest %s ...%n", manifestPath);
        progress.flush();
        IngestJob.Result r = IngestJob.run(session, new IngestJob.Options(manifestPath, null, null, drums, day, 2.0,
            64L << 20));
        progress.printf("      stored %d recordings, quarantined %d (%s) in %.0f s%n", r.stored(), r.quarantined(),
            r.byReason(), r.seconds());
      } else {
        progress.printf("[2/5] ingest: %s/features/dt=%s is complete, skipped%n", drums, day);
      }
      // 3. NoiseDB: the synthesizer's own non-drums, stacks 1, 3 and 5.
      for (int stacks : NOISE_STACKS) {
        String root = noise + "/stacks=" + stacks;
        if (needed(root + "/dt=" + day)) {
          progress.printf("[3/5] NoiseDB: %d programs of %d submodule(s) ...%n", NOISE_PROGRAMS_PER_STACK, stacks);
          progress.flush();
          RenderJob.run(session, new RenderJob.Options(NOISE_PROGRAMS_PER_STACK, 1000 + stacks, day, root,
              StackSizes.parse(Integer.toString(stacks)), false, 0, RenderSettings.DEFAULT));
        } else {
          progress.printf("[3/5] NoiseDB: %s/dt=%s is complete, skipped%n", root, day);
        }
      }
      // 4. The ear: cross-validated comparison, report, best model saved.
      if (needed(model)) {
        progress.printf("[4/5] train-ear (%s) ...%n", full ? "full ensembles, 10 folds" : "quick ensembles, 5 folds");
        progress.flush();
        TrainEarJob.Result r = TrainEarJob.run(session, new TrainEarJob.Options(List.of(drums + "/features"),
            List.of(noise), model, report, full ? 10 : 5, 5, seed, EarData.Weighting.ORIGINAL,
            full ? List.of() : List.of("ExtraTrees", "RandomForest", "LogisticRegression"),
            full ? EarModels.Size.FULL : EarModels.Size.QUICK, null, 1000));
        progress.printf("      best model %s, macro-F1 %s%n", r.bestModel(), meanOf(r.macroF1ByModel().get(r.bestModel())));
      } else {
        progress.printf("[4/5] train-ear: %s is complete, skipped%n", model);
      }
      // 5. New drums: render, classify, keep, export kits.
      progress.printf("[5/5] generate %d programs ...%n", programs);
      progress.flush();
      GenerateJob.Result g = GenerateJob.run(session, new GenerateJob.Options(programs, seed, day, model,
          out + "/generated", 0, StackSizes.parse("1-8"), 0, 200));
      progress.printf("      kept %d of %d programs %s%n", g.kept(), g.rendered(), g.keptByLabel());
      progress.printf("%nThe ear's report: %s/report.md%nThe kits:         %s%nGenerate report:  %s%n", report,
          g.kits(), g.report());
      return 0;
    } finally {
      session.stop();
    }
  }

  private boolean needed(String dir) {
    return fresh || !new File(dir, "_SUCCESS").isFile();
  }

  private static String meanOf(double[] scores) {
    if (scores == null || scores.length == 0) {
      return "n/a";
    }
    double sum = 0;
    for (double s : scores) {
      sum += s;
    }
    return String.format("%.3f", sum / scores.length);
  }

  /** Step 1: the debian-drums manifest, built by the catalog's script (apt-get download + dpkg -x) if missing. */
  private String ensureDebianDrums(PrintWriter progress) throws IOException, InterruptedException {
    Path home = Path.of(System.getProperty("synthstack.home", "."));
    Path manifestFile = home.resolve("data-catalog/.build/debian-drums/manifest.csv");
    if (Files.isRegularFile(manifestFile) && !fresh) {
      progress.printf("[1/5] debian-drums: %s is there, skipped%n", manifestFile);
      return manifestFile.toString();
    }
    Path script = home.resolve("data-catalog/debian-drums/build.sh");
    if (!Files.isRegularFile(script)) {
      throw new InputException("demo: no debian-drums manifest at " + manifestFile + " and no builder at " + script
          + "; run from a synthstack checkout or pass --manifest M.csv");
    }
    progress.printf("[1/5] debian-drums: building with %s (downloads four Debian packages) ...%n", script);
    progress.flush();
    Process build = new ProcessBuilder("bash", script.toString()).inheritIO().start();
    int exit = build.waitFor();
    if (exit != 0 || !Files.isRegularFile(manifestFile)) {
      throw new InputException("demo: " + script + " failed with exit code " + exit + "; see its messages above");
    }
    return manifestFile.toString();
  }
}
