package org.synthstack.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MarkdownTableTest {
  @Test
  void plainTablesAreUnchanged() {
    assertThat(new MarkdownTable("model", "macro-F1").row("ExtraTrees", 0.91).toString())
        .isEqualTo("| model | macro-F1 |\n|---|---|\n| ExtraTrees | 0.91 |\n");
  }

  @Test
  void pipesInHeadersAndCellsAreEscapedSoTheColumnCountHolds() {
    String table = new MarkdownTable("|θ̂ − θ*|", "n").row("a|b", 3).toString();
    assertThat(table).isEqualTo("| \\|θ̂ − θ*\\| | n |\n|---|---|\n| a\\|b | 3 |\n");
    // GitHub counts unescaped pipes as cell borders: three per line for two columns.
    table.lines().forEach(line -> assertThat(line.replace("\\|", "").chars().filter(c -> c == '|').count())
        .as(line).isEqualTo(3));
  }

  @Test
  void aRowOfTheWrongWidthIsRejected() {
    assertThatThrownBy(() -> new MarkdownTable("a", "b").row("only one"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 cells").hasMessageContaining("2");
  }
}
