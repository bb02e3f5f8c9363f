package org.synthstack.improv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A training corpus on disk: a directory that any tool reading the instrument's files can read too.
 *
 * <pre>
 * CORPUS/
 *   performances/0000-loop_amen.json   one instrument JSON per performance, values in the features' own units
 *   performances/0001-...json          (file-name order is corpus order, so the validation split is stable)
 *   normaliser.json                    {"features": [...], "min": [...], "max": [...]} over every frame
 *   manifest.json                      how it was made: analysis settings, sources, frames per source
 * </pre>
 *
 * <p>The performances keep the instrument's units so that the corpus stays the instrument's format; training maps
 * every feature to [0, 1] with {@code normaliser.json} ({@link MinMaxNormaliser}), and a model file carries that same
 * normaliser so its predictions map back.
 */
public record Corpus(List<Performance> performances, MinMaxNormaliser normaliser) {
  public static final String PERFORMANCES = "performances";
  public static final String NORMALISER = "normaliser.json";
  public static final String MANIFEST = "manifest.json";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  public Corpus {
    performances = List.copyOf(performances);
    for (Performance p : performances) {
      normaliser.features().requireSame(p.features(), p.source());
    }
  }

  /** Frames over all performances. */
  public long frames() {
    long n = 0;
    for (Performance p : performances) {
      n += p.frames();
    }
    return n;
  }

  /**
   * Reads a corpus directory. Without {@code normaliser.json} the normaliser is fitted to the performances.
   *
   * @throws CorpusFormatException naming the file and the field of the first malformed file
   */
  public static Corpus read(Path dir, FeatureSet expected) throws IOException {
    Path performancesDir = dir.resolve(PERFORMANCES);
    if (!Files.isDirectory(performancesDir)) {
      throw new CorpusFormatException(dir.toString(), PERFORMANCES, "is not a directory (is this a corpus?)");
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(performancesDir)) {
      files = list.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    }
    List<Performance> performances = new ArrayList<>();
    for (Path file : files) {
      performances.add(PerformanceJson.read(file, expected));
    }
    if (performances.isEmpty()) {
      throw new CorpusFormatException(performancesDir.toString(), "(files)", "holds no .json performance");
    }
    Path normaliserFile = dir.resolve(NORMALISER);
    MinMaxNormaliser normaliser;
    if (Files.exists(normaliserFile)) {
      try (InputStream in = Files.newInputStream(normaliserFile)) {
        normaliser = readNormaliser(in, normaliserFile.toString());
      }
      expected.requireSame(normaliser.features(), normaliserFile.toString());
    } else {
      normaliser = MinMaxNormaliser.fit(performances);
    }
    return new Corpus(performances, normaliser);
  }

  /** Parses a {@code normaliser.json}. */
  public static MinMaxNormaliser readNormaliser(InputStream in, String source) throws CorpusFormatException {
    JsonNode node;
    try {
      node = MAPPER.readTree(in);
    } catch (IOException e) {
      throw new CorpusFormatException(source, "(document)", "is not valid JSON: " + e.getMessage(), e);
    }
    return MinMaxNormaliser.fromJson(node, source, "(root)");
  }

  /**
   * Writes the corpus to {@code dir} as a whole: everything goes to a temporary sibling first, which then replaces
   * {@code dir}; a failure leaves {@code dir} as it was.
   *
   * @param names one file name per performance (without directory; {@code .json} is appended if missing)
   * @param manifest extra description written as {@code manifest.json} (the frame count is added)
   */
  public void write(Path dir, List<String> names, ObjectNode manifest) throws IOException {
    if (names.size() != performances.size()) {
      throw new IllegalArgumentException(names.size() + " names for " + performances.size() + " performances");
    }
    Path target = dir.toAbsolutePath();
    Path parent = target.getParent();
    Files.createDirectories(parent);
    Path staging = Files.createTempDirectory(parent, "." + target.getFileName() + ".staging-");
    Path old = null;
    try {
      Path performancesDir = Files.createDirectory(staging.resolve(PERFORMANCES));
      for (int i = 0; i < performances.size(); i++) {
        String name = names.get(i).endsWith(".json") ? names.get(i) : names.get(i) + ".json";
        PerformanceJson.write(performances.get(i), performancesDir.resolve(name));
      }
      MAPPER.writerWithDefaultPrettyPrinter().writeValue(staging.resolve(NORMALISER).toFile(), normaliser.toJson());
      ObjectNode meta = manifest.deepCopy();
      meta.put("frames", frames());
      meta.put("performances", performances.size());
      MAPPER.writerWithDefaultPrettyPrinter().writeValue(staging.resolve(MANIFEST).toFile(), meta);
      if (Files.exists(target)) {
        old = parent.resolve("." + target.getFileName() + ".old-" + System.nanoTime());
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      staging = null;
    } catch (IOException | RuntimeException e) {
      if (old != null && !Files.exists(target)) {
        Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
        old = null;
      }
      throw e;
    } finally {
      deleteTree(staging);
      deleteTree(old);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (NoSuchFileException e) {
          // already gone
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
