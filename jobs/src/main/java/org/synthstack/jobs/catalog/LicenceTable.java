package org.synthstack.jobs.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.synthstack.jobs.InputException;

/**
 * Licences of files by path, read from a tab-separated table such as {@code data-catalog/debian-drums/licences.tsv}:
 * {@code regex <TAB> licence <TAB> evidence}, {@code #} starts a comment line. The regex is found (case-sensitively)
 * in the path below the unpack root; the first matching line wins. The evidence column says where the licence was
 * read (a {@code debian/copyright} stanza, a {@code drumkit.xml}, an upstream README).
 */
public final class LicenceTable {
  public record Entry(int line, Pattern pattern, String licence, String evidence) {}

  private final List<Entry> entries;

  private LicenceTable(List<Entry> entries) {
    this.entries = entries;
  }

  public static LicenceTable parse(String name, String text) {
    List<Entry> entries = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String where = name + ":" + (i + 1);
      String[] cells = line.split("\t", -1);
      if (cells.length != 3) {
        throw new InputException(where + ": expected 3 tab-separated columns (regex, licence, evidence) but found "
            + cells.length);
      }
      if (cells[1].isBlank()) {
        throw new InputException(where + ": licence is empty");
      }
      try {
        entries.add(new Entry(i + 1, Pattern.compile(cells[0]), cells[1].trim(), cells[2].trim()));
      } catch (PatternSyntaxException e) {
        throw new InputException(where + ": regex '" + cells[0] + "' does not compile: " + e.getDescription());
      }
    }
    return new LicenceTable(List.copyOf(entries));
  }

  /** The licence of the file at {@code path} (below the unpack root), if a line covers it. */
  public Optional<Entry> licence(String path) {
    for (Entry e : entries) {
      if (e.pattern().matcher(path).find()) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
