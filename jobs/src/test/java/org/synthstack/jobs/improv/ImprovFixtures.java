package org.synthstack.jobs.improv;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.synthstack.improv.Corpus;
import org.synthstack.improv.FeatureSet;
import org.synthstack.improv.MinMaxNormaliser;
import org.synthstack.improv.Performance;

/** Small synthetic corpora over the instrument's 20 spectral features. */
final class ImprovFixtures {
  private ImprovFixtures() {}

  /** Smooth periodic features (one frequency per feature) with noise, frames 10..20 ms apart. */
  static Corpus corpus(int performances, int frames, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int features = FeatureSet.SPECTRAL.size();
    List<Performance> list = new ArrayList<>();
    for (int p = 0; p < performances; p++) {
      double[] time = new double[frames];
      double[][] columns = new double[features][frames];
      double now = 0;
      double phase = random.nextDouble(0, 2 * Math.PI);
      for (int t = 0; t < frames; t++) {
        now += 10 + 10 * random.nextDouble();
        time[t] = now;
        for (int f = 0; f < features; f++) {
          columns[f][t] = 100 * f + 50 * Math.sin(phase + t * 0.05 * (1 + f % 5)) + random.nextGaussian();
        }
      }
      list.add(new Performance("synthetic-" + p, FeatureSet.SPECTRAL, time, columns));
    }
    return new Corpus(list, MinMaxNormaliser.fit(list));
  }

  static Path write(Corpus corpus, Path dir) throws IOException {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < corpus.performances().size(); i++) {
      names.add(String.format("%04d-synthetic", i));
    }
    corpus.write(dir, names, JsonNodeFactory.instance.objectNode());
    return dir;
  }
}
