package org.synthstack.synth.search;

import java.util.ArrayList;
import java.util.List;

/**
 * What the search maximises: the ear's probability of one drum class, or of any drum (1 - P(noise)).
 *
 * @param name the class name, or {@link #ANY}
 * @param classIndex the class's index in the probability vector, or -1 for any drum
 */
public record Target(String name, int classIndex) {
  public static final String ANY = "any";

  /** The target named {@code name} among {@code classes}; fails on the noise class or an unknown name. */
  public static Target parse(String name, ClassSpace classes) {
    if (ANY.equals(name)) {
      return new Target(ANY, -1);
    }
    int k = classes.indexOf(name);
    if (k < 0 || k == classes.noise()) {
      throw new IllegalArgumentException("target '" + name + "' is not a drum class of the ear; expected one of "
          + drumClasses(classes) + " or " + ANY);
    }
    return new Target(name, k);
  }

  /** The drum classes (every class but noise), in class order. */
  public static List<String> drumClasses(ClassSpace classes) {
    List<String> drums = new ArrayList<>();
    for (int k = 0; k < classes.size(); k++) {
      if (k != classes.noise()) {
        drums.add(classes.name(k));
      }
    }
    return drums;
  }

  public boolean isAny() {
    return classIndex < 0;
  }

  /** The fitness of a probability vector. */
  public double fitness(double[] probabilities, ClassSpace classes) {
    return isAny() ? 1 - probabilities[classes.noise()] : probabilities[classIndex];
  }

  /** The archive layers: the target class, or every drum class for {@link #ANY}. */
  public int[] layers(ClassSpace classes) {
    if (!isAny()) {
      return new int[] {classIndex};
    }
    int[] layers = new int[classes.size() - 1];
    for (int k = 0, j = 0; k < classes.size(); k++) {
      if (k != classes.noise()) {
        layers[j++] = k;
      }
    }
    return layers;
  }
}
