package org.synthstack.improv;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A trained or fresh MDRNN together with what it was trained on: its {@link MdrnnSpec}, and the {@link
 * MinMaxNormaliser} (and so the {@link FeatureSet}) that turns frames into its steps.
 *
 * <p><b>File format</b> (one file, so model and normaliser cannot part): the 8 bytes {@code SSMDRNN1}, a big-endian
 * int length, that many bytes of UTF-8 JSON metadata ({@code {"format", "version", "size", "units", "dimension",
 * "mixtures", "scale", "normaliser": {"features", "min", "max"}}}), then DJL's block parameters ({@code
 * Block.saveParameters}). {@link #load} checks the feature set before reading a single weight.
 *
 * <p>Owns a DJL {@link Model} (native memory): close it.
 */
public final class Mdrnn implements AutoCloseable {
  private static final byte[] MAGIC = "SSMDRNN1".getBytes(StandardCharsets.US_ASCII);
  private static final String FORMAT = "synthstack-mdrnn";
  private static final int VERSION = 1;
  private static final int MAX_METADATA_BYTES = 16 << 20;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final MdrnnSpec spec;
  private final MinMaxNormaliser normaliser;
  private final Model model;
  private final MdrnnBlock block;

  private Mdrnn(MdrnnSpec spec, MinMaxNormaliser normaliser) {
    if (spec.dimension() != 1 + normaliser.features().size()) {
      throw new IllegalArgumentException("a model of dimension " + spec.dimension() + " cannot take "
          + normaliser.features().size() + " features plus Δt");
    }
    this.spec = spec;
    this.normaliser = normaliser;
    DjlRuntime.pytorch();
    this.model = Model.newInstance("mdrnn", DjlRuntime.ENGINE);
    this.block = new MdrnnBlock(spec);
    model.setBlock(block);
    block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1, spec.dimension()));
  }

  /** A fresh model with Keras-style initial weights drawn from {@code seed}. */
  public static Mdrnn create(ModelSize size, MinMaxNormaliser normaliser, long seed) {
    Mdrnn mdrnn = new Mdrnn(MdrnnSpec.of(size, normaliser.features()), normaliser);
    KerasInitialiser.initialise(mdrnn.block, seed);
    return mdrnn;
  }

  public MdrnnSpec spec() {
    return spec;
  }

  public MinMaxNormaliser normaliser() {
    return normaliser;
  }

  public FeatureSet features() {
    return normaliser.features();
  }

  /** The step encoding this model was trained with. */
  public StepCodec codec() {
    return new StepCodec(normaliser);
  }

  /** The DJL model, for training. */
  Model model() {
    return model;
  }

  MdrnnBlock block() {
    return block;
  }

  /** The weights in DJL's parameter encoding (what the model file holds after its header), for comparisons. */
  byte[] parameters() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      block.saveParameters(out);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode parameters", e);
    }
    return bytes.toByteArray();
  }

  /** The weights as float arrays, in parameter order: the best epoch's, kept in memory during training. */
  float[][] snapshot() {
    ParameterList list = block.getParameters();
    float[][] values = new float[list.size()][];
    for (int i = 0; i < values.length; i++) {
      values[i] = list.get(i).getValue().getArray().toFloatArray();
    }
    return values;
  }

  /**
   * Copies a {@link #snapshot()} back <b>into</b> the existing weight arrays, so that a trainer's or predictor's
   * cached references stay valid and the arrays keep their gradients.
   */
  void restore(float[][] values) {
    ParameterList list = block.getParameters();
    for (int i = 0; i < values.length; i++) {
      list.get(i).getValue().getArray().set(values[i]);
    }
  }

  /** Writes the model file atomically (a temporary sibling, then a move). */
  public void save(Path file) throws IOException {
    ObjectNode meta = MAPPER.createObjectNode();
    meta.put("format", FORMAT);
    meta.put("version", VERSION);
    meta.put("size", spec.size().name());
    meta.put("units", spec.units());
    meta.put("dimension", spec.dimension());
    meta.put("mixtures", spec.mixtures());
    meta.put("scale", StepCodec.SCALE);
    meta.set("normaliser", normaliser.toJson());
    byte[] json = MAPPER.writeValueAsBytes(meta);
    Path parent = file.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
    try {
      try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
        out.write(MAGIC);
        out.writeInt(json.length);
        out.write(json);
        block.saveParameters(out);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Reads a model file and refuses it unless it was trained on {@code expected}.
   *
   * @throws CorpusFormatException if the file is not a model file or is damaged (naming file and field)
   * @throws IncompatibleFeatureSetException if it was trained on other features
   */
  public static Mdrnn load(Path file, FeatureSet expected) throws IOException {
    String source = file.toString();
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      byte[] magic = new byte[MAGIC.length];
      int length;
      try {
        in.readFully(magic);
        length = in.readInt();
      } catch (EOFException e) {
        throw new CorpusFormatException(source, "(header)", "is too short to be a model file", e);
      }
      if (!java.util.Arrays.equals(magic, MAGIC)) {
        throw new CorpusFormatException(source, "(header)", "is not a synthstack MDRNN file (no SSMDRNN1 magic)");
      }
      if (length <= 0 || length > MAX_METADATA_BYTES) {
        throw new CorpusFormatException(source, "(metadata length)", "is implausible: " + length);
      }
      byte[] json = new byte[length];
      try {
        in.readFully(json);
      } catch (EOFException e) {
        throw new CorpusFormatException(source, "(metadata)", "is truncated", e);
      }
      JsonNode meta;
      try {
        meta = MAPPER.readTree(json);
      } catch (IOException e) {
        throw new CorpusFormatException(source, "(metadata)", "is not valid JSON: " + e.getMessage(), e);
      }
      if (meta == null || !meta.isObject()) {
        throw new CorpusFormatException(source, "(metadata)", "must be a JSON object");
      }
      if (!FORMAT.equals(meta.path("format").asText()) || meta.path("version").asInt() != VERSION) {
        throw new CorpusFormatException(source, "format",
            "expected " + FORMAT + " version " + VERSION + ", found " + meta.path("format") + " version "
                + meta.path("version"));
      }
      MinMaxNormaliser normaliser = MinMaxNormaliser.fromJson(meta.get("normaliser"), source, "normaliser");
      expected.requireSame(normaliser.features(), "model file " + source);
      ModelSize size;
      try {
        size = ModelSize.valueOf(meta.path("size").asText());
      } catch (IllegalArgumentException e) {
        throw new CorpusFormatException(source, "size", "must be one of XS, S, M, L; found " + meta.get("size"));
      }
      int mixtures = meta.path("mixtures").asInt(-1);
      int dimension = meta.path("dimension").asInt(-1);
      if (mixtures < 1) {
        throw new CorpusFormatException(source, "mixtures", "must be a positive integer");
      }
      if (dimension != 1 + normaliser.features().size()) {
        throw new CorpusFormatException(source, "dimension",
            "is " + dimension + " but the normaliser has " + normaliser.features().size() + " features plus Δt");
      }
      if (meta.path("scale").asDouble() != StepCodec.SCALE) {
        throw new CorpusFormatException(source, "scale", "must be " + StepCodec.SCALE);
      }
      Mdrnn mdrnn = new Mdrnn(new MdrnnSpec(size, dimension, mixtures), normaliser);
      try {
        mdrnn.block.loadParameters(mdrnn.model.getNDManager(), in);
        // Loading replaces the weight arrays with fresh ones that do not track gradients; a loaded model may be
        // trained further, so attach them again, as Parameter.initialize does.
        for (Parameter parameter : mdrnn.block.getParameters().values()) {
          if (parameter.requiresGradient()) {
            parameter.getArray().setRequiresGradient(true);
          }
        }
      } catch (IOException | MalformedModelException | RuntimeException e) {
        mdrnn.close();
        throw new CorpusFormatException(source, "(parameters)", "cannot be read: " + e.getMessage(), e);
      }
      return mdrnn;
    }
  }

  /** A stateful step-by-step generator with its own LSTM state and RNG. */
  public MdrnnPredictor predictor(double piTemperature, double sigmaTemperature, long seed) {
    return new MdrnnPredictor(this, piTemperature, sigmaTemperature, seed);
  }

  @Override
  public void close() {
    model.close();
  }
}
