package org.synthstack.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.synthstack.audio.AudioLoader;
import org.synthstack.features.EarFeatureExtractor;
import org.synthstack.features.EarFeatures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "features", mixinStandardHelpOptions = true,
    description = "Prints the ear features of an audio file (WAV, FLAC or Ogg Vorbis; mixed to mono and resampled "
        + "to 48 kHz) as JSON: envelope[10], frequency[50], spectrum[30][20].")
final class FeaturesCommand implements Callable<Integer> {
  @Option(names = "--in", required = true, paramLabel = "X.wav", description = "The audio file.")
  Path in;

  @picocli.CommandLine.Mixin
  ConfigOptions config;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    config.printEffectiveConfig();
    byte[] bytes = Files.read(in, "audio file");
    AudioLoader.MonoAudio audio = AudioLoader.loadMono(bytes, in.toString(), EarFeatureExtractor.SAMPLE_RATE);
    EarFeatures f = new EarFeatureExtractor().extract(audio.samples());
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode json = mapper.createObjectNode();
    ArrayNode envelope = json.putArray("envelope");
    for (float v : f.envelope()) {
      envelope.add(v);
    }
    ArrayNode frequency = json.putArray("frequency");
    for (float v : f.frequency()) {
      frequency.add(v);
    }
    ArrayNode spectrum = json.putArray("spectrum");
    for (float[] band : f.spectrum()) {
      ArrayNode row = spectrum.addArray();
      for (float v : band) {
        row.add(v);
      }
    }
    spec.commandLine().getOut().println(mapper.writeValueAsString(json));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
