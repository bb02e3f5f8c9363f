package org.synthstack.jobs.nightly;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.synthstack.jobs.BuildInfo;
import org.synthstack.jobs.ear.Ear;
import org.synthstack.jobs.generate.GenerateJob;
import org.synthstack.jobs.render.RenderJob;
import org.synthstack.jobs.spark.CompleteDatasets;
import org.synthstack.jobs.spark.PartitionPublisher;
import org.synthstack.synth.RenderSettings;
import org.synthstack.synth.StackSizes;

/**
 * The nightly dataset generation for one date, in stages that each write their own date partition and can be
 * rerun:
 * <ol>
 *   <li>{@code render}: programs 0..N-1 of the day's seed with their features, to {@code OUT/synth_programs/dt=D};
 *   <li>{@code noisedb} (only with a NoiseDB root): more random programs for the next ear's noise class, laid out
 *       as data-catalog/noisedb.yaml says: for each stack size S (1, 3, 5), N programs of S submodules in
 *       {@code NOISEDB/noisedb/stacks=S/dt=D};
 *   <li>{@code classify}: the ear classifies the day's render; the drums go to {@code OUT/programs/dt=D}, the report
 *       to {@code OUT/reports/dt=D};
 *   <li>{@code kits}: the kept programs become kits in {@code OUT/kits/dt=D/<label>/}.
 * </ol>
 * The day's seed is the date written as a number, {@code YYYYMMDD} (2026-01-31 gives 20260131), so program {@code i}
 * of a day is always the same program; NoiseDB's stack size S uses seed -(YYYYMMDD x 10 + S), streams no day's
 * render uses.
 *
 * <p>Progress is kept in a manifest ({@link NightlyManifest}, {@code OUT/manifests/dt=D/manifest.json}), written
 * after every stage. A rerun for the same date resumes after the last completed stage: a stage is skipped when the
 * manifest says it is done, its outputs still carry {@code _SUCCESS}, and the data-affecting configuration (and the
 * ear) is unchanged; once one stage runs, every later stage runs too, since it reads that stage's output. A changed
 * configuration, or {@code restart}, redoes every stage. Every stage replaces its partitions through
 * {@link PartitionPublisher}, with the same rows for the same configuration, so a resumed run ends with the same data
 * as an uninterrupted one.
 */
public final class NightlyJob {
  private static final Logger LOG = LoggerFactory.getLogger(NightlyJob.class);

  public static final String RENDER = "render";
  public static final String NOISEDB = "noisedb";
  public static final String CLASSIFY = "classify";
  public static final String KITS = "kits";
  /** Sub-directory of the output root holding the day's rendered programs. */
  public static final String SYNTH_PROGRAMS = "synth_programs";
  public static final String MANIFESTS = "manifests";

  /**
   * @param seed the day's seed, or null for {@link #seedFor(LocalDate)}
   * @param noiseDb NoiseDB's root, or null to leave NoiseDB alone
   * @param options the command's effective options (secrets redacted), recorded in the manifest
   */
  public record Options(LocalDate date, String out, String modelDir, long programs, Long seed, StackSizes stackSizes,
      String noiseDb, long noiseDbPrograms, StackSizes noiseDbStackSizes, double minProbability, int maxKitSounds,
      int partitions, boolean restart, Map<String, String> options) {
    public long daySeed() {
      return seed != null ? seed : seedFor(date);
    }
  }

  public record Result(List<String> ran, List<String> skipped, NightlyManifest manifest, String manifestPath) {}

  private NightlyJob() {}

  /** The day's seed: the date as the number YYYYMMDD. */
  public static long seedFor(LocalDate date) {
    return date.getYear() * 10_000L + date.getMonthValue() * 100L + date.getDayOfMonth();
  }

  /**
   * The seed of the day's NoiseDB programs of stack size {@code stacks}: minus (day seed x 10 + stacks), so
   * 2026-01-31 renders stack size 3 from seed -202601313, a stream no day's render uses.
   */
  public static long noiseDbSeedFor(long daySeed, int stacks) {
    return -(daySeed * 10 + stacks);
  }

  /** Where NoiseDB keeps stack size {@code stacks}: {@code ROOT/noisedb/stacks=S} (render adds {@code dt=D}). */
  public static String noiseDbRoot(String root, int stacks) {
    return root + "/noisedb/stacks=" + stacks;
  }

  public static Path manifestPath(String out, LocalDate date) {
    return new Path(out + "/" + MANIFESTS + "/dt=" + date + "/manifest.json");
  }

  public static Result run(SparkSession spark, Options o) throws IOException {
    var conf = spark.sparkContext().hadoopConfiguration();
    Path manifestPath = manifestPath(o.out(), o.date());
    FileSystem fs = manifestPath.getFileSystem(conf);
    // The ear is checked before anything runs; its metadata's checksum is part of the configuration.
    Ear.load(spark, o.modelDir());
    Map<String, Object> config = dataConfig(o, earChecksum(spark, o.modelDir()));
    String configSha = NightlyManifest.sha256(config);

    NightlyManifest manifest = NightlyManifest.read(fs, manifestPath);
    if (manifest != null && o.restart()) {
      LOG.info("nightly {}: --restart: redoing every stage", o.date());
      manifest = null;
    } else if (manifest != null && !configSha.equals(manifest.configSha256)) {
      LOG.info("nightly {}: the configuration differs from the manifest's ({} vs {}): redoing every stage",
          o.date(), configSha.substring(0, 12), String.valueOf(manifest.configSha256).substring(0, 12));
      manifest = null;
    }
    if (manifest == null) {
      manifest = new NightlyManifest();
      manifest.date = o.date().toString();
      manifest.started = Instant.now().toString();
      manifest.config = config;
      manifest.configSha256 = configSha;
    }
    manifest.attempts++;
    manifest.status = "running";
    manifest.options = new TreeMap<>(o.options());
    BuildInfo build = BuildInfo.current();
    manifest.build = new NightlyManifest.Build();
    manifest.build.version = build.version();
    manifest.build.gitCommit = build.gitCommit();
    manifest.build.dirty = build.dirty();

    List<String> stages = new ArrayList<>(List.of(RENDER));
    if (o.noiseDb() != null) {
      stages.add(NOISEDB);
    }
    stages.add(CLASSIFY);
    stages.add(KITS);

    List<String> ran = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    boolean redo = false;
    for (int i = 0; i < stages.size(); i++) {
      String name = stages.get(i);
      NightlyManifest.Stage done = manifest.stage(name);
      if (!redo && done != null && "done".equals(done.status) && complete(fs, done.outputs)) {
        LOG.info("nightly {}: stage {} ({}/{}) already done at {} by {}: {}; skipping", o.date(), name, i + 1,
            stages.size(), done.finished, shortSha(done.gitCommit), done.counts);
        skipped.add(name);
        continue;
      }
      redo = true;
      NightlyManifest.Stage stage = new NightlyManifest.Stage();
      stage.name = name;
      stage.status = "running";
      stage.gitCommit = build.gitCommit();
      stage.started = Instant.now().toString();
      manifest.put(stage);
      write(manifest, fs, manifestPath);
      LOG.info("nightly {}: stage {} ({}/{}) starting", o.date(), name, i + 1, stages.size());
      long t0 = System.nanoTime();
      try {
        runStage(spark, o, name, stage);
      } catch (Exception e) { // Spark's exceptions are checked but undeclared
        stage.status = "failed";
        stage.error = PartitionPublisher.rootCause(e);
        manifest.status = "failed";
        try {
          write(manifest, fs, manifestPath);
        } catch (IOException | RuntimeException writeFailure) {
          e.addSuppressed(writeFailure);
        }
        if (e instanceof IOException io) {
          throw io;
        }
        if (e instanceof RuntimeException re) {
          throw re;
        }
        throw new IOException("nightly " + o.date() + ": stage " + name + " failed: " + stage.error, e);
      }
      stage.seconds = Math.round((System.nanoTime() - t0) / 1e7) / 100.0;
      stage.finished = Instant.now().toString();
      stage.status = "done";
      write(manifest, fs, manifestPath);
      LOG.info("nightly {}: stage {} ({}/{}) done in {} s: {}", o.date(), name, i + 1, stages.size(),
          String.format(Locale.ROOT, "%.1f", stage.seconds), stage.counts);
      ran.add(name);
    }
    manifest.status = "complete";
    write(manifest, fs, manifestPath);
    return new Result(ran, skipped, manifest, manifestPath.toString());
  }

  private static void runStage(SparkSession spark, Options o, String name, NightlyManifest.Stage stage)
      throws IOException {
    GenerateJob.Options generate = new GenerateJob.Options(o.programs(), o.daySeed(), o.date(), o.modelDir(), o.out(),
        o.minProbability(), o.stackSizes(), o.partitions(), o.maxKitSounds());
    String partition = "/dt=" + o.date();
    switch (name) {
      case RENDER -> {
        RenderJob.Result r = RenderJob.run(spark, new RenderJob.Options(o.programs(), o.daySeed(), o.date(),
            o.out() + "/" + SYNTH_PROGRAMS, o.stackSizes(), false, o.partitions(), RenderSettings.DEFAULT));
        stage.outputs.add(r.partition());
        stage.counts.put("programs", r.rows());
        stage.counts.put("silent", r.silent());
      }
      case NOISEDB -> {
        // As data-catalog/noisedb.yaml lays NoiseDB out: one render per stack size, exactly N programs each.
        Map<String, Long> programs = new TreeMap<>();
        long silent = 0;
        for (int stacks : o.noiseDbStackSizes().values()) {
          RenderJob.Result r = RenderJob.run(spark, new RenderJob.Options(o.noiseDbPrograms(),
              noiseDbSeedFor(o.daySeed(), stacks), o.date(), noiseDbRoot(o.noiseDb(), stacks),
              StackSizes.of(stacks), false, o.partitions(), RenderSettings.DEFAULT));
          stage.outputs.add(r.partition());
          programs.put("stacks=" + stacks, r.rows());
          silent += r.silent();
        }
        stage.counts.put("programs", programs);
        stage.counts.put("silent", silent);
      }
      case CLASSIFY -> {
        var rendered = CompleteDatasets.parquet(spark, "the day's render",
            List.of(o.out() + "/" + SYNTH_PROGRAMS + partition));
        GenerateJob.Classification c = GenerateJob.classifyAndPublish(spark, generate, rendered);
        stage.outputs.add(o.out() + "/" + GenerateJob.PROGRAMS + partition);
        stage.outputs.add(o.out() + "/" + GenerateJob.REPORTS + partition);
        stage.counts.put("rendered", c.rendered());
        stage.counts.put("kept", c.kept());
        stage.counts.put("kept_by_label", new TreeMap<>(c.keptByLabel()));
      }
      case KITS -> {
        Map<String, Integer> sounds = GenerateJob.exportAndPublishKits(spark, generate);
        stage.outputs.add(o.out() + "/" + GenerateJob.KITS + partition);
        stage.counts.put("sounds", sounds.values().stream().mapToInt(Integer::intValue).sum());
        stage.counts.put("sounds_by_label", new TreeMap<>(sounds));
      }
      default -> throw new IllegalArgumentException(name);
    }
  }

  /** Everything that determines the day's data; a rerun resumes only if this is unchanged. */
  static Map<String, Object> dataConfig(Options o, String earChecksum) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("date", o.date().toString());
    c.put("out", o.out());
    c.put("seed", o.daySeed());
    c.put("programs", o.programs());
    c.put("stack_sizes", o.stackSizes().toString());
    c.put("model", o.modelDir());
    c.put("ear_json_sha256", earChecksum);
    c.put("min_probability", o.minProbability());
    c.put("max_kit_sounds", o.maxKitSounds());
    if (o.noiseDb() != null) {
      c.put("noisedb", o.noiseDb());
      c.put("noisedb_programs_per_stack_size", o.noiseDbPrograms());
      c.put("noisedb_stack_sizes", o.noiseDbStackSizes().toString());
    }
    return c;
  }

  private static String earChecksum(SparkSession spark, String modelDir) throws IOException {
    Path earJson = new Path(modelDir, "ear.json");
    try (InputStream in = earJson.getFileSystem(spark.sparkContext().hadoopConfiguration()).open(earJson)) {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean complete(FileSystem fs, List<String> outputs) throws IOException {
    if (outputs == null || outputs.isEmpty()) {
      return false;
    }
    for (String out : outputs) {
      Path p = new Path(out);
      if (!PartitionPublisher.isComplete(p.getFileSystem(fs.getConf()), p)) {
        return false;
      }
    }
    return true;
  }

  private static void write(NightlyManifest manifest, FileSystem fs, Path path) throws IOException {
    manifest.updated = Instant.now().toString();
    manifest.write(fs, path);
  }

  private static String shortSha(String sha) {
    return sha == null || sha.length() < 12 ? String.valueOf(sha) : sha.substring(0, 12);
  }
}
