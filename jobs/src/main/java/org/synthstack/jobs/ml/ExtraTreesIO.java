package org.synthstack.jobs.ml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Persistence of {@link ExtraTreesClassifier} and {@link ExtraTreesClassificationModel}, on public Spark API only.
 *
 * <p>Layout (the same as MLlib's own models, so {@code Pipeline}/{@code PipelineModel}/{@code CrossValidator}
 * can save and load them as stages):
 * <ul>
 *   <li>{@code PATH/metadata/}: one text line of JSON in the format of Spark's {@code DefaultParamsWriter}
 *       ({@code class}, {@code timestamp}, {@code sparkVersion}, {@code uid}, {@code paramMap},
 *       {@code defaultParamMap}), which is what Spark's {@code DefaultParamsReader.loadParamsInstance} reads to find
 *       the class whose static {@code read()} it then calls. A model adds {@code format}, {@code numFeatures},
 *       {@code numClasses}, {@code numTrees} and {@code featureImportances}.</li>
 *   <li>{@code PATH/data/} (models only): Parquet, one row per tree: {@code tree int, feature array<int>,
 *       threshold array<float>, right array<int>, leafValues array<float>}, the tree's {@link TreeArrays}.</li>
 * </ul>
 * Spark's {@code DefaultParamsWriter}/{@code DefaultParamsReader} are {@code private[ml]}; this writes the same
 * format with {@link Param#jsonEncode}/{@link Param#jsonDecode} instead.
 */
final class ExtraTreesIO {
  static final String FORMAT = "synthstack-extratrees/1";
  static final StructType TREE_SCHEMA = new StructType()
      .add("tree", DataTypes.IntegerType, false)
      .add("feature", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
      .add("threshold", DataTypes.createArrayType(DataTypes.FloatType, false), false)
      .add("right", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
      .add("leafValues", DataTypes.createArrayType(DataTypes.FloatType, false), false);
  private static final ObjectMapper JSON = new ObjectMapper();

  private ExtraTreesIO() {}

  /** Writes {@code PATH/metadata}. */
  static void saveMetadata(Params instance, String path, SparkSession spark, Map<String, Object> extra) {
    ObjectNode root = JSON.createObjectNode();
    root.put("class", instance.getClass().getName());
    root.put("timestamp", System.currentTimeMillis());
    root.put("sparkVersion", spark.version());
    root.put("uid", instance.uid());
    ObjectNode paramMap = root.putObject("paramMap");
    ObjectNode defaultParamMap = root.putObject("defaultParamMap");
    for (Param<?> p : instance.params()) {
      @SuppressWarnings("unchecked")
      Param<Object> param = (Param<Object>) p;
      if (instance.isSet(param)) {
        paramMap.set(param.name(), parse(param.jsonEncode(instance.get(param).get())));
      }
      if (instance.hasDefault(param)) {
        defaultParamMap.set(param.name(), parse(param.jsonEncode(instance.getDefault(param).get())));
      }
    }
    extra.forEach((k, v) -> root.set(k, JSON.valueToTree(v)));
    String json = root.toString();
    StructType schema = new StructType().add("value", DataTypes.StringType);
    spark.createDataFrame(List.of(RowFactory.create(json)), schema).coalesce(1).write()
        .text(new Path(path, "metadata").toString());
  }

  /** Reads {@code PATH/metadata}, checking the class name. */
  static JsonNode loadMetadata(String path, SparkSession spark, Class<?> expected) {
    String text = spark.read().text(new Path(path, "metadata").toString()).first().getString(0);
    JsonNode root = parse(text);
    String className = root.path("class").asText();
    if (!expected.getName().equals(className)) {
      throw new IllegalArgumentException("cannot load " + path + " as " + expected.getSimpleName()
          + ": its metadata names class " + className);
    }
    return root;
  }

  /** Sets the instance's params and defaults from metadata, as DefaultParamsReader does. */
  static void setParams(Params instance, JsonNode metadata) {
    for (String section : new String[] {"defaultParamMap", "paramMap"}) {
      JsonNode map = metadata.path(section);
      Iterator<Map.Entry<String, JsonNode>> fields = map.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> e = fields.next();
        Param<Object> param = instance.getParam(e.getKey());
        Object value = param.jsonDecode(e.getValue().toString());
        if (section.equals("paramMap")) {
          instance.set(param, value);
        } else {
          instance.setDefault(param, value);
        }
      }
    }
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("malformed ML metadata JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Writes an estimator: metadata only. */
  static final class EstimatorWriter extends MLWriter {
    private final ExtraTreesClassifier instance;

    EstimatorWriter(ExtraTreesClassifier instance) {
      this.instance = instance;
    }

    @Override
    public void saveImpl(String path) {
      saveMetadata(instance, path, sparkSession(), Map.of());
    }
  }

  static final class EstimatorReader extends MLReader<ExtraTreesClassifier> {
    @Override
    public ExtraTreesClassifier load(String path) {
      JsonNode metadata = loadMetadata(path, sparkSession(), ExtraTreesClassifier.class);
      ExtraTreesClassifier instance = new ExtraTreesClassifier(metadata.path("uid").asText());
      setParams(instance, metadata);
      return instance;
    }
  }

  /** Writes a model: metadata with sizes and importances, and one Parquet row per tree. */
  static final class ModelWriter extends MLWriter {
    private final ExtraTreesClassificationModel instance;

    ModelWriter(ExtraTreesClassificationModel instance) {
      this.instance = instance;
    }

    @Override
    public void saveImpl(String path) {
      Forest forest = instance.forest();
      saveMetadata(instance, path, sparkSession(), Map.of(
          "format", FORMAT,
          "numFeatures", forest.numFeatures(),
          "numClasses", forest.numClasses(),
          "numTrees", forest.numTrees(),
          "featureImportances", instance.featureImportances().toArray()));
      List<Row> rows = new ArrayList<>(forest.numTrees());
      for (int t = 0; t < forest.numTrees(); t++) {
        TreeArrays tree = forest.tree(t);
        rows.add(RowFactory.create(t, tree.feature(), tree.threshold(), tree.right(), tree.leafValues()));
      }
      // About 32 MB of trees per file.
      int partitions = (int) Math.max(1, Math.min(forest.numTrees(), forest.bytes() / (32L << 20)));
      sparkSession().createDataFrame(rows, TREE_SCHEMA).repartition(partitions).write()
          .parquet(new Path(path, "data").toString());
    }
  }

  static final class ModelReader extends MLReader<ExtraTreesClassificationModel> {
    @Override
    public ExtraTreesClassificationModel load(String path) {
      JsonNode metadata = loadMetadata(path, sparkSession(), ExtraTreesClassificationModel.class);
      if (!FORMAT.equals(metadata.path("format").asText())) {
        throw new IllegalArgumentException("cannot load " + path + ": unknown ExtraTrees model format '"
            + metadata.path("format").asText() + "' (expected " + FORMAT + ")");
      }
      int numFeatures = metadata.path("numFeatures").asInt();
      int numClasses = metadata.path("numClasses").asInt();
      int numTrees = metadata.path("numTrees").asInt();
      List<Row> rows = sparkSession().read().parquet(new Path(path, "data").toString()).collectAsList();
      TreeArrays[] trees = new TreeArrays[numTrees];
      for (Row row : rows) {
        int t = row.getInt(0);
        if (t < 0 || t >= numTrees || trees[t] != null) {
          throw new IllegalArgumentException("cannot load " + path + ": tree " + t + " is out of range or repeated");
        }
        trees[t] = new TreeArrays(toInts(row.getList(1)), toFloats(row.getList(2)), toInts(row.getList(3)),
            toFloats(row.getList(4)));
      }
      for (int t = 0; t < numTrees; t++) {
        if (trees[t] == null) {
          throw new IllegalArgumentException("cannot load " + path + ": tree " + t + " is missing");
        }
      }
      ArrayNode imp = (ArrayNode) metadata.path("featureImportances");
      double[] importances = new double[imp.size()];
      for (int j = 0; j < importances.length; j++) {
        importances[j] = imp.get(j).asDouble();
      }
      ExtraTreesClassificationModel model = new ExtraTreesClassificationModel(metadata.path("uid").asText(),
          new Forest(numFeatures, numClasses, List.of(trees)), importances);
      setParams(model, metadata);
      return model;
    }

    private static int[] toInts(List<Integer> list) {
      int[] a = new int[list.size()];
      for (int i = 0; i < a.length; i++) {
        a[i] = list.get(i);
      }
      return a;
    }

    private static float[] toFloats(List<Float> list) {
      float[] a = new float[list.size()];
      for (int i = 0; i < a.length; i++) {
        a[i] = list.get(i);
      }
      return a;
    }
  }
}
