package org.synthstack.jobs.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.synthstack.jobs.ingest.Manifest;

/**
 * Labels every audio file below an unpack root (one folder per Debian package, as {@code dpkg -x} leaves them) with
 * a {@link LabelRules} table, and gives each its licence from a {@link LicenceTable}. Files inside a Hydrogen kit (a
 * folder holding {@code drumkit.xml}) also get the names of the instruments that play them and the kit's name.
 *
 * <p>Deterministic: files are visited in path order and the rules do not depend on that order. Symbolic links are
 * neither followed nor listed (a link would only duplicate a file).
 */
public final class DrumManifestBuilder {
  /** Extensions (lower case) of the files that are listed; the decoder sniffs the real format later. */
  public static final Set<String> AUDIO_EXTENSIONS = Set.of("wav", "wave", "flac", "ogg", "oga", "aif", "aiff",
      "aifc");

  /** A file no rule labels, with what the rules saw. */
  public record Unlabelled(String path, String source, String kit, String instrument, String file) {}

  /** The labelled entries (sorted by path), the unlabelled files, and problems worth a look. */
  public record Result(List<Manifest.Entry> entries, List<Unlabelled> unlabelled, List<String> warnings) {
    /** Files per source and label, sources and labels in a stable order. */
    public Map<String, Map<String, Long>> counts() {
      Map<String, Map<String, Long>> counts = new TreeMap<>();
      for (Manifest.Entry e : entries) {
        counts.computeIfAbsent(e.source(), s -> new TreeMap<>()).merge(e.label(), 1L, Long::sum);
      }
      return counts;
    }
  }

  private DrumManifestBuilder() {}

  public static Result build(Path root, LabelRules rules, LicenceTable licences) {
    if (!Files.isDirectory(root)) {
      throw new org.synthstack.jobs.InputException("unpack root " + root + ": not a directory");
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + root + ": " + e.getMessage(), e);
    }
    Map<Path, DrumkitXml.Kit> kits = new TreeMap<>();
    List<String> warnings = new ArrayList<>();
    for (Path f : files) {
      if (f.getFileName().toString().equals("drumkit.xml")) {
        try {
          kits.put(f.getParent(), DrumkitXml.parse(Files.readAllBytes(f), relative(root, f)));
        } catch (IOException e) {
          throw new UncheckedIOException("reading " + f + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
          warnings.add(e.getMessage() + "; its files are labelled from their names only");
        }
      }
    }
    List<Manifest.Entry> entries = new ArrayList<>();
    List<Unlabelled> unlabelled = new ArrayList<>();
    for (Path f : files) {
      if (!AUDIO_EXTENSIONS.contains(extension(f))) {
        continue;
      }
      String path = relative(root, f);
      String source = path.contains("/") ? path.substring(0, path.indexOf('/')) : "";
      Path kitDir = kitDirectory(root, f, kits);
      DrumkitXml.Kit kit = kitDir == null ? null : kits.get(kitDir);
      List<String> instruments = kit == null ? List.of() : instruments(kit, relative(kitDir, f));
      String kitName = kit != null ? kit.name() : f.getParent().getFileName().toString();
      String instrumentText = instruments.isEmpty() ? null : String.join(" | ", instruments);
      Optional<LabelRules.Match> match = rules.label(new LabelRules.Evidence(path, instruments, kitName));
      if (match.isEmpty()) {
        unlabelled.add(new Unlabelled(path, source, kitName, instrumentText,
            LabelRules.normalise(new LabelRules.Evidence(path, List.of(), kitName).fileStem())));
        continue;
      }
      String licence = licences.licence(path).map(LicenceTable.Entry::licence)
          .orElse(kit != null && !kit.licence().isEmpty() ? kit.licence() : null);
      if (licence == null) {
        warnings.add(path + ": no licence line covers it and it is in no kit that names one");
      }
      LabelRules.Rule rule = match.get().rule();
      entries.add(new Manifest.Entry(path, match.get().label(), source, kitName, licence, instrumentText,
          rule.location(rules.name()) + " " + rule.field() + " ~ " + rule.pattern().pattern()));
    }
    return new Result(List.copyOf(entries), List.copyOf(unlabelled), List.copyOf(warnings));
  }

  /** The unlabelled list as TSV with a header: path, source, kit, instrument, file (the normalised name). */
  public static String unlabelledTsv(List<Unlabelled> unlabelled) {
    StringBuilder sb = new StringBuilder("path\tsource\tkit\tinstrument\tfile\n");
    for (Unlabelled u : unlabelled) {
      sb.append(clean(u.path())).append('\t').append(clean(u.source())).append('\t').append(clean(u.kit()))
          .append('\t').append(clean(u.instrument())).append('\t').append(clean(u.file())).append('\n');
    }
    return sb.toString();
  }

  private static String clean(String s) {
    return s == null ? "" : s.replace('\t', ' ').replace('\n', ' ');
  }

  /** Instruments of a file, by its path relative to the kit folder; case is ignored if the exact name is absent. */
  private static List<String> instruments(DrumkitXml.Kit kit, String relative) {
    List<String> exact = kit.instrumentsByFile().get(relative);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, List<String>> e : kit.instrumentsByFile().entrySet()) {
      if (e.getKey().equalsIgnoreCase(relative)) {
        return e.getValue();
      }
    }
    return List.of();
  }

  private static Path kitDirectory(Path root, Path file, Map<Path, DrumkitXml.Kit> kits) {
    for (Path dir = file.getParent(); dir != null && dir.startsWith(root); dir = dir.getParent()) {
      if (kits.containsKey(dir)) {
        return dir;
      }
    }
    return null;
  }

  private static String relative(Path base, Path file) {
    return base.relativize(file).toString().replace(java.io.File.separatorChar, '/');
  }

  private static String extension(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
