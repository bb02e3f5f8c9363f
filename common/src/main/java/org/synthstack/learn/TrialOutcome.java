package org.synthstack.learn;

import java.io.Serializable;

/** What one trial reports back: its test loss (NaN if it failed) and why it failed. */
public record TrialOutcome(double loss, boolean failed, String message, double seconds) implements Serializable {
  public static TrialOutcome failure(String message, double seconds) {
    return new TrialOutcome(Double.NaN, true, message, seconds);
  }
}
