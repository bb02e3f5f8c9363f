package org.synthstack.jobs.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.synthstack.jobs.InputException;

/**
 * A table of labelling rules, read from a tab-separated file such as {@code data-catalog/debian-drums/label-rules.tsv}:
 * one rule per line, {@code priority <TAB> label <TAB> field <TAB> regex <TAB> note}; {@code #} starts a comment line.
 *
 * <p>A rule matches a file when its case-insensitive regex is found in the named field of the file's
 * {@link Evidence}:
 *
 * <ul>
 *   <li>{@code instrument}: each Hydrogen instrument name that plays the file (from the kit's {@code drumkit.xml}),
 *       {@linkplain #normalise normalised};
 *   <li>{@code file}: the file name without its extension, normalised;
 *   <li>{@code path}: the path below the unpack root as is, {@code /}-separated, starting with the package name;
 *   <li>{@code kit}: the kit name as is.
 * </ul>
 *
 * Of all matching rules the one with the smallest priority wins; equal priorities go to the rule written first.
 * The outcome depends only on the table and the evidence, never on the order files are visited.
 */
public final class LabelRules {
  public static final Set<String> FIELDS = Set.of("instrument", "file", "path", "kit");

  /** One line of the table. {@code line} is its 1-based line number, for audit trails. */
  public record Rule(int line, int priority, String label, String field, Pattern pattern, String note) {
    /** Where the rule is written, e.g. {@code label-rules.tsv:42}. */
    public String location(String tableName) {
      return tableName + ":" + line;
    }
  }

  /**
   * What is known about one file.
   *
   * @param path path below the unpack root, {@code /}-separated, starting with the package directory
   * @param instruments names of the Hydrogen instruments that play the file, in kit order (may be empty)
   * @param kit the Hydrogen kit name, or the name of the folder holding the file
   */
  public record Evidence(String path, List<String> instruments, String kit) {
    public Evidence {
      instruments = List.copyOf(instruments);
    }

    /** The file name without directory and extension. */
    public String fileStem() {
      String name = path.substring(path.lastIndexOf('/') + 1);
      int dot = name.lastIndexOf('.');
      return dot > 0 ? name.substring(0, dot) : name;
    }
  }

  /** The winning rule and the (normalised) value it matched. */
  public record Match(Rule rule, String value) {
    public String label() {
      return rule.label();
    }
  }

  private final String name;
  private final List<Rule> rules;

  private LabelRules(String name, List<Rule> rules) {
    this.name = name;
    this.rules = rules;
  }

  /**
   * Parses a rule table.
   *
   * @param name the table's file name, used in error messages and {@link Rule#location}
   * @param labels the labels a rule may assign
   * @throws InputException naming the line and the field that is wrong
   */
  public static LabelRules parse(String name, String text, List<String> labels) {
    List<Rule> rules = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String where = name + ":" + (i + 1);
      String[] cells = line.split("\t", -1);
      if (cells.length < 4 || cells.length > 5) {
        throw new InputException(where + ": expected 4 or 5 tab-separated columns (priority, label, field, regex, "
            + "note) but found " + cells.length);
      }
      int priority;
      try {
        priority = Integer.parseInt(cells[0].trim());
      } catch (NumberFormatException e) {
        throw new InputException(where + ": priority '" + cells[0] + "' is not an integer");
      }
      String label = cells[1].trim();
      if (!labels.contains(label)) {
        throw new InputException(where + ": label '" + label + "' is not one of " + labels);
      }
      String field = cells[2].trim();
      if (!FIELDS.contains(field)) {
        throw new InputException(where + ": field '" + field + "' is not one of instrument, file, path, kit");
      }
      Pattern pattern;
      try {
        pattern = Pattern.compile(cells[3], Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
      } catch (PatternSyntaxException e) {
        throw new InputException(where + ": regex '" + cells[3] + "' does not compile: " + e.getDescription());
      }
      if (cells[3].isEmpty()) {
        throw new InputException(where + ": regex is empty");
      }
      rules.add(new Rule(i + 1, priority, label, field, pattern, cells.length == 5 ? cells[4].trim() : ""));
    }
    if (rules.isEmpty()) {
      throw new InputException(name + ": no rules");
    }
    rules.sort(Comparator.comparingInt(Rule::priority).thenComparingInt(Rule::line));
    return new LabelRules(name, List.copyOf(rules));
  }

  /** The table's file name. */
  public String name() {
    return name;
  }

  /** The rules in the order they are tried. */
  public List<Rule> rules() {
    return rules;
  }

  /** The first rule, in priority order, that matches the evidence. */
  public Optional<Match> label(Evidence evidence) {
    String file = normalise(evidence.fileStem());
    List<String> instruments = new ArrayList<>();
    for (String instrument : evidence.instruments()) {
      instruments.add(normalise(instrument));
    }
    for (Rule rule : rules) {
      switch (rule.field()) {
        case "instrument" -> {
          for (String instrument : instruments) {
            if (rule.pattern().matcher(instrument).find()) {
              return Optional.of(new Match(rule, instrument));
            }
          }
        }
        case "file" -> {
          if (rule.pattern().matcher(file).find()) {
            return Optional.of(new Match(rule, file));
          }
        }
        case "path" -> {
          if (rule.pattern().matcher(evidence.path()).find()) {
            return Optional.of(new Match(rule, evidence.path()));
          }
        }
        case "kit" -> {
          if (evidence.kit() != null && rule.pattern().matcher(evidence.kit()).find()) {
            return Optional.of(new Match(rule, evidence.kit()));
          }
        }
        default -> throw new IllegalStateException(rule.field());
      }
    }
    return Optional.empty();
  }

  /**
   * Turns a name into lower-case words separated by single spaces, so that rules can use {@code \b}: camelCase and
   * letter/digit boundaries become word breaks, and every run of other characters becomes one space.
   * {@code "PearlSnareRimshot-Softest"} gives {@code "pearl snare rimshot softest"}, {@code "808_Hat_Closed"} gives
   * {@code "808 hat closed"}, {@code "Hi-Hat Closed (Paiste 14\")"} gives {@code "hi hat closed paiste 14"}. Runs of
   * capitals stay together ({@code "OHH"} gives {@code "ohh"}).
   */
  public static String normalise(String name) {
    String s = name.replaceAll("(\\p{Ll})(\\p{Lu})", "$1 $2")
        .replaceAll("(\\p{L})(\\p{N})", "$1 $2")
        .replaceAll("(\\p{N})(\\p{L})", "$1 $2")
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^\\p{L}\\p{N}]+", " ");
    return s.trim();
  }
}
