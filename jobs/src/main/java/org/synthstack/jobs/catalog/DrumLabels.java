package org.synthstack.jobs.catalog;

import java.util.List;

/** The labels of the {@code debian-drums} manifest, in the order reports list them. */
public final class DrumLabels {
  public static final List<String> ALL = List.of("kick", "snare", "clap", "hat", "tom", "rim", "shaker", "cymbal",
      "other-percussion", "not-percussive");

  private DrumLabels() {}

  /** Position of {@code label} in {@link #ALL}, or {@code ALL.size()} for a label outside the set (sorted last). */
  public static int order(String label) {
    int i = ALL.indexOf(label);
    return i < 0 ? ALL.size() : i;
  }
}
