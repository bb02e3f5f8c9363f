package org.synthstack.synth.search;

/**
 * A judged candidate: the ear's class probabilities, its most probable class, and the sound's behaviour
 * descriptors.
 *
 * @param probabilities one per class, in {@link ClassSpace} order
 * @param label the ear's most probable class
 * @param silent the program rendered to silence (never a drum, never in the archive)
 * @param descriptors one per grid axis
 */
public record Evaluation(Candidate candidate, double[] probabilities, int label, boolean silent,
    double[] descriptors) {
  public long index() {
    return candidate.index();
  }

  /** Whether the ear keeps it as a drum (generate's rule): not silent, not noise, and probable enough. */
  public boolean isDrum(ClassSpace classes, double minProbability) {
    return !silent && label != classes.noise() && probabilities[label] >= minProbability;
  }
}
