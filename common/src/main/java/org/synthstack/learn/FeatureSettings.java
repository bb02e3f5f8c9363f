package org.synthstack.learn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.synthstack.features.EarFeatureExtractor;
import org.synthstack.features.EarFeatures;

/**
 * What an autoencoder's input spectrogram was computed with: the ear's mel spectrum (domain notes §2). A model
 * trained on one spectrum cannot read another, so this travels in the model file and is compared on load.
 *
 * @param sampleRate Hz of the clip
 * @param window STFT window, samples
 * @param hop STFT hop, samples
 * @param bands mel bands of the stored spectrum
 * @param frames frames of the stored spectrum
 * @param melScale "slaney" or "htk"
 * @param normalisation how the matrix is scaled, e.g. "min-max"
 */
public record FeatureSettings(int sampleRate, int window, int hop, int bands, int frames, String melScale,
    String normalisation) implements java.io.Serializable {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The spectrum this version of {@link EarFeatureExtractor} computes. */
  public static FeatureSettings current() {
    int sr = EarFeatureExtractor.SAMPLE_RATE;
    return new FeatureSettings(sr, sr / 17, sr / 19, EarFeatures.SPECTRUM_BANDS, EarFeatures.SPECTRUM_FRAMES,
        "slaney", "min-max");
  }

  public int size() {
    return bands * frames;
  }

  ObjectNode toJson() {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("sample_rate", sampleRate);
    n.put("window", window);
    n.put("hop", hop);
    n.put("bands", bands);
    n.put("frames", frames);
    n.put("mel_scale", melScale);
    n.put("normalisation", normalisation);
    return n;
  }

  static FeatureSettings fromJson(JsonNode n, String source) {
    if (n == null || !n.isObject()) {
      throw new ModelFileException(source, "features", "is missing; expected the spectrum's settings");
    }
    return new FeatureSettings(intField(n, "sample_rate", source), intField(n, "window", source),
        intField(n, "hop", source), intField(n, "bands", source), intField(n, "frames", source),
        textField(n, "mel_scale", source), textField(n, "normalisation", source));
  }

  /**
   * Fails unless {@code this} (the model's) equals {@code data}'s settings, naming the first differing field.
   *
   * @throws IncompatibleFeaturesException on a mismatch
   */
  public void requireSame(FeatureSettings data, String what) {
    check(what, "sample_rate", sampleRate, data.sampleRate);
    check(what, "window", window, data.window);
    check(what, "hop", hop, data.hop);
    check(what, "bands", bands, data.bands);
    check(what, "frames", frames, data.frames);
    check(what, "mel_scale", melScale, data.melScale);
    check(what, "normalisation", normalisation, data.normalisation);
  }

  private static void check(String what, String field, Object model, Object data) {
    if (!model.equals(data)) {
      throw new IncompatibleFeaturesException(what + ": the model was trained on spectra with " + field + " = "
          + model + ", the data has " + field + " = " + data + "; retrain the autoencoder on these features");
    }
  }

  private static int intField(JsonNode n, String field, String source) {
    JsonNode v = n.get(field);
    if (v == null || !v.canConvertToInt()) {
      throw new ModelFileException(source, "features." + field, "must be an integer");
    }
    return v.intValue();
  }

  private static String textField(JsonNode n, String field, String source) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new ModelFileException(source, "features." + field, "must be a string");
    }
    return v.textValue();
  }
}
