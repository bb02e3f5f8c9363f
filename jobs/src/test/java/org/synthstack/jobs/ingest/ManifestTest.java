package org.synthstack.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.synthstack.jobs.InputException;

class ManifestTest {
  @Test
  void quotedFieldsKeepCommasQuotesAndLineBreaks() {
    List<Manifest.Entry> entries = List.of(
        new Manifest.Entry("kits/The Black Pearl 1.0/a,b.wav", "kick", "hydrogen-drumkits", "Kit \"A\"",
            "cc-by ==> http://x/, 3.0", "Kick | Kick 2", null),
        new Manifest.Entry("x.flac", "not-percussive", null, null, null, null, "two\nlines"));
    String csv = Manifest.toCsv(entries);
    assertThat(csv).startsWith("path,label,source,kit,licence,instrument,rule\n")
        .contains("\"kits/The Black Pearl 1.0/a,b.wav\"").contains("\"Kit \"\"A\"\"\"");
    assertThat(Manifest.parse("m.csv", csv)).isEqualTo(entries);
  }

  @Test
  void columnsAreFoundByNameAndExtraColumnsIgnored() {
    String csv = "\uFEFFnotes,label,path\r\nhello,snare,s.wav\r\n\r\n,kick,k.wav";
    assertThat(Manifest.parse("m.csv", csv)).containsExactly(
        new Manifest.Entry("s.wav", "snare", null, null, null, null, null),
        new Manifest.Entry("k.wav", "kick", null, null, null, null, null));
  }

  @Test
  void errorsNameTheManifestAndTheRow() {
    assertThatThrownBy(() -> Manifest.parse("m.csv", "file,label\na,b\n"))
        .isInstanceOf(InputException.class).hasMessageContaining("m.csv").hasMessageContaining("lacks 'path'");
    assertThatThrownBy(() -> Manifest.parse("m.csv", "path,label\na.wav,kick\nb.wav\n"))
        .isInstanceOf(InputException.class).hasMessageContaining("row 3").hasMessageContaining("1 fields");
    assertThatThrownBy(() -> Manifest.parse("m.csv", "path,label\na.wav,kick\na.wav,snare\n"))
        .isInstanceOf(InputException.class).hasMessageContaining("row 3").hasMessageContaining("appears twice");
    assertThatThrownBy(() -> Manifest.parse("m.csv", "path,label\n\"a.wav,kick\n"))
        .isInstanceOf(InputException.class).hasMessageContaining("line 2").hasMessageContaining("never closed");
    assertThatThrownBy(() -> Manifest.parse("m.csv", "path,label\na\"b.wav,kick\n"))
        .isInstanceOf(InputException.class).hasMessageContaining("line 2").hasMessageContaining("quote");
    assertThatThrownBy(() -> Manifest.parse("m.csv", ""))
        .isInstanceOf(InputException.class).hasMessageContaining("empty");
  }
}
