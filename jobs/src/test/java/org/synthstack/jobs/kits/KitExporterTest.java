package org.synthstack.jobs.kits;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthstack.audio.AudioDecoder;
import org.synthstack.synth.Program;
import org.synthstack.synth.ProgramGenerator;
import org.synthstack.synth.ProgramJson;
import org.synthstack.synth.RenderSettings;
import org.synthstack.synth.StackSizes;
import org.synthstack.synth.SynthRenderer;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** The checks every exported kit must pass; {@code generate} and {@code search} kits are tested with them too. */
public class KitExporterTest {
  @TempDir
  Path dir;

  /** Validates a kit folder: Hydrogen XML against Hydrogen's schema, SFZ regions, WAVs and program JSON. */
  public static void assertLoadableKit(Path kit, String label, int sounds) throws Exception {
    Validator validator = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
        .newSchema(KitExporterTest.class.getResource("/hydrogen/drumkit.xsd")).newValidator();
    validator.validate(new StreamSource(kit.resolve("drumkit.xml").toFile()));

    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Document xml = factory.newDocumentBuilder().parse(kit.resolve("drumkit.xml").toFile());
    NodeList files = xml.getElementsByTagNameNS("http://www.hydrogen-music.org/drumkit", "filename");
    assertThat(files.getLength()).isEqualTo(sounds);
    List<String> samples = new ArrayList<>();
    for (int i = 0; i < files.getLength(); i++) {
      samples.add(files.item(i).getTextContent());
    }

    String sfz = Files.readString(kit.resolve(KitExporter.sfzName(label)));
    Matcher region = Pattern.compile("<region> sample=(\\S+) key=(\\d+)").matcher(sfz);
    List<String> regions = new ArrayList<>();
    while (region.find()) {
      regions.add(region.group(1));
      assertThat(Integer.parseInt(region.group(2))).isBetween(0, 127);
    }
    assertThat(regions).containsExactlyElementsOf(samples);

    for (String sample : samples) {
      Path wav = kit.resolve(sample);
      assertThat(wav).exists();
      var audio = AudioDecoder.decode(Files.readAllBytes(wav), sample);
      assertThat(audio.sampleRate()).isEqualTo(48_000);
      assertThat(audio.frameCount()).isEqualTo(48_000);
      Path json = kit.resolve(sample.replace(".wav", ".json"));
      Program program = ProgramJson.parse(Files.readString(json));
      double[] rerendered = new SynthRenderer(RenderSettings.DEFAULT).render(program);
      for (int n = 0; n < 48_000; n += 97) {
        assertThat(Math.abs(audio.channels()[0][n] - rerendered[n])).isLessThanOrEqualTo(1.5 / (1 << 23));
      }
    }
  }

  @Test
  void exportedKitsLoadInHydrogenAndSfzPlayers() throws Exception {
    ProgramGenerator generator = new ProgramGenerator(StackSizes.parse("1-8"));
    SynthRenderer renderer = new SynthRenderer(RenderSettings.DEFAULT);
    List<KitSound> sounds = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Program p = generator.generate(4, i);
      sounds.add(new KitSound("s4_i" + i, 0.5 + 0.1 * i, p, renderer.render(p)));
    }
    Path kit = dir.resolve("kits/snare");
    KitExporter.export(FileSystem.getLocal(new Configuration()).getRawFileSystem(),
        new org.apache.hadoop.fs.Path(kit.toUri()), "synthstack snare <2026-01-01> & co", "snare", sounds);
    assertLoadableKit(kit, "snare", 3);
  }
}
