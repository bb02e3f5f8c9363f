package org.synthstack.jobs.improv;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.synthstack.improv.Corpus;
import org.synthstack.improv.FeatureSet;
import org.synthstack.improv.MinMaxNormaliser;
import org.synthstack.improv.Performance;
import org.synthstack.improv.PerformanceJson;

/**
 * A corpus as plain arrays, so the driver can read it once (from a local disk, HDFS or s3a) and broadcast it to the
 * training tasks.
 */
final class CorpusPayload implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<String> features;
  private final double[] min;
  private final double[] max;
  private final String[] sources;
  private final double[][] times;
  private final double[][][] columns;

  private CorpusPayload(Corpus corpus) {
    MinMaxNormaliser n = corpus.normaliser();
    this.features = new ArrayList<>(n.features().names());
    this.min = new double[features.size()];
    this.max = new double[features.size()];
    for (int f = 0; f < min.length; f++) {
      min[f] = n.min(f);
      max[f] = n.max(f);
    }
    int count = corpus.performances().size();
    this.sources = new String[count];
    this.times = new double[count][];
    this.columns = new double[count][][];
    for (int i = 0; i < count; i++) {
      Performance p = corpus.performances().get(i);
      sources[i] = p.source();
      times[i] = p.timeMs();
      columns[i] = p.columns();
    }
  }

  static CorpusPayload of(Corpus corpus) {
    return new CorpusPayload(corpus);
  }

  Corpus corpus() {
    FeatureSet set = new FeatureSet(features);
    List<Performance> performances = new ArrayList<>();
    for (int i = 0; i < sources.length; i++) {
      performances.add(new Performance(sources[i], set, times[i], columns[i]));
    }
    return new Corpus(performances, new MinMaxNormaliser(set, min, max));
  }

  /**
   * Reads a corpus directory ({@link Corpus}) through Hadoop's FileSystem. Without {@code normaliser.json}, the
   * normaliser is fitted to the performances read.
   */
  static Corpus read(String dir, FeatureSet expected, Configuration conf) throws IOException {
    Path root = new Path(dir);
    FileSystem fs = root.getFileSystem(conf);
    Path performancesDir = new Path(root, Corpus.PERFORMANCES);
    if (!fs.isDirectory(performancesDir)) {
      throw new org.synthstack.improv.CorpusFormatException(dir, Corpus.PERFORMANCES,
          "is not a directory (is this a corpus made by 'improv corpus'?)");
    }
    FileStatus[] listing = fs.listStatus(performancesDir, p -> p.getName().endsWith(".json"));
    Arrays.sort(listing, (a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
    List<Performance> performances = new ArrayList<>();
    for (FileStatus status : listing) {
      try (InputStream in = fs.open(status.getPath())) {
        performances.add(PerformanceJson.read(in, status.getPath().toString(), expected));
      }
    }
    if (performances.isEmpty()) {
      throw new org.synthstack.improv.CorpusFormatException(performancesDir.toString(), "(files)",
          "holds no .json performance");
    }
    Path normaliserFile = new Path(root, Corpus.NORMALISER);
    MinMaxNormaliser normaliser;
    if (fs.exists(normaliserFile)) {
      try (InputStream in = fs.open(normaliserFile)) {
        normaliser = Corpus.readNormaliser(in, normaliserFile.toString());
      }
      expected.requireSame(normaliser.features(), normaliserFile.toString());
    } else {
      normaliser = MinMaxNormaliser.fit(performances);
    }
    return new Corpus(performances, normaliser);
  }

  /**
   * About {@code maxFrames} frames of the corpus, spread over it: every k-th performance, whole, with k = round(frames
   * / maxFrames), counted back from the last one so that the validation split is still the corpus's end. Every kind
   * of recording keeps a voice, and no performance is cut short. The whole corpus if {@code maxFrames} is 0 or
   * covers it.
   */
  static Corpus slice(Corpus corpus, long maxFrames) {
    if (maxFrames <= 0 || corpus.frames() <= maxFrames) {
      return corpus;
    }
    long k = Math.max(1, Math.round((double) corpus.frames() / maxFrames));
    List<Performance> all = corpus.performances();
    List<Performance> kept = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if ((all.size() - 1 - i) % k == 0) {
        kept.add(all.get(i));
      }
    }
    return new Corpus(kept, corpus.normaliser());
  }
}
