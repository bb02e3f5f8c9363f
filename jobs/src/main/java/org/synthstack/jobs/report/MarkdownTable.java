package org.synthstack.jobs.report;

import java.util.ArrayList;
import java.util.List;

/** A GitHub-flavoured Markdown table. */
public final class MarkdownTable {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  public MarkdownTable(String... header) {
    List<String> escaped = new ArrayList<>(header.length);
    for (String h : header) {
      escaped.add(h.replace("|", "\\|"));
    }
    this.header = List.copyOf(escaped);
  }

  public MarkdownTable row(Object... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException("row has " + cells.length + " cells, the table " + header.size());
    }
    List<String> row = new ArrayList<>(cells.length);
    for (Object c : cells) {
      row.add(String.valueOf(c).replace("|", "\\|"));
    }
    rows.add(row);
    return this;
  }

  public int size() {
    return rows.size();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    line(sb, header);
    sb.append('|');
    for (int i = 0; i < header.size(); i++) {
      sb.append("---|");
    }
    sb.append('\n');
    for (List<String> row : rows) {
      line(sb, row);
    }
    return sb.toString();
  }

  private static void line(StringBuilder sb, List<String> cells) {
    sb.append('|');
    for (String c : cells) {
      sb.append(' ').append(c).append(" |");
    }
    sb.append('\n');
  }
}
