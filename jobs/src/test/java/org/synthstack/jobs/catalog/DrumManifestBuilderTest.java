package org.synthstack.jobs.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthstack.jobs.ingest.Manifest;

/** The builder on a small unpack tree shaped like the four Debian packages (file contents do not matter here). */
class DrumManifestBuilderTest {
  private static final String KITS = "hydrogen-drumkits/usr/share/hydrogen/data/drumkits/";
  private static LabelRules rules;
  private static LicenceTable licences;

  @TempDir
  Path root;

  @BeforeAll
  static void load() throws IOException {
    rules = LabelRules.parse("label-rules.tsv", Files.readString(LabelRulesTest.TABLE), DrumLabels.ALL);
    licences = LicenceTable.parse("licences.tsv",
        Files.readString(Path.of("../data-catalog/debian-drums/licences.tsv")));
  }

  private void touch(String relative) throws IOException {
    Path p = root.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.write(p, new byte[] {1});
  }

  private void tree() throws IOException {
    Files.createDirectories(root.resolve(KITS + "Audiophob"));
    Files.writeString(root.resolve(KITS + "Audiophob/drumkit.xml"), """
        <drumkit_info xmlns="http://www.hydrogen-music.org/drumkit"><name>Audiophob</name>
         <license>This work is licensed under the Creative Commons 0 License.</license>
         <instrumentList>
          <instrument><name>Kick</name><layer><filename>86335__zgump__tom-0105.wav</filename></layer></instrument>
          <instrument><name>Open HH</name><layer><filename>104227__minorr__open.wav</filename></layer></instrument>
         </instrumentList></drumkit_info>""", StandardCharsets.UTF_8);
    touch(KITS + "Audiophob/86335__zgump__tom-0105.wav");
    touch(KITS + "Audiophob/104227__minorr__open.wav");
    touch(KITS + "Audiophob/README");
    Files.createDirectories(root.resolve(KITS + "Mystery Kit"));
    Files.writeString(root.resolve(KITS + "Mystery Kit/drumkit.xml"), """
        <drumkit_info><name>Mystery</name><licence>Public domain</licence><instrumentList>
         <instrument><name>Snare</name><filename>a.flac</filename></instrument>
        </instrumentList></drumkit_info>""", StandardCharsets.UTF_8);
    touch(KITS + "Mystery Kit/a.flac");
    touch(KITS + "Mystery Kit/beats_01-10.flac"); // in no instrument, and its name says nothing
    touch("lmms-common/usr/share/lmms/samples/drums/kick01.ogg");
    touch("lmms-common/usr/share/lmms/samples/beats/rave_kick01.ogg");
    touch("lmms-common/usr/share/lmms/presets/x.xpf");
    touch("sonic-pi-samples/usr/share/sonic-pi/samples/BD_HAUS.FLAC");
    touch("sonic-pi-samples/usr/share/sonic-pi/samples/elec_blip.flac");
    Files.createSymbolicLink(root.resolve("sonic-pi-samples/usr/share/sonic-pi/samples/link.flac"),
        root.resolve("sonic-pi-samples/usr/share/sonic-pi/samples/BD_HAUS.FLAC"));
  }

  @Test
  void labelsEveryAudioFileOrListsItAsUnlabelled() throws IOException {
    tree();
    DrumManifestBuilder.Result result = DrumManifestBuilder.build(root, rules, licences);
    assertThat(result.entries()).extracting(e -> e.path() + " " + e.label()).containsExactly(
        KITS + "Audiophob/104227__minorr__open.wav hat",
        KITS + "Audiophob/86335__zgump__tom-0105.wav kick",
        KITS + "Mystery Kit/a.flac snare",
        "lmms-common/usr/share/lmms/samples/beats/rave_kick01.ogg not-percussive",
        "lmms-common/usr/share/lmms/samples/drums/kick01.ogg kick",
        "sonic-pi-samples/usr/share/sonic-pi/samples/BD_HAUS.FLAC kick");
    assertThat(result.unlabelled()).extracting(DrumManifestBuilder.Unlabelled::path).containsExactly(
        KITS + "Mystery Kit/beats_01-10.flac",
        "sonic-pi-samples/usr/share/sonic-pi/samples/elec_blip.flac");

    Manifest.Entry kick = result.entries().get(1);
    assertThat(kick.source()).isEqualTo("hydrogen-drumkits");
    assertThat(kick.kit()).isEqualTo("Audiophob");
    assertThat(kick.instrument()).isEqualTo("Kick");
    assertThat(kick.licence()).isEqualTo("CC0"); // licences.tsv, from debian/copyright
    assertThat(kick.rule()).startsWith("label-rules.tsv:").contains("instrument");
    Manifest.Entry mystery = result.entries().get(2);
    assertThat(mystery.kit()).isEqualTo("Mystery");
    assertThat(mystery.licence()).isEqualTo("Public domain"); // no table line: the kit's own drumkit.xml
    assertThat(result.entries().get(4).kit()).isEqualTo("drums"); // outside Hydrogen, the folder
    assertThat(result.entries().get(5).licence()).isEqualTo("CC0");
    assertThat(result.warnings()).isEmpty();
    assertThat(result.counts()).isEqualTo(Map.of(
        "hydrogen-drumkits", Map.of("hat", 1L, "kick", 1L, "snare", 1L),
        "lmms-common", Map.of("kick", 1L, "not-percussive", 1L),
        "sonic-pi-samples", Map.of("kick", 1L)));

    // Deterministic: the same tree gives the same manifest, byte for byte.
    assertThat(Manifest.toCsv(DrumManifestBuilder.build(root, rules, licences).entries()))
        .isEqualTo(Manifest.toCsv(result.entries()));
    String tsv = DrumManifestBuilder.unlabelledTsv(result.unlabelled());
    assertThat(tsv.lines().toList()).hasSize(3).first().isEqualTo("path\tsource\tkit\tinstrument\tfile");
    assertThat(tsv).contains("beats 01 10");
  }

  @Test
  void theManifestRoundTripsThroughCsv() throws IOException {
    tree();
    List<Manifest.Entry> entries = DrumManifestBuilder.build(root, rules, licences).entries();
    assertThat(Manifest.parse("m.csv", Manifest.toCsv(entries))).isEqualTo(entries);
  }
}
