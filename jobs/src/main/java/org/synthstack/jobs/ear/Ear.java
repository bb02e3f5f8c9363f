package org.synthstack.jobs.ear;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.typedLit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.synthstack.jobs.InputException;
import org.synthstack.jobs.spark.PartitionPublisher;

/**
 * A trained ear: a Spark ML {@link PipelineModel} over the 660-wide feature vector, and its metadata
 * ({@code ear.json}). Saved as a directory {@code DIR/pipeline} + {@code DIR/ear.json}, published whole with
 * {@code _SUCCESS} like every dataset.
 */
public final class Ear {
  /**
   * @param decision "mem": one model over {@link #classes()}
   * @param model the model family
   * @param classes class names in label-index order; one of them is {@link EarData#NOISE}
   * @param featureSize the feature vector's width, checked on load
   */
  public record Metadata(String decision, String model, List<String> classes, int featureSize, double cvMacroF1,
      long seed) {}

  /** The column {@link #classify} adds with the whole probability vector. */
  public static final String CLASS_PROBABILITIES = "class_probabilities";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Metadata metadata;
  private final PipelineModel pipeline;

  private Ear(Metadata metadata, PipelineModel pipeline) {
    this.metadata = metadata;
    this.pipeline = pipeline;
  }

  public Metadata metadata() {
    return metadata;
  }

  static void save(SparkSession spark, String dir, PipelineModel model, Metadata metadata) throws IOException {
    Path target = new Path(dir);
    PartitionPublisher publisher = PartitionPublisher.forPartition(
        target.getParent() == null ? "." : target.getParent().toString(), target.getName(),
        spark.sparkContext().hadoopConfiguration());
    try {
      model.write().save(new Path(publisher.staging(), "pipeline").toString());
      FileSystem fs = publisher.staging().getFileSystem(spark.sparkContext().hadoopConfiguration());
      try (OutputStream out = fs.create(new Path(publisher.staging(), "ear.json"), true)) {
        JSON.writerWithDefaultPrettyPrinter().writeValue(out, metadata);
      }
      publisher.publish();
    } catch (IOException | RuntimeException e) {
      publisher.abandon();
      throw e;
    }
  }

  /** Loads an ear saved by {@code train-ear}, checking that it is complete and matches today's features. */
  public static Ear load(SparkSession spark, String dir) {
    Path root = new Path(dir);
    try {
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!PartitionPublisher.isComplete(fs, root)) {
        throw new InputException("--model " + dir + ": not a complete ear (no _SUCCESS); expected a directory "
            + "written by train-ear");
      }
      Metadata metadata;
      try (InputStream in = fs.open(new Path(root, "ear.json"))) {
        metadata = JSON.readValue(in, Metadata.class);
      }
      if (metadata.featureSize() != EarData.FEATURE_SIZE) {
        throw new InputException("--model " + dir + ": trained on " + metadata.featureSize()
            + " features, this version computes " + EarData.FEATURE_SIZE + "; retrain it");
      }
      if (!metadata.classes().contains(EarData.NOISE)) {
        throw new InputException("--model " + dir + ": its classes " + metadata.classes() + " lack "
            + EarData.NOISE + ", so it cannot tell drums from noise");
      }
      return new Ear(metadata, PipelineModel.load(new Path(root, "pipeline").toString()));
    } catch (IOException e) {
      throw new InputException("--model " + dir + ": cannot read the ear: " + e.getMessage(), e);
    }
  }

  /**
   * Classifies rows carrying the three feature arrays, adding {@code ear_label} (the most probable class),
   * {@code ear_probability} (its probability), {@code drum_probability} (1 - P(noise)), {@code is_drum} and
   * {@code class_probabilities} (array&lt;double&gt;, one probability per class in {@link Metadata#classes()} order).
   */
  public Dataset<Row> classify(Dataset<Row> withFeatures) {
    List<String> classes = metadata.classes();
    int noise = classes.indexOf(EarData.NOISE);
    Dataset<Row> scored = pipeline.transform(withFeatures.withColumn("features", EarData.featureVector()));
    Column probabilities = org.apache.spark.ml.functions.vector_to_array(col("probability"), "float64");
    Column predicted = col("prediction").cast("int").plus(1);
    return scored
        .withColumn("ear_label", element_at(typedLit(classes.toArray(new String[0]), null), predicted))
        .withColumn("ear_probability", element_at(probabilities, predicted))
        .withColumn("drum_probability", lit(1.0).minus(element_at(probabilities, noise + 1)))
        .withColumn("is_drum", col("ear_label").notEqual(lit(EarData.NOISE)))
        .withColumn(CLASS_PROBABILITIES, probabilities)
        .drop("features", "scaled", "rawPrediction", "probability", "prediction");
  }
}
