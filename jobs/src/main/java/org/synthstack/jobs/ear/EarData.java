package org.synthstack.jobs.ear;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.synthstack.jobs.InputException;

/**
 * Prepares the ear's training table: one row per sound with a stable {@code id}, its {@code label} among the ear's
 * classes, a numeric {@code label_index}, its {@code kit} (the group for unseen-kit evaluation), the 660-wide
 * {@code features} vector (envelope 10, frequency 50, spectrum 30 x 20 flattened band by band) and a {@code weight}.
 */
public final class EarData {
  /** The noise class: everything the synthesizer makes that is not a drum. */
  public static final String NOISE = "synth_noise";
  /** The MEM's classes, in label-index order (seed 000 §4, domain notes §3). */
  public static final List<String> MEM_CLASSES = List.of("kick", "snare", "clap", "hat", NOISE);
  /** Labels merged into another for the ear: toms into kicks, as the paper does. */
  public static final Map<String, String> MERGED = Map.of("tom", "kick");
  public static final int FEATURE_SIZE = 10 + 50 + 30 * 20;

  /** How class weights are set. */
  public enum Weighting {
    /** The original's w_k = (N - n_k) / N. */
    ORIGINAL,
    /** w_k = N / (K n_k): every class carries the same total weight. */
    BALANCED,
    NONE
  }

  /** Which features the ear learns from. */
  public enum Inputs {
    /** Envelope, frequency and the flattened spectrum: {@link #FEATURE_SIZE} values. */
    HAND,
    /** Envelope plus the autoencoder's {@code embedding} column (written by {@code embed}), as the paper's MEM. */
    EMBEDDING
  }

  private EarData() {}

  /** The feature vector column from the three feature arrays. */
  public static Column featureVector() {
    return org.apache.spark.ml.functions.array_to_vector(
        concat(col("envelope"), col("frequency"), flatten(col("spectrum"))));
  }

  /**
   * At most {@code limit} noise rows, chosen by a seeded hash of their ids: the paper trained MEMs with 1000
   * synthesized noise examples, and the whole NoiseDB (6000) would outnumber the drums many times over.
   */
  public static Dataset<Row> sampleNoise(Dataset<Row> noise, long limit, long seed) {
    return noise.orderBy(xxhash64(col("program_id"), lit(seed)), col("program_id")).limit((int) Math.min(limit,
        Integer.MAX_VALUE));
  }

  /**
   * Drums (columns {@code label}, a stable id column, optionally {@code kit}/{@code source}, and the features) and
   * noise (render rows, labelled {@link #NOISE}) as one table restricted to {@code classes}.
   */
  public static Dataset<Row> combine(Dataset<Row> drums, String drumIdColumn, Dataset<Row> noise,
      List<String> classes) {
    return combine(drums, drumIdColumn, noise, classes, Inputs.HAND);
  }

  /** As {@link #combine(Dataset, String, Dataset, List)}, with the features chosen by {@code inputs}. */
  public static Dataset<Row> combine(Dataset<Row> drums, String drumIdColumn, Dataset<Row> noise,
      List<String> classes, Inputs inputs) {
    String[] featureColumns = inputs == Inputs.HAND ? new String[] {"envelope", "frequency", "spectrum"}
        : new String[] {"envelope", "embedding"};
    requireColumns("drums", drums, "label", drumIdColumn);
    requireColumns("drums", drums, featureColumns);
    requireColumns("noise", noise, "program_id");
    requireColumns("noise", noise, featureColumns);
    Column label = col("label");
    for (Map.Entry<String, String> merge : MERGED.entrySet()) {
      label = when(col("label").equalTo(merge.getKey()), lit(merge.getValue())).otherwise(label);
    }
    Column kit = drums.columns().length > 0 && List.of(drums.columns()).contains("kit") ? col("kit") : lit(null);
    Column source = List.of(drums.columns()).contains("source") ? col("source") : lit(null);
    Dataset<Row> d = drums.select(columns(featureColumns,
        col(drumIdColumn).cast("string").as("id"),
        label.as("label"),
        coalesce(kit.cast("string"), source.cast("string"), lit("unknown")).as("kit")));
    Dataset<Row> n = noise.select(columns(featureColumns,
        col("program_id").as("id"),
        lit(NOISE).as("label"),
        lit("noisedb").as("kit")));
    Dataset<Row> all = d.unionByName(n).filter(col("label").isin(classes.toArray()));
    Column index = lit(null).cast("double");
    for (int k = classes.size() - 1; k >= 0; k--) {
      index = when(col("label").equalTo(classes.get(k)), lit((double) k)).otherwise(index);
    }
    Column vector = inputs == Inputs.HAND ? featureVector()
        : org.apache.spark.ml.functions.array_to_vector(concat(col("envelope"), col("embedding")));
    return all.withColumn("label_index", index).withColumn("features", vector).drop(featureColumns);
  }

  /** {@code first} followed by the named feature columns. */
  private static Column[] columns(String[] features, Column... first) {
    Column[] all = java.util.Arrays.copyOf(first, first.length + features.length);
    for (int i = 0; i < features.length; i++) {
      all[first.length + i] = col(features[i]);
    }
    return all;
  }

  /** Counts per class, in class order; fails unless at least two classes have rows. */
  public static long[] classCounts(Dataset<Row> data, List<String> classes) {
    Map<String, Long> byLabel = new HashMap<>();
    for (Row r : data.groupBy("label").count().collectAsList()) {
      byLabel.put(r.getString(0), r.getLong(1));
    }
    long[] counts = new long[classes.size()];
    int present = 0;
    for (int k = 0; k < counts.length; k++) {
      counts[k] = byLabel.getOrDefault(classes.get(k), 0L);
      present += counts[k] > 0 ? 1 : 0;
    }
    if (present < 2) {
      throw new InputException("the ear needs at least two classes with examples among " + classes + "; found "
          + byLabel + " (check the drum labels and the noise input)");
    }
    return counts;
  }

  /** Adds {@code weight} per class. */
  public static Dataset<Row> withWeights(Dataset<Row> data, long[] counts, Weighting weighting) {
    long total = 0;
    int present = 0;
    for (long c : counts) {
      total += c;
      present += c > 0 ? 1 : 0;
    }
    Column weight = lit(1.0);
    for (int k = 0; k < counts.length; k++) {
      if (counts[k] == 0) {
        continue;
      }
      double w = switch (weighting) {
        case ORIGINAL -> (double) (total - counts[k]) / total;
        case BALANCED -> (double) total / (present * counts[k]);
        case NONE -> 1.0;
      };
      weight = when(col("label_index").equalTo((double) k), lit(w)).otherwise(weight);
    }
    return data.withColumn("weight", weight);
  }

  /**
   * Stratified folds: within each class, rows are ordered by a seeded hash of their id and dealt round-robin, so
   * every fold has each class's share and the assignment depends only on (ids, seed).
   */
  public static Dataset<Row> withStratifiedFolds(Dataset<Row> data, int folds, long seed) {
    return data.withColumn("fold",
        row_number().over(Window.partitionBy("label").orderBy(xxhash64(col("id"), lit(seed)), col("id")))
            .minus(1).mod(folds));
  }

  /**
   * Group folds for unseen-kit evaluation: every kit lands in exactly one fold, largest kits first into the
   * emptiest fold (scikit-learn's GroupKFold). Noise rows, which have no kit, are dealt stratified.
   */
  public static Dataset<Row> withKitFolds(Dataset<Row> data, int folds, long seed) {
    List<Row> kits = data.filter(col("label").notEqual(NOISE)).groupBy("kit").count()
        .orderBy(col("count").desc(), col("kit")).collectAsList();
    if (kits.size() < folds) {
      throw new InputException("unseen-kit evaluation needs at least " + folds + " kits, the drums have "
          + kits.size());
    }
    long[] size = new long[folds];
    List<Row> assignment = new ArrayList<>();
    for (Row k : kits) {
      int emptiest = 0;
      for (int f = 1; f < folds; f++) {
        emptiest = size[f] < size[emptiest] ? f : emptiest;
      }
      size[emptiest] += k.getLong(1);
      assignment.add(org.apache.spark.sql.RowFactory.create(k.getString(0), emptiest));
    }
    Dataset<Row> kitFolds = data.sparkSession().createDataFrame(assignment,
        new org.apache.spark.sql.types.StructType().add("kit", "string").add("kit_fold", "int"));
    Dataset<Row> drums = data.filter(col("label").notEqual(NOISE)).join(kitFolds, "kit")
        .withColumnRenamed("kit_fold", "fold");
    Dataset<Row> noise = withStratifiedFolds(data.filter(col("label").equalTo(NOISE)), folds, seed);
    return drums.unionByName(noise);
  }

  static void requireColumns(String what, Dataset<Row> data, String... names) {
    List<String> have = List.of(data.columns());
    for (String name : names) {
      if (!have.contains(name)) {
        throw new InputException(what + ": missing column '" + name + "'; found " + have);
      }
    }
  }
}
