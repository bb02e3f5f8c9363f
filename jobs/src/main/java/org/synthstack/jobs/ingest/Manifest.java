package org.synthstack.jobs.ingest;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.synthstack.jobs.InputException;

/**
 * The manifest of a labelled audio collection: a CSV file (RFC 4180: comma-separated, fields with commas, quotes or
 * line breaks in double quotes, quotes doubled) with a header row. Columns, by header name:
 *
 * <ul>
 *   <li>{@code path} (required): the file; a path without a scheme that does not start with {@code /} is relative
 *       to the manifest's folder, so a collection and its manifest can move together (to {@code s3a://} too);
 *   <li>{@code label} (required, not empty);
 *   <li>{@code source}, {@code kit}, {@code licence} (optional; empty means unknown);
 *   <li>any other column (the builder adds {@code instrument} and {@code rule}) is kept in the file for people and
 *       ignored by ingest.
 * </ul>
 * A path may appear only once.
 */
public final class Manifest {
  /** The columns the debian-drums builder writes, in order. */
  public static final List<String> COLUMNS = List.of("path", "label", "source", "kit", "licence", "instrument",
      "rule");

  /** One file. Empty optional fields are {@code null}. */
  public record Entry(String path, String label, String source, String kit, String licence, String instrument,
      String rule) implements Serializable {}

  private Manifest() {}

  /** Writes entries as CSV with the {@link #COLUMNS} header; {@code null} fields become empty. */
  public static String toCsv(List<Entry> entries) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.join(",", COLUMNS)).append('\n');
    for (Entry e : entries) {
      appendRow(sb, e.path(), e.label(), e.source(), e.kit(), e.licence(), e.instrument(), e.rule());
    }
    return sb.toString();
  }

  /** Appends one CSV row (fields quoted only when needed). */
  public static void appendRow(StringBuilder sb, String... fields) {
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      String f = fields[i] == null ? "" : fields[i];
      if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0
          || (!f.isEmpty() && (Character.isWhitespace(f.charAt(0)) || Character.isWhitespace(f.charAt(f.length() - 1))))) {
        sb.append('"').append(f.replace("\"", "\"\"")).append('"');
      } else {
        sb.append(f);
      }
    }
    sb.append('\n');
  }

  /**
   * Parses a manifest.
   *
   * @param name the manifest's name or path, for error messages
   * @throws InputException naming the line and column that is wrong
   */
  public static List<Entry> parse(String name, String text) {
    List<List<String>> rows = parseCsv(name, text);
    if (rows.isEmpty()) {
      throw new InputException("manifest " + name + ": empty; expected a header row with at least path,label");
    }
    List<String> header = rows.get(0);
    if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
      header.set(0, header.get(0).substring(1));
    }
    int path = header.indexOf("path");
    int label = header.indexOf("label");
    if (path < 0 || label < 0) {
      throw new InputException("manifest " + name + ": header " + header + " lacks "
          + (path < 0 ? "'path'" : "'label'") + "; expected at least path,label");
    }
    int source = header.indexOf("source");
    int kit = header.indexOf("kit");
    int licence = header.indexOf("licence");
    int instrument = header.indexOf("instrument");
    int rule = header.indexOf("rule");
    List<Entry> entries = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int r = 1; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      if (row.size() == 1 && row.get(0).isEmpty()) {
        continue; // a blank line
      }
      String where = "manifest " + name + " row " + (r + 1);
      if (row.size() != header.size()) {
        throw new InputException(where + ": " + row.size() + " fields, expected " + header.size() + " as in the header");
      }
      String p = row.get(path); // not trimmed: a file name may start or end with a space
      String l = row.get(label).trim();
      if (p.isBlank()) {
        throw new InputException(where + ": path is empty");
      }
      if (l.isEmpty()) {
        throw new InputException(where + ": label is empty for " + p);
      }
      if (!seen.add(p)) {
        throw new InputException(where + ": path " + p + " appears twice");
      }
      entries.add(new Entry(p, l, field(row, source), field(row, kit), field(row, licence), field(row, instrument),
          field(row, rule)));
    }
    return entries;
  }

  private static String field(List<String> row, int index) {
    if (index < 0) {
      return null;
    }
    String v = row.get(index).trim();
    return v.isEmpty() ? null : v;
  }

  /** RFC 4180 rows; a quote inside an unquoted field, or an unterminated quoted field, is an error. */
  static List<List<String>> parseCsv(String name, String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int line = 1;
    int i = 0;
    int n = text.length();
    boolean rowOpen = false;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '"' && field.length() == 0) {
        int start = line;
        i++;
        while (true) {
          if (i >= n) {
            throw new InputException("manifest " + name + " line " + start + ": quoted field is never closed");
          }
          char q = text.charAt(i);
          if (q == '"') {
            if (i + 1 < n && text.charAt(i + 1) == '"') {
              field.append('"');
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (q == '\n') {
            line++;
          }
          field.append(q);
          i++;
        }
        if (i < n && text.charAt(i) != ',' && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
          throw new InputException("manifest " + name + " line " + line + ": text after a closing quote");
        }
        rowOpen = true;
        continue;
      }
      if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
        rowOpen = true;
        i++;
      } else if (c == '\r' || c == '\n') {
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        rowOpen = false;
        i += c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
        line++;
      } else {
        if (c == '"') {
          throw new InputException("manifest " + name + " line " + line + ": quote inside an unquoted field");
        }
        field.append(c);
        rowOpen = true;
        i++;
      }
    }
    if (rowOpen || field.length() > 0) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }
}
