package org.synthstack.jobs.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.synthstack.jobs.catalog.DrumLabels;
import org.synthstack.jobs.report.MarkdownTable;

/** The count tables of ingest and of the manifest builder, in the manner of the paper's Table 1. */
public final class IngestReport {
  private IngestReport() {}

  /**
   * Labels down (the debian-drums labels in their order first, then any other label alphabetically), sources
   * across, with a total column and a total row.
   *
   * @param counts files per source and label
   */
  public static MarkdownTable labelCounts(Map<String, Map<String, Long>> counts) {
    List<String> sources = new ArrayList<>(new TreeSet<>(counts.keySet()));
    List<String> labels = labels(counts);
    List<String> header = new ArrayList<>();
    header.add("label");
    header.addAll(sources);
    if (sources.size() != 1) {
      header.add("total");
    }
    MarkdownTable table = new MarkdownTable(header.toArray(String[]::new));
    long[] totals = new long[sources.size() + 1];
    for (String label : labels) {
      List<Object> row = new ArrayList<>();
      row.add(label);
      long total = 0;
      for (int i = 0; i < sources.size(); i++) {
        long n = counts.get(sources.get(i)).getOrDefault(label, 0L);
        row.add(n);
        totals[i] += n;
        total += n;
      }
      totals[sources.size()] += total;
      if (sources.size() != 1) {
        row.add(total);
      }
      table.row(row.toArray());
    }
    List<Object> last = new ArrayList<>();
    last.add("**total**");
    for (int i = 0; i < sources.size(); i++) {
      last.add(totals[i]);
    }
    if (sources.size() != 1) {
      last.add(totals[sources.size()]);
    }
    table.row(last.toArray());
    return table;
  }

  /** One line as the paper writes Table 1: {@code name  kick:97 - snare:130 - ...} over all sources. */
  public static String paperLine(String name, Map<String, Map<String, Long>> counts) {
    List<String> parts = new ArrayList<>();
    for (String label : labels(counts)) {
      long n = counts.values().stream().mapToLong(m -> m.getOrDefault(label, 0L)).sum();
      parts.add(label + ":" + n);
    }
    return name + "  " + String.join(" - ", parts);
  }

  private static List<String> labels(Map<String, Map<String, Long>> counts) {
    TreeSet<String> labels = new TreeSet<>((a, b) -> DrumLabels.order(a) != DrumLabels.order(b)
        ? Integer.compare(DrumLabels.order(a), DrumLabels.order(b)) : a.compareTo(b));
    counts.values().forEach(m -> labels.addAll(m.keySet()));
    return new ArrayList<>(labels);
  }
}
