package org.synthstack.jobs.kits;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.synthstack.audio.WavWriter;
import org.synthstack.synth.ProgramJson;
import org.synthstack.synth.SynthLimits;

/**
 * Exports a kit a sampler can load: a folder holding each sound as a 48 kHz 24-bit WAV next to its program JSON
 * (so a sound designer can edit and re-render it), a Hydrogen {@code drumkit.xml} (one instrument per sound), and
 * an SFZ file mapping the sounds to consecutive MIDI keys from C1 (36).
 */
public final class KitExporter {
  /** The MIDI key of the kit's first sound (C1, General MIDI's bass drum). */
  public static final int FIRST_KEY = 36;
  private static final String HYDROGEN_NS = "http://www.hydrogen-music.org/drumkit";

  private KitExporter() {}

  /** Writes the kit into {@code dir} (created if missing); files with the same names are replaced. */
  public static void export(FileSystem fs, Path dir, String kitName, String label, List<KitSound> sounds)
      throws IOException {
    fs.mkdirs(dir);
    for (KitSound s : sounds) {
      try (OutputStream out = fs.create(new Path(dir, s.id() + ".wav"), true)) {
        WavWriter.writeMono(out, s.audio(), SynthLimits.SAMPLE_RATE, WavWriter.SampleFormat.PCM_24);
      }
      try (OutputStream out = fs.create(new Path(dir, s.id() + ".json"), true)) {
        out.write(ProgramJson.toPrettyJson(s.program()).getBytes(StandardCharsets.UTF_8));
      }
    }
    try (OutputStream out = fs.create(new Path(dir, "drumkit.xml"), true)) {
      writeHydrogen(out, kitName, label, sounds);
    }
    try (OutputStream out = fs.create(new Path(dir, sfzName(label)), true)) {
      out.write(sfz(kitName, sounds).getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The SFZ file's name for a kit of {@code label}. */
  public static String sfzName(String label) {
    return label + ".sfz";
  }

  static String sfz(String kitName, List<KitSound> sounds) {
    StringBuilder sb = new StringBuilder();
    sb.append("// ").append(kitName).append(": ").append(sounds.size()).append(" sounds from synthstack\n");
    sb.append("<control> default_path=./\n");
    sb.append("<group> loop_mode=one_shot\n");
    for (int i = 0; i < sounds.size(); i++) {
      KitSound s = sounds.get(i);
      sb.append(String.format(Locale.ROOT, "<region> sample=%s.wav key=%d // p=%.3f%n", s.id(), FIRST_KEY + i,
          s.probability()));
    }
    return sb.toString();
  }

  static void writeHydrogen(OutputStream out, String kitName, String label, List<KitSound> sounds) throws IOException {
    try {
      Writer text = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(text);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement("drumkit_info");
      xml.writeDefaultNamespace(HYDROGEN_NS);
      element(xml, "name", kitName);
      element(xml, "author", "synthstack");
      element(xml, "info", sounds.size() + " synthesized " + label + " sounds, each with its editable program (JSON).");
      element(xml, "license", "CC0");
      element(xml, "image", "");
      element(xml, "imageLicense", "undefined license");
      xml.writeStartElement("componentList");
      xml.writeStartElement("drumkitComponent");
      element(xml, "id", "0");
      element(xml, "name", "Main");
      element(xml, "volume", "1");
      xml.writeEndElement();
      xml.writeEndElement();
      xml.writeStartElement("instrumentList");
      for (int i = 0; i < sounds.size(); i++) {
        writeInstrument(xml, i, sounds.get(i));
      }
      xml.writeEndElement();
      xml.writeEndElement();
      xml.writeEndDocument();
      xml.flush();
      text.flush();
    } catch (XMLStreamException e) {
      throw new IOException("writing drumkit.xml: " + e.getMessage(), e);
    }
  }

  private static void writeInstrument(XMLStreamWriter xml, int id, KitSound s) throws XMLStreamException {
    xml.writeStartElement("instrument");
    element(xml, "id", Integer.toString(id));
    element(xml, "name", s.id());
    element(xml, "volume", "1");
    element(xml, "isMuted", "false");
    element(xml, "isSoloed", "false");
    element(xml, "pan", "0");
    element(xml, "pitchOffset", "0");
    element(xml, "randomPitchFactor", "0");
    element(xml, "gain", "1");
    element(xml, "applyVelocity", "true");
    element(xml, "filterActive", "false");
    element(xml, "filterCutoff", "1");
    element(xml, "filterResonance", "0");
    element(xml, "Attack", "0");
    element(xml, "Decay", "0");
    element(xml, "Sustain", "1");
    element(xml, "Release", "1000");
    element(xml, "muteGroup", "-1");
    element(xml, "midiOutChannel", "-1");
    element(xml, "midiOutNote", Integer.toString(FIRST_KEY + id));
    element(xml, "isStopNote", "false");
    element(xml, "sampleSelectionAlgo", "VELOCITY");
    element(xml, "isHihat", "-1");
    element(xml, "lower_cc", "0");
    element(xml, "higher_cc", "127");
    xml.writeStartElement("instrumentComponent");
    element(xml, "component_id", "0");
    element(xml, "gain", "1");
    xml.writeStartElement("layer");
    element(xml, "filename", s.id() + ".wav");
    element(xml, "min", "0");
    element(xml, "max", "1");
    element(xml, "gain", "1");
    element(xml, "pitch", "0");
    xml.writeEndElement();
    xml.writeEndElement();
    xml.writeEndElement();
  }

  private static void element(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
    xml.writeStartElement(name);
    xml.writeCharacters(value);
    xml.writeEndElement();
  }
}
