package org.synthstack.features;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The improviser's per-frame spectral descriptors, in the order and under the names of the instrument's JSON
 * ({@code Analysis → Spectral → name}). The ordinal is the column index in {@link SpectralFrames}.
 */
public enum SpectralFeature {
  CHROMA_01("Chroma01"),
  CHROMA_02("Chroma02"),
  CHROMA_03("Chroma03"),
  CHROMA_04("Chroma04"),
  CHROMA_05("Chroma05"),
  CHROMA_06("Chroma06"),
  CHROMA_07("Chroma07"),
  CHROMA_08("Chroma08"),
  CHROMA_09("Chroma09"),
  CHROMA_10("Chroma10"),
  CHROMA_11("Chroma11"),
  CHROMA_12("Chroma12"),
  /** Regression slope of the magnitude over frequency, divided by the spectrum's sum; 1/Hz. */
  SLOPE("SpectralSlope"),
  /** Peeters' spectral decrease; dimensionless. */
  DECREASE("SpectralDecrease"),
  /** Peeters' spectral variation (1 − cosine similarity with the previous frame); dimensionless, 0..1. */
  VARIATION("SpectralVariation"),
  /** Frequency below which the rolloff fraction of the magnitude sum lies; Hz. */
  ROLLOFF("SpectralRolloff"),
  /** Fourth standardised central moment (not excess kurtosis); dimensionless. */
  KURTOSIS("SpectralKurtosis"),
  /** Third standardised central moment; dimensionless. */
  SKEWNESS("SpectralSkewness"),
  /** Standard deviation of frequency weighted by magnitude; Hz. */
  SPREAD("SpectralSpread"),
  /** Mean frequency weighted by magnitude; Hz. */
  CENTROID("SpectralCentroid");

  /** Chroma01 is pitch class C, Chroma02 C♯, … Chroma12 B. */
  public static final int CHROMA_BINS = 12;

  private static final List<String> JSON_NAMES;

  static {
    List<String> names = new ArrayList<>();
    for (SpectralFeature f : values()) {
      names.add(f.jsonName);
    }
    JSON_NAMES = Collections.unmodifiableList(names);
  }

  private final String jsonName;

  SpectralFeature(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The array's key under {@code Analysis → Spectral} in the instrument's JSON. */
  public String jsonName() {
    return jsonName;
  }

  /** All JSON names in column order. */
  public static List<String> jsonNames() {
    return JSON_NAMES;
  }

  /** The feature for a chroma bin, 0 = C … 11 = B. */
  public static SpectralFeature chroma(int pitchClass) {
    return values()[CHROMA_01.ordinal() + pitchClass];
  }
}
