package org.synthstack.jobs.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.synthstack.jobs.InputException;

class DrumkitXmlTest {
  /** The namespaced format with velocity layers (Hydrogen 0.9.7+), as GMRockKit. */
  static final String LAYERED = """
      <?xml version="1.0" encoding="UTF-8"?>
      <drumkit_info xmlns="http://www.hydrogen-music.org/drumkit" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
       <name>GMRockKit</name>
       <author>Glen MacArthur / Sebastian Moors</author>
       <info>&lt;!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.0//EN"&gt;</info>
       <license>GPL</license>
       <instrumentList>
        <instrument>
         <id>0</id>
         <name>Kick</name>
         <layer><filename>Kick-Softest.wav</filename><min>0</min><max>0.2</max></layer>
         <layer><filename>Kick-Hard.wav</filename><min>0.2</min><max>1</max></layer>
        </instrument>
        <instrument>
         <id>1</id>
         <name>Tom Mid</name>
         <layer><filename>tom_01.flac</filename></layer>
        </instrument>
        <instrument>
         <id>2</id>
         <name>Tom Hi</name>
         <layer><filename>tom_01.flac</filename></layer>
        </instrument>
        <instrument>
         <id>16</id>
         <name>17</name>
         <layer><filename>emptySample.flac</filename></layer>
        </instrument>
       </instrumentList>
      </drumkit_info>
      """;

  /** The oldest format: no namespace, {@code <licence>}, the file directly under the instrument. */
  static final String OLD = """
      <drumkit_info>
       <name>Millo_MultiLayered3</name>
       <licence>GPL</licence>
       <instrumentList>
        <instrument><id>0</id><name>Stick</name><filename>./rs_01.flac</filename></instrument>
        <instrument><id>1</id><name></name><filename></filename></instrument>
       </instrumentList>
      </drumkit_info>
      """;

  @Test
  void readsNameLicenceAndWhichInstrumentsPlayEachFile() {
    DrumkitXml.Kit kit = DrumkitXml.parse(LAYERED.getBytes(StandardCharsets.UTF_8), "GMRockKit/drumkit.xml");
    assertThat(kit.name()).isEqualTo("GMRockKit");
    assertThat(kit.licence()).isEqualTo("GPL");
    assertThat(kit.instrumentsByFile()).containsEntry("Kick-Softest.wav", List.of("Kick"))
        .containsEntry("Kick-Hard.wav", List.of("Kick"))
        .containsEntry("tom_01.flac", List.of("Tom Mid", "Tom Hi"))
        .containsEntry("emptySample.flac", List.of()); // "17" is a numbered empty slot, not a name
  }

  @Test
  void readsTheOldFormat() {
    DrumkitXml.Kit kit = DrumkitXml.parse(OLD.getBytes(StandardCharsets.UTF_8), "old");
    assertThat(kit.name()).isEqualTo("Millo_MultiLayered3");
    assertThat(kit.licence()).isEqualTo("GPL");
    assertThat(kit.instrumentsByFile()).containsOnlyKeys("rs_01.flac").containsEntry("rs_01.flac", List.of("Stick"));
  }

  @Test
  void neverLoadsExternalEntities() {
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY e SYSTEM \"file:///etc/hostname\">]>"
        + "<drumkit_info><name>&e;</name></drumkit_info>";
    try {
      DrumkitXml.Kit kit = DrumkitXml.parse(xxe.getBytes(StandardCharsets.UTF_8), "evil.xml");
      assertThat(kit.name()).isIn("", "evil.xml");
    } catch (InputException e) {
      assertThat(e).hasMessageContaining("evil.xml");
    }
  }

  @Test
  void rejectsWhatIsNotAKit() {
    assertThatThrownBy(() -> DrumkitXml.parse("<song/>".getBytes(StandardCharsets.UTF_8), "x.xml"))
        .isInstanceOf(InputException.class).hasMessageContaining("x.xml").hasMessageContaining("<drumkit_info>");
    assertThatThrownBy(() -> DrumkitXml.parse("<drumkit_info>".getBytes(StandardCharsets.UTF_8), "y.xml"))
        .isInstanceOf(InputException.class).hasMessageContaining("y.xml");
  }
}
