package org.synthstack.synth.search;

import java.util.List;

/**
 * The ear's classes in its probability-vector order, and which of them is the noise class (domain notes §3).
 */
public record ClassSpace(List<String> names, int noise) {
  public ClassSpace {
    names = List.copyOf(names);
    if (noise < 0 || noise >= names.size()) {
      throw new IllegalArgumentException("noise index " + noise + " outside the " + names.size() + " classes");
    }
  }

  public static ClassSpace of(List<String> names, String noiseName) {
    int noise = names.indexOf(noiseName);
    if (noise < 0) {
      throw new IllegalArgumentException("classes " + names + " lack the noise class " + noiseName);
    }
    return new ClassSpace(names, noise);
  }

  public int size() {
    return names.size();
  }

  public int indexOf(String name) {
    return names.indexOf(name);
  }

  public String name(int index) {
    return names.get(index);
  }
}
