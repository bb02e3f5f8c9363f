package org.synthstack.jobs.search;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.synthstack.jobs.InputException;
import org.synthstack.jobs.ear.Ear;
import org.synthstack.jobs.ear.EarData;
import org.synthstack.jobs.kits.KitExporter;
import org.synthstack.jobs.kits.KitSound;
import org.synthstack.jobs.render.ProgramFeaturizer;
import org.synthstack.jobs.spark.PartitionPublisher;
import org.synthstack.jobs.spark.ProgramRows;
import org.synthstack.synth.Program;
import org.synthstack.synth.ProgramJson;
import org.synthstack.synth.RenderSettings;
import org.synthstack.synth.StackSizes;
import org.synthstack.synth.SynthRenderer;
import org.synthstack.synth.search.Candidate;
import org.synthstack.synth.search.ClassSpace;
import org.synthstack.synth.search.EliteArchive;
import org.synthstack.synth.search.Grid;
import org.synthstack.synth.search.Search;
import org.synthstack.synth.search.SearchMethod;
import org.synthstack.synth.search.SearchSettings;
import org.synthstack.synth.search.Target;
import org.synthstack.synth.search.VariationSettings;

/**
 * Guided search (issue 9): evolves synthesizer programs toward what the ear calls drums, with MAP-Elites, a GA and
 * random search at the same rendering budget, one generation at a time. Each generation is rendered, featurised
 * and classified as Spark tasks ({@link SparkEvaluator}); the next is bred on the driver ({@link Search}).
 *
 * <p>Output, each published with {@code _SUCCESS} like {@code generate}'s:
 * <ul>
 *   <li>{@code OUT/archive/dt=DATE/}: every occupied archive cell of every method, with the elite program, its
 *       fitness, descriptors, cell, the ear's verdict and, with a second ear, that ear's verdict;
 *   <li>{@code OUT/kits/dt=DATE/<label>/}: the first method's qualified elites per class, exported as
 *       {@code generate} exports kits;
 *   <li>{@code OUT/reports/dt=DATE/}: {@code report.md}, plots and {@code trajectories.parquet};
 *   <li>with a second ear, {@code OUT/rejected/dt=DATE/}: the kept elites that ear calls noise, as render rows, to
 *       add to the first ear's noise set.
 * </ul>
 * Bad input (an unknown target, an ear without the target class, a budget below one generation, a grid without
 * cells) fails with an {@link InputException} before anything is rendered or written.
 */
public final class SearchJob {
  private static final Logger LOG = LoggerFactory.getLogger(SearchJob.class);
  /** MIDI keys from {@link KitExporter#FIRST_KEY} to 127: the most sounds a kit can map. */
  public static final int MAX_KIT_SOUNDS = 128 - KitExporter.FIRST_KEY;

  public record Options(String modelDir, String checkModelDir, String target, long budget, long seed,
      LocalDate date, String out, List<SearchMethod> methods, int generationSize, List<String> descriptors,
      int[] bins, Map<String, double[]> ranges, StackSizes stackSizes, VariationSettings variation, int tournament,
      int elitism, double minProbability, int partitions, int maxKitSounds) {}

  /** The second ear's verdict on one method's kept elites of one class. */
  public record Agreement(String method, String layer, int kept, int checkedDrum, int sameLabel) {
    public double drumAgreement() {
      return kept == 0 ? Double.NaN : (double) checkedDrum / kept;
    }

    public double labelAgreement() {
      return kept == 0 ? Double.NaN : (double) sameLabel / kept;
    }
  }

  /** One method's run. */
  public record MethodRun(SearchMethod method, Search.Outcome outcome, double seconds) {}

  public record Result(List<MethodRun> runs, List<Agreement> agreement, String archive, String kits, String report,
      double seconds) {}

  /** The second ear's view of one program. */
  record Check(String label, double drumProbability, double labelProbability) {}

  private SearchJob() {}

  public static Result run(SparkSession spark, Options o) throws IOException {
    long started = System.nanoTime();
    // Everything is checked before anything is rendered or written.
    if (o.methods().isEmpty()) {
      throw new InputException("--method: name at least one of map-elites, ga, random");
    }
    if (o.maxKitSounds() < 1 || o.maxKitSounds() > MAX_KIT_SOUNDS) {
      throw new InputException("--max-kit-sounds " + o.maxKitSounds() + ": expected 1.." + MAX_KIT_SOUNDS
          + " (a kit maps its sounds to MIDI keys " + KitExporter.FIRST_KEY + "..127)");
    }
    List<String> drumNames = new ArrayList<>(EarData.MEM_CLASSES);
    drumNames.remove(EarData.NOISE);
    SearchAxes.grids(drumNames, o.descriptors(), o.bins(), o.ranges());
    if (o.budget() < o.generationSize()) {
      throw new InputException("--budget " + o.budget() + " is smaller than one generation (--generation-size "
          + o.generationSize() + ")");
    }
    Ear ear = Ear.load(spark, o.modelDir());
    ClassSpace classes = ClassSpace.of(ear.metadata().classes(), EarData.NOISE);
    Target target = target(o.target(), classes, o.modelDir());
    Map<String, Grid> grids = SearchAxes.grids(Target.drumClasses(classes), o.descriptors(), o.bins(), o.ranges());
    Grid grid = grids.values().iterator().next();
    Ear check = o.checkModelDir() == null ? null : Ear.load(spark, o.checkModelDir());
    SearchSettings base;
    try {
      base = new SearchSettings(o.methods().get(0), o.seed(), o.budget(), o.generationSize(), o.stackSizes(), target,
          classes, grids, o.variation(), o.tournament(), o.elitism(), o.minProbability());
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage(), e);
    }

    String partition = "dt=" + o.date();
    var conf = spark.sparkContext().hadoopConfiguration();
    PartitionPublisher archivePublisher = PartitionPublisher.forPartition(o.out() + "/archive", partition, conf);
    PartitionPublisher kitPublisher = PartitionPublisher.forPartition(o.out() + "/kits", partition, conf);
    PartitionPublisher reportPublisher = PartitionPublisher.forPartition(o.out() + "/reports", partition, conf);
    PartitionPublisher rejectedPublisher = check == null ? null
        : PartitionPublisher.forPartition(o.out() + "/rejected", partition, conf);
    int partitions = o.partitions() > 0 ? o.partitions() : spark.sparkContext().defaultParallelism();
    try {
      List<MethodRun> runs = new ArrayList<>();
      for (SearchMethod method : o.methods()) {
        long t0 = System.nanoTime();
        SparkEvaluator evaluator = new SparkEvaluator(spark, ear, classes, SearchAxes.sourceIndices(grid), partitions);
        Search.Outcome outcome = Search.run(base.withMethod(method), evaluator, p -> LOG.info(
            "search {}: generation {}, {} rendered, best {}, kept {}, coverage {}, QD-score {}", method.cliName(),
            p.generation(), p.rendered(), fmt(p.bestFitness()), p.kept(), fmt(p.coverage()), fmt(p.qdScore())));
        runs.add(new MethodRun(method, outcome, (System.nanoTime() - t0) / 1e9));
      }
      Map<String, Check> checks = check == null ? Map.of() : secondOpinion(spark, check, runs, partitions);
      List<Agreement> agreement = check == null ? List.of() : agreement(runs, checks);
      writeArchive(spark, archivePublisher.staging().toString(), o, runs, checks);
      if (rejectedPublisher != null) {
        writeRejected(spark, rejectedPublisher.staging().toString(), o, runs, checks);
      }
      exportKits(spark, kitPublisher.staging(), o, runs.get(0));
      SearchReport.write(spark, reportPublisher.staging().toString(), o, ear, check, runs, agreement);
      archivePublisher.publish();
      kitPublisher.publish();
      reportPublisher.publish();
      if (rejectedPublisher != null) {
        rejectedPublisher.publish();
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      return new Result(runs, agreement, archivePublisher.target().toString(), kitPublisher.target().toString(),
          reportPublisher.target().toString(), seconds);
    } catch (IOException | RuntimeException e) {
      archivePublisher.abandon();
      kitPublisher.abandon();
      reportPublisher.abandon();
      if (rejectedPublisher != null) {
        rejectedPublisher.abandon();
      }
      throw e;
    }
  }

  /** The target among the ear's classes, telling an unknown label from one this ear lacks. */
  static Target target(String name, ClassSpace classes, String modelDir) {
    List<String> known = new ArrayList<>(EarData.MEM_CLASSES);
    known.remove(EarData.NOISE);
    if (!Target.ANY.equals(name) && !known.contains(name) && classes.indexOf(name) < 0) {
      throw new InputException("--target '" + name + "': unknown label; expected one of " + known + " or "
          + Target.ANY);
    }
    if (!Target.ANY.equals(name) && (classes.indexOf(name) < 0 || classes.indexOf(name) == classes.noise())) {
      throw new InputException("--target '" + name + "': the ear " + modelDir + " has no such drum class (its "
          + "classes are " + classes.names() + ")");
    }
    if (Target.ANY.equals(name) && classes.size() < 2) {
      throw new InputException("--target any: the ear " + modelDir + " has no drum class");
    }
    return Target.parse(name, classes);
  }

  /** The second ear's verdict on every qualified elite of every method, keyed by program id. */
  private static Map<String, Check> secondOpinion(SparkSession spark, Ear check, List<MethodRun> runs,
      int partitions) {
    Map<String, Program> programs = new LinkedHashMap<>();
    for (MethodRun run : runs) {
      for (EliteArchive.Elite e : run.outcome().archive().qualified()) {
        programs.putIfAbsent(e.evaluation().candidate().id(), e.evaluation().candidate().program());
      }
    }
    List<Candidate> batch = new ArrayList<>();
    List<String> ids = new ArrayList<>(programs.keySet());
    for (int i = 0; i < ids.size(); i++) {
      batch.add(new Candidate(i, ids.get(i), 0, programs.get(ids.get(i))));
    }
    Map<String, Check> out = new LinkedHashMap<>();
    if (batch.isEmpty()) {
      return out;
    }
    List<String> classes = check.metadata().classes();
    int noise = classes.indexOf(EarData.NOISE);
    SparkEvaluator evaluator = new SparkEvaluator(spark, check, ClassSpace.of(classes, EarData.NOISE), new int[0],
        partitions);
    Map<Long, Row> judged = evaluator.judge(batch);
    for (Candidate c : batch) {
      Row r = judged.get(c.index());
      List<Double> p = r.getList(1);
      String label = r.getString(2);
      out.put(c.id(), new Check(label, 1 - p.get(noise), p.get(classes.indexOf(label))));
    }
    return out;
  }

  private static List<Agreement> agreement(List<MethodRun> runs, Map<String, Check> checks) {
    List<Agreement> out = new ArrayList<>();
    for (MethodRun run : runs) {
      EliteArchive archive = run.outcome().archive();
      for (int layer = 0; layer < archive.layers(); layer++) {
        int kept = 0;
        int drum = 0;
        int same = 0;
        for (EliteArchive.Elite e : archive.qualified()) {
          if (e.layer() != layer) {
            continue;
          }
          Check c = checks.get(e.evaluation().candidate().id());
          kept++;
          drum += EarData.NOISE.equals(c.label()) ? 0 : 1;
          same += archive.layerName(layer).equals(c.label()) ? 1 : 0;
        }
        out.add(new Agreement(run.method().cliName(), archive.layerName(layer), kept, drum, same));
      }
    }
    return out;
  }

  /** The archive table's schema for {@code grid}. */
  static StructType archiveSchema(Grid grid) {
    StructType s = new StructType()
        .add("method", DataTypes.StringType, false)
        .add("target", DataTypes.StringType, false)
        .add("layer", DataTypes.StringType, false)
        .add("cell", DataTypes.IntegerType, false);
    for (var axis : grid.axes()) {
      s = s.add(axis.name() + "_bin", DataTypes.IntegerType, false);
    }
    for (var axis : grid.axes()) {
      s = s.add(axis.name(), DataTypes.DoubleType, true);
    }
    return s.add("qualified", DataTypes.BooleanType, false)
        .add("fitness", DataTypes.DoubleType, false)
        .add("program_id", DataTypes.StringType, false)
        .add("generation", DataTypes.IntegerType, false)
        .add("evaluation", DataTypes.LongType, false)
        .add("ear_label", DataTypes.StringType, false)
        .add("drum_probability", DataTypes.DoubleType, false)
        .add("class_probabilities", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
        .add("stack_size", DataTypes.IntegerType, false)
        .add("program", ProgramRows.PROGRAM, false)
        .add("program_json", DataTypes.StringType, false)
        .add("check_label", DataTypes.StringType, true)
        .add("check_drum_probability", DataTypes.DoubleType, true);
  }

  private static void writeArchive(SparkSession spark, String dir, Options o, List<MethodRun> runs,
      Map<String, Check> checks) {
    List<Row> rows = new ArrayList<>();
    Grid grid = runs.get(0).outcome().archive().grid(0);
    for (MethodRun run : runs) {
      EliteArchive archive = run.outcome().archive();
      ClassSpace classes = run.outcome().settings().classes();
      for (EliteArchive.Elite e : archive.occupied()) {
        Candidate c = e.evaluation().candidate();
        List<Object> values = new ArrayList<>();
        values.add(run.method().cliName());
        values.add(o.target());
        values.add(archive.layerName(e.layer()));
        values.add(e.cell());
        for (int b : archive.grid(e.layer()).coordinates(e.cell())) {
          values.add(b);
        }
        for (double d : e.evaluation().descriptors()) {
          values.add(Double.isNaN(d) ? null : d);
        }
        values.add(e.qualified());
        values.add(e.fitness());
        values.add(c.id());
        values.add(c.generation());
        values.add(c.index());
        values.add(classes.name(e.evaluation().label()));
        values.add(1 - e.evaluation().probabilities()[classes.noise()]);
        values.add(e.evaluation().probabilities());
        values.add(c.program().stackSize());
        values.add(ProgramRows.programStruct(c.program()));
        values.add(ProgramJson.toJson(c.program()));
        Check check = checks.get(c.id());
        values.add(check == null ? null : check.label());
        values.add(check == null ? null : check.drumProbability());
        rows.add(RowFactory.create(values.toArray()));
      }
    }
    spark.createDataFrame(rows, archiveSchema(grid)).coalesce(1).write().parquet(dir);
  }

  /**
   * The kept elites the second ear calls noise, rendered with their features in the {@code render} job's schema
   * ({@link ProgramRows#SCHEMA}), so that {@code train-ear --noise NOISEDB,OUT/rejected/dt=DATE} can learn from the
   * first ear's blind spot (adversarial refinement). At most a few hundred programs: rendered on the driver.
   */
  private static void writeRejected(SparkSession spark, String dir, Options o, List<MethodRun> runs,
      Map<String, Check> checks) {
    Map<String, Candidate> rejected = new LinkedHashMap<>();
    for (MethodRun run : runs) {
      for (EliteArchive.Elite e : run.outcome().archive().qualified()) {
        Candidate c = e.evaluation().candidate();
        Check check = checks.get(c.id());
        if (check != null && EarData.NOISE.equals(check.label())) {
          rejected.putIfAbsent(c.id(), c);
        }
      }
    }
    List<Candidate> candidates = new ArrayList<>(rejected.values());
    List<Row> rows = new ArrayList<>();
    ProgramFeaturizer featurizer = new ProgramFeaturizer(RenderSettings.DEFAULT);
    for (int from = 0; from < candidates.size(); from += ProgramFeaturizer.BATCH) {
      List<Candidate> batch = candidates.subList(from, Math.min(candidates.size(), from + ProgramFeaturizer.BATCH));
      List<Program> programs = new ArrayList<>();
      long[] positions = new long[batch.size()];
      for (int i = 0; i < batch.size(); i++) {
        programs.add(batch.get(i).program());
        positions[i] = i;
      }
      featurizer.process(programs, positions, r -> {
        Candidate c = batch.get((int) r.index());
        rows.add(RowFactory.create(c.id(), o.seed(), c.index(), c.program().stackSize(),
            ProgramRows.programStruct(c.program()), ProgramJson.toJson(c.program()), r.features().envelope(),
            r.features().frequency(), r.features().spectrum(), r.stats().peak(), r.stats().rms(),
            r.stats().silent()));
      });
    }
    spark.createDataFrame(rows, ProgramRows.SCHEMA).coalesce(1).write().parquet(dir);
  }

  /** The first method's qualified elites, best first, one kit per class, re-rendered bit-identically. */
  private static void exportKits(SparkSession spark, Path staging, Options o, MethodRun run) throws IOException {
    EliteArchive archive = run.outcome().archive();
    FileSystem fs = staging.getFileSystem(spark.sparkContext().hadoopConfiguration());
    fs.mkdirs(staging);
    SynthRenderer renderer = new SynthRenderer(RenderSettings.DEFAULT);
    for (int layer = 0; layer < archive.layers(); layer++) {
      List<EliteArchive.Elite> elites = new ArrayList<>();
      for (EliteArchive.Elite e : archive.qualified()) {
        if (e.layer() == layer) {
          elites.add(e);
        }
      }
      if (elites.isEmpty()) {
        continue;
      }
      elites.sort((a, b) -> a.fitness() != b.fitness() ? Double.compare(b.fitness(), a.fitness())
          : a.evaluation().candidate().id().compareTo(b.evaluation().candidate().id()));
      List<KitSound> sounds = new ArrayList<>();
      for (EliteArchive.Elite e : elites.subList(0, Math.min(o.maxKitSounds(), elites.size()))) {
        Program program = e.evaluation().candidate().program();
        sounds.add(new KitSound(e.evaluation().candidate().id(), e.fitness(), program, renderer.render(program)));
      }
      String label = archive.layerName(layer);
      KitExporter.export(fs, new Path(staging, label), "synthstack search " + label + " " + o.date(), label, sounds);
    }
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
