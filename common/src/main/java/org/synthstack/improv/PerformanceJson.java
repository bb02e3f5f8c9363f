package org.synthstack.improv;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The instrument's performance JSON:
 *
 * <pre>{"Analysis": {"Spectral": {"Chroma01": [...], ..., "SpectralCentroid": [...], "Time": [...]}, ...}, ...}</pre>
 *
 * <p>Where {@code Time} lives: the domain notes and the seed list it with the Spectral arrays ("Spectral holds one
 * array per feature, plus Time"), so this writer puts it in {@code Analysis.Spectral.Time}. The reader also accepts
 * {@code Analysis.Time} (a category-independent clock, as some exports have it); if both are present they must agree.
 * Time is in ms since the start of the performance and must not decrease.
 *
 * <p>Other categories (Harmonic, Perceptual, Signal, Yin) and other keys are ignored. Every expected feature must be
 * present, as an array of finite numbers as long as Time; anything else is a {@link CorpusFormatException} naming
 * the file and the field.
 */
public final class PerformanceJson {
  public static final String ANALYSIS = "Analysis";
  public static final String SPECTRAL = "Spectral";
  public static final String TIME = "Time";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory FACTORY = MAPPER.getFactory();

  private PerformanceJson() {}

  /** Reads the {@code expected} features of a performance file. */
  public static Performance read(Path file, FeatureSet expected) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString(), expected);
    }
  }

  /**
   * Reads the {@code expected} features of a performance.
   *
   * @param source the file name, for messages
   */
  public static Performance read(InputStream in, String source, FeatureSet expected) throws IOException {
    JsonNode root;
    try {
      root = MAPPER.readTree(in);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "(document)" : "(line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      throw new CorpusFormatException(source, where, "is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new CorpusFormatException(source, "(root)", "must be a JSON object");
    }
    JsonNode analysis = requireObject(root.get(ANALYSIS), source, ANALYSIS);
    String spectralPath = ANALYSIS + "." + SPECTRAL;
    JsonNode spectral = requireObject(analysis.get(SPECTRAL), source, spectralPath);

    double[] time = readTime(source, analysis, spectral);
    double[][] columns = new double[expected.size()][];
    for (int f = 0; f < expected.size(); f++) {
      String name = expected.name(f);
      String path = spectralPath + "." + name;
      columns[f] = readNumbers(spectral.get(name), source, path);
      if (columns[f].length != time.length) {
        throw new CorpusFormatException(source, path,
            "has " + columns[f].length + " values but Time has " + time.length);
      }
    }
    return new Performance(source, expected, time, columns);
  }

  private static double[] readTime(String source, JsonNode analysis, JsonNode spectral)
      throws CorpusFormatException {
    String spectralTimePath = ANALYSIS + "." + SPECTRAL + "." + TIME;
    String analysisTimePath = ANALYSIS + "." + TIME;
    JsonNode inSpectral = spectral.get(TIME);
    JsonNode inAnalysis = analysis.get(TIME);
    if (inSpectral == null && inAnalysis == null) {
      throw new CorpusFormatException(source, spectralTimePath,
          "is missing (looked for " + spectralTimePath + " and " + analysisTimePath + ")");
    }
    String path = inSpectral != null ? spectralTimePath : analysisTimePath;
    double[] time = readNumbers(inSpectral != null ? inSpectral : inAnalysis, source, path);
    if (inSpectral != null && inAnalysis != null
        && !java.util.Arrays.equals(time, readNumbers(inAnalysis, source, analysisTimePath))) {
      throw new CorpusFormatException(source, analysisTimePath, "disagrees with " + spectralTimePath);
    }
    for (int t = 1; t < time.length; t++) {
      if (time[t] < time[t - 1]) {
        throw new CorpusFormatException(source, path + "[" + t + "]",
            "goes back in time (" + time[t] + " ms after " + time[t - 1] + " ms)");
      }
    }
    return time;
  }

  private static JsonNode requireObject(JsonNode node, String source, String path) throws CorpusFormatException {
    if (node == null) {
      throw new CorpusFormatException(source, path, "is missing");
    }
    if (!node.isObject()) {
      throw new CorpusFormatException(source, path, "must be an object, found " + node.getNodeType());
    }
    return node;
  }

  private static double[] readNumbers(JsonNode node, String source, String path) throws CorpusFormatException {
    if (node == null) {
      throw new CorpusFormatException(source, path, "is missing");
    }
    if (!node.isArray()) {
      throw new CorpusFormatException(source, path, "must be an array of numbers, found " + node.getNodeType());
    }
    double[] values = new double[node.size()];
    for (int i = 0; i < values.length; i++) {
      JsonNode v = node.get(i);
      if (!v.isNumber()) {
        throw new CorpusFormatException(source, path + "[" + i + "]", "must be a number, found " + v);
      }
      double d = v.doubleValue();
      if (!Double.isFinite(d)) {
        throw new CorpusFormatException(source, path + "[" + i + "]", "must be finite, found " + v);
      }
      values[i] = d;
    }
    return values;
  }

  /** Writes {@code performance} as the instrument's JSON, with Time in {@code Analysis.Spectral}. */
  public static void write(Performance performance, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      write(performance, out);
    }
  }

  /** Writes {@code performance} as the instrument's JSON; does not close {@code out}. */
  public static void write(Performance performance, OutputStream out) throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.writeStartObject();
      g.writeObjectFieldStart(ANALYSIS);
      g.writeObjectFieldStart(SPECTRAL);
      FeatureSet features = performance.features();
      for (int f = 0; f < features.size(); f++) {
        g.writeFieldName(features.name(f));
        double[] column = performance.columns()[f];
        g.writeArray(column, 0, column.length);
      }
      g.writeFieldName(TIME);
      g.writeArray(performance.timeMs(), 0, performance.frames());
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndObject();
    }
  }
}
