package org.synthstack.jobs.cli;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.synthstack.jobs.search.SearchAxes;
import org.synthstack.jobs.search.SearchJob;
import org.synthstack.synth.StackSizes;
import org.synthstack.synth.search.SearchMethod;
import org.synthstack.synth.search.TrajectoryPoint;
import org.synthstack.synth.search.VariationSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "search", mixinStandardHelpOptions = true,
    description = "Spark job: evolves synthesizer programs toward the ear's drums (MAP-Elites, GA) and compares them "
        + "with random search at the same rendering budget; writes the archive (Parquet), kits of the first method's "
        + "archive (WAV + program JSON, Hydrogen, SFZ) and a report.")
final class SearchCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "DIR", description = "The ear (train-ear's output).")
  String model;

  @Option(names = "--target", required = true, paramLabel = "LABEL",
      description = "kick, snare, clap, hat, or any (fitness 1 - P(synth_noise), with an archive layer per class).")
  String target;

  @Option(names = "--budget", required = true, paramLabel = "N",
      description = "Programs each method renders in total.")
  long budget;

  @Option(names = "--seed", required = true, paramLabel = "S", description = "Run seed.")
  long seed;

  @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "The date partition.")
  LocalDate date;

  @Option(names = "--out", required = true, paramLabel = "ROOT", description = "Output root.")
  String out;

  @Option(names = "--method", split = ",", paramLabel = "M", defaultValue = "map-elites,ga,random",
      description = "Methods to run, each with the whole budget: map-elites, ga, random; the first one's archive "
          + "becomes the kits (default: ${DEFAULT-VALUE}).")
  List<String> methods = new ArrayList<>();

  @Option(names = "--generation-size", defaultValue = "200", paramLabel = "B",
      description = "Programs rendered per generation: the GA's population, MAP-Elites' batch (default: "
          + "${DEFAULT-VALUE}).")
  int generationSize;

  @Option(names = "--grid", defaultValue = "8x8", paramLabel = "NxM",
      description = "Bins per descriptor (default: ${DEFAULT-VALUE}).")
  String grid;

  @Option(names = "--descriptors", split = ",", defaultValue = "centroid,decay", paramLabel = "D1,D2",
      description = "The archive's two behaviour descriptors, of centroid (Hz), decay (s), noisiness (default: "
          + "${DEFAULT-VALUE}).")
  List<String> descriptors = new ArrayList<>();

  @Option(names = "--range", paramLabel = "NAME=LO:HI",
      description = "Override a descriptor's range, e.g. centroid=60:12000; repeatable.")
  Map<String, String> ranges = new LinkedHashMap<>();

  @Option(names = "--check-model", paramLabel = "DIR",
      description = "A second, independently trained ear that checks the kept sounds.")
  String checkModel;

  @Option(names = "--min-probability", defaultValue = "0", paramLabel = "P",
      description = "Keep a drum only if the ear gives its class at least this probability (default: "
          + "${DEFAULT-VALUE}, as generate).")
  double minProbability;

  @Option(names = "--stack-sizes", defaultValue = "1-8", paramLabel = "SIZES",
      converter = RenderCommand.StackSizesConverter.class,
      description = "Stack sizes of random programs (default: ${DEFAULT-VALUE}).")
  StackSizes stackSizes;

  @Option(names = "--max-stack", defaultValue = "8", paramLabel = "K",
      description = "Variation never grows a program beyond K submodules (default: ${DEFAULT-VALUE}).")
  int maxStack;

  @Option(names = "--sigma", defaultValue = "0.1", paramLabel = "S",
      description = "Mutation step as a fraction of each parameter's range (default: ${DEFAULT-VALUE}).")
  double sigma;

  @Option(names = "--crossover", defaultValue = "0.3", paramLabel = "P",
      description = "Probability that a child recombines two parents (default: ${DEFAULT-VALUE}).")
  double crossover;

  @Option(names = "--tournament", defaultValue = "3", paramLabel = "K",
      description = "GA tournament size (default: ${DEFAULT-VALUE}).")
  int tournament;

  @Option(names = "--elitism", defaultValue = "10", paramLabel = "E",
      description = "GA: the best E of a population compete with the children (default: ${DEFAULT-VALUE}).")
  int elitism;

  @Option(names = "--partitions", defaultValue = "0", paramLabel = "P",
      description = "Spark tasks per generation (default: one per core).")
  int partitions;

  @Option(names = "--max-kit-sounds", defaultValue = "92", paramLabel = "K",
      description = "At most this many sounds per kit, the fittest (default and maximum: ${DEFAULT-VALUE}, MIDI keys "
          + "36..127).")
  int maxKitSounds;

  @Mixin
  SparkOptions spark;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    List<SearchMethod> parsedMethods = new ArrayList<>();
    for (String m : methods) {
      try {
        SearchMethod method = SearchMethod.parse(m.trim());
        if (parsedMethods.contains(method)) {
          throw usage("--method " + m + " is listed twice");
        }
        parsedMethods.add(method);
      } catch (IllegalArgumentException e) {
        throw usage("--method: " + e.getMessage());
      }
    }
    if (parsedMethods.isEmpty()) {
      throw usage("--method: name at least one of map-elites, ga, random");
    }
    int[] bins = parseGrid();
    if (descriptors.size() != 2) {
      throw usage("--descriptors: expected two of " + SearchAxes.names() + ", got " + descriptors);
    }
    if (generationSize < 1) {
      throw usage("--generation-size must be at least 1");
    }
    if (budget < generationSize) {
      throw usage("--budget " + budget + " is smaller than one generation (--generation-size " + generationSize + ")");
    }
    if (!(minProbability >= 0 && minProbability <= 1) || partitions < 0 || tournament < 1 || elitism < 0
        || elitism > generationSize || maxKitSounds < 1 || maxKitSounds > SearchJob.MAX_KIT_SOUNDS) {
      throw usage("need --min-probability in 0..1, --partitions >= 0, --tournament >= 1, 0 <= --elitism <= "
          + "--generation-size and --max-kit-sounds in 1.." + SearchJob.MAX_KIT_SOUNDS);
    }
    VariationSettings variation;
    try {
      variation = new VariationSettings(sigma, 2.0, 0.1, 0.1, crossover, maxStack);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
    Map<String, double[]> parsedRanges = parseRanges();
    SparkSession session = spark.session("synthstack search");
    try {
      SearchJob.Result r = SearchJob.run(session, new SearchJob.Options(model, checkModel, target, budget, seed, date,
          out, parsedMethods, generationSize, descriptors, bins, parsedRanges, stackSizes, variation, tournament,
          elitism, minProbability, partitions, maxKitSounds));
      for (SearchJob.MethodRun run : r.runs()) {
        TrajectoryPoint p = run.outcome().last();
        spec.commandLine().getOut().printf(Locale.ROOT,
            "%s: kept %d of %d rendered (%.2f per 1000), coverage %.0f%%, QD-score %.2f, best %.3f%n",
            run.method().cliName(), p.kept(), p.rendered(), 1000.0 * p.kept() / p.rendered(), 100 * p.coverage(),
            p.qdScore(), p.bestFitness());
      }
      spec.commandLine().getOut().printf("archive in %s; kits in %s; report in %s%n", r.archive(), r.kits(),
          r.report());
      return 0;
    } finally {
      session.stop();
    }
  }

  private int[] parseGrid() {
    String[] parts = grid.trim().toLowerCase(Locale.ROOT).split("x");
    int[] bins = new int[parts.length];
    try {
      for (int i = 0; i < parts.length; i++) {
        bins[i] = Integer.parseInt(parts[i].trim());
      }
    } catch (NumberFormatException e) {
      throw usage("--grid " + grid + ": expected bins per descriptor like 8x8");
    }
    long cells = 1;
    for (int b : bins) {
      cells *= Math.max(b, 0);
    }
    if (bins.length != 2 || cells < 1) {
      throw usage("--grid " + grid + ": a grid needs two axes with at least one bin each (it has " + cells
          + " cells)");
    }
    return bins;
  }

  private Map<String, double[]> parseRanges() {
    Map<String, double[]> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : ranges.entrySet()) {
      String[] lohi = e.getValue().split(":");
      try {
        if (lohi.length != 2) {
          throw new NumberFormatException();
        }
        out.put(e.getKey(), new double[] {Double.parseDouble(lohi[0]), Double.parseDouble(lohi[1])});
      } catch (NumberFormatException x) {
        throw usage("--range " + e.getKey() + "=" + e.getValue() + ": expected NAME=LO:HI");
      }
    }
    return out;
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
