package org.synthstack.learn;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
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
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import org.synthstack.improv.DjlRuntime;

/**
 * A spectrogram autoencoder (seed 000, appendix D) with the feature settings of the spectra it reads.
 *
 * <p><b>Inputs.</b> {@link #encode} takes spectra as stored ({@link FeatureSettings#bands()} ×
 * {@link FeatureSettings#frames()}, band-major) and resamples them to the model's bins × steps itself, so callers never
 * deal with the model's own grid.
 *
 * <p><b>File format</b> (one file, so weights and settings cannot part): the 8 bytes {@code SSAUTOE1}, a big-endian int
 * length, that many bytes of UTF-8 JSON ({@code {"format", "version", "spec": {...}, "features": {...}, "training":
 * {...}}}), then DJL's block parameters. {@link #read} checks the format and the feature settings before any weight.
 *
 * <p>Owns a DJL {@link Model} (native memory): close it. Not thread-safe.
 */
public final class Autoencoder implements AutoCloseable {
  private static final byte[] MAGIC = "SSAUTOE1".getBytes(StandardCharsets.US_ASCII);
  private static final String FORMAT = "synthstack-autoencoder";
  private static final int VERSION = 1;
  private static final int MAX_METADATA_BYTES = 1 << 20;
  private static final int INFERENCE_BATCH = 256;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final AutoencoderSpec spec;
  private final FeatureSettings features;
  private final Model model;
  private final SequentialBlock block;
  private final AutoencoderBlocks parts;
  private final SpectrumResampler resampler;
  private ObjectNode training = MAPPER.createObjectNode();

  private Autoencoder(AutoencoderSpec spec, FeatureSettings features) {
    this.spec = spec;
    this.features = features;
    DjlRuntime.pytorch();
    ThreadGradients.off(); // setting initial weights in place needs grad mode off on this thread
    this.model = Model.newInstance("autoencoder", DjlRuntime.ENGINE);
    this.parts = new AutoencoderBlocks(spec);
    this.block = new SequentialBlock().add(parts.encoder).add(parts.decoder);
    model.setBlock(block);
    block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, spec.inputSize()));
    this.resampler = new SpectrumResampler(features.bands(), features.frames(), spec.frequencyBins(),
        spec.timeSteps());
  }

  /** A fresh model with PyTorch's default initial weights drawn from {@code seed}. */
  public static Autoencoder create(AutoencoderSpec spec, FeatureSettings features, long seed) {
    Autoencoder ae = new Autoencoder(spec, features);
    PyTorchInit.initialise(ae.block, seed);
    ae.reseedDropout(seed);
    return ae;
  }

  public AutoencoderSpec spec() {
    return spec;
  }

  public FeatureSettings features() {
    return features;
  }

  public int latentSize() {
    return spec.latent();
  }

  /** Free-form record of how the model was trained (hyperparameters, losses), saved with it. */
  public ObjectNode training() {
    return training;
  }

  public void setTraining(ObjectNode training) {
    this.training = training == null ? MAPPER.createObjectNode() : training;
  }

  Model model() {
    return model;
  }

  Block block() {
    return block;
  }

  void reseedDropout(long seed) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed ^ 0x5DEECE66DL);
    for (SeededDropout d : parts.dropouts) {
      d.reseed(r.nextLong());
    }
  }

  /** Number of weights and biases (Tables 10–12 give 166 320, 156 512 and 163 232 at latent 8, 30 × 20). */
  public long parameterCount() {
    long n = 0;
    for (Pair<String, Parameter> p : block.getParameters()) {
      n += p.getValue().getArray().size();
    }
    return n;
  }

  /** Stored spectra ({@code count × features.size()}) resampled to the model's input grid. */
  public float[] modelInputs(float[] spectra, int count) {
    requireLength(spectra, count, features.size(), "spectra");
    return resampler.applyAll(spectra, count);
  }

  /** The latent vectors ({@code count × latent}) of stored spectra ({@code count × features.size()}). */
  public float[] encode(float[] spectra, int count) {
    return run(parts.encoder, modelInputs(spectra, count), count, spec.latent());
  }

  /** The reconstructions ({@code count × bins·steps}) of model inputs ({@code count × bins·steps}). */
  public float[] reconstruct(float[] inputs, int count) {
    requireLength(inputs, count, spec.inputSize(), "inputs");
    return run(block, inputs, count, spec.inputSize());
  }

  /** Mean squared error of the reconstruction over all cells of {@code count} model inputs, at inference. */
  public double loss(float[] inputs, int count) {
    float[] out = reconstruct(inputs, count);
    double sum = 0;
    for (int i = 0; i < out.length; i++) {
      double d = out[i] - inputs[i];
      sum += d * d;
    }
    return sum / out.length;
  }

  private float[] run(Block b, float[] inputs, int count, int outputWidth) {
    int width = spec.inputSize();
    float[] out = new float[count * outputWidth];
    ThreadGradients.off(); // a Spark task's thread starts with grad mode on
    try (NDManager scope = model.getNDManager().newSubManager()) {
      ParameterStore store = new ParameterStore(scope, false);
      for (int from = 0; from < count; from += INFERENCE_BATCH) {
        int n = Math.min(INFERENCE_BATCH, count - from);
        try (NDManager batch = scope.newSubManager()) {
          NDArray x = batch.create(FloatBuffer.wrap(inputs, from * width, n * width).slice(), new Shape(n, width));
          NDArray y = b.forward(store, new NDList(x), false).singletonOrThrow();
          float[] values = y.toFloatArray();
          System.arraycopy(values, 0, out, from * outputWidth, n * outputWidth);
        }
      }
    }
    return out;
  }

  private static void requireLength(float[] data, int count, int width, String what) {
    if (count < 0 || data.length < (long) count * width) {
      throw new IllegalArgumentException(what + ": need " + count + " × " + width + " values, have " + data.length);
    }
  }

  /** The weights as float arrays, in parameter order, for keeping the best epoch. */
  float[][] snapshot() {
    var list = block.getParameters();
    float[][] values = new float[list.size()][];
    for (int i = 0; i < values.length; i++) {
      values[i] = list.get(i).getValue().getArray().toFloatArray();
    }
    return values;
  }

  // ---------------------------------------------------------------- persistence

  /** Writes the model file to a stream. */
  public void write(OutputStream stream) throws IOException {
    ObjectNode meta = MAPPER.createObjectNode();
    meta.put("format", FORMAT);
    meta.put("version", VERSION);
    ObjectNode s = meta.putObject("spec");
    s.put("type", spec.type().name());
    s.put("extra_hidden", spec.extraHidden());
    s.put("latent", spec.latent());
    s.put("frequency_bins", spec.frequencyBins());
    s.put("time_steps", spec.timeSteps());
    s.put("dropout", spec.dropout());
    meta.set("features", features.toJson());
    meta.set("training", training);
    byte[] json = MAPPER.writeValueAsBytes(meta);
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream));
    out.write(MAGIC);
    out.writeInt(json.length);
    out.write(json);
    block.saveParameters(out);
    out.flush();
  }

  /** The whole model file as bytes (to broadcast to Spark executors). */
  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      write(bytes);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode the autoencoder", e);
    }
    return bytes.toByteArray();
  }

  /** Writes the model file atomically (a temporary sibling, then a move). */
  public void save(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        write(out);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  public static Autoencoder load(Path file, FeatureSettings expected) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString(), expected);
    }
  }

  /**
   * Reads a model file and refuses it unless its spectra were computed like {@code expected}.
   *
   * @param source names the file in errors
   * @throws ModelFileException if it is not a model file or is damaged (naming file and field)
   * @throws IncompatibleFeaturesException if it was trained on other features
   */
  public static Autoencoder read(InputStream stream, String source, FeatureSettings expected) throws IOException {
    DataInputStream in = new DataInputStream(new BufferedInputStream(stream));
    byte[] magic = new byte[MAGIC.length];
    int length;
    try {
      in.readFully(magic);
      length = in.readInt();
    } catch (EOFException e) {
      throw new ModelFileException(source, "(header)", "is too short to be an autoencoder file", e);
    }
    if (!Arrays.equals(magic, MAGIC)) {
      throw new ModelFileException(source, "(header)", "is not a synthstack autoencoder (no SSAUTOE1 magic)");
    }
    if (length <= 0 || length > MAX_METADATA_BYTES) {
      throw new ModelFileException(source, "(metadata length)", "is implausible: " + length);
    }
    byte[] json = new byte[length];
    try {
      in.readFully(json);
    } catch (EOFException e) {
      throw new ModelFileException(source, "(metadata)", "is truncated", e);
    }
    JsonNode meta;
    try {
      meta = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new ModelFileException(source, "(metadata)", "is not valid JSON: " + e.getMessage(), e);
    }
    if (meta == null || !meta.isObject() || !FORMAT.equals(meta.path("format").asText())
        || meta.path("version").asInt() != VERSION) {
      throw new ModelFileException(source, "format", "expected " + FORMAT + " version " + VERSION);
    }
    FeatureSettings settings = FeatureSettings.fromJson(meta.get("features"), source);
    settings.requireSame(expected, "autoencoder " + source);
    AutoencoderSpec spec = specFromJson(meta.path("spec"), source);
    Autoencoder ae = new Autoencoder(spec, settings);
    try {
      ae.block.loadParameters(ae.model.getNDManager(), in);
      for (Parameter parameter : ae.block.getParameters().values()) {
        if (parameter.requiresGradient()) {
          parameter.getArray().setRequiresGradient(true);
        }
      }
    } catch (IOException | MalformedModelException | RuntimeException e) {
      ae.close();
      throw new ModelFileException(source, "(parameters)", "cannot be read: " + e.getMessage(), e);
    }
    JsonNode t = meta.get("training");
    if (t != null && t.isObject()) {
      ae.training = (ObjectNode) t;
    }
    return ae;
  }

  private static AutoencoderSpec specFromJson(JsonNode s, String source) {
    ModelType type;
    try {
      type = ModelType.valueOf(s.path("type").asText());
    } catch (IllegalArgumentException e) {
      throw new ModelFileException(source, "spec.type", "must be CNN or FC; found " + s.get("type"));
    }
    try {
      return new AutoencoderSpec(type, s.path("extra_hidden").asBoolean(), s.path("latent").asInt(-1),
          s.path("frequency_bins").asInt(-1), s.path("time_steps").asInt(-1), s.path("dropout").asDouble(-1));
    } catch (IllegalArgumentException e) {
      throw new ModelFileException(source, "spec", "is invalid: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    model.close();
  }
}
