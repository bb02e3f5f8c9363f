package org.synthstack.jobs.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.synthstack.audio.WavWriter;
import org.synthstack.synth.Program;
import org.synthstack.synth.ProgramJson;
import org.synthstack.synth.RenderSettings;
import org.synthstack.synth.SynthLimits;
import org.synthstack.synth.SynthRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "render-program", mixinStandardHelpOptions = true,
    description = "Renders one program (JSON) to a 48 kHz mono WAV file.")
final class RenderProgramCommand implements Callable<Integer> {
  @Option(names = "--program", required = true, paramLabel = "P.json", description = "The program to render.")
  Path program;

  @Option(names = "--out", required = true, paramLabel = "P.wav", description = "The WAV file to write.")
  Path out;

  @Option(names = "--format", defaultValue = "PCM_24", paramLabel = "FORMAT",
      description = "Sample format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  WavWriter.SampleFormat format;

  @Option(names = "--no-output-band", description = "Skip the fixed 80 Hz - 15 kHz output band-pass.")
  boolean noOutputBand;

  @picocli.CommandLine.Mixin
  ConfigOptions config;

  @Override
  public Integer call() throws Exception {
    config.printEffectiveConfig();
    String json = new String(Files.read(program, "program"), StandardCharsets.UTF_8);
    Program parsed = parse(json);
    RenderSettings settings = noOutputBand ? RenderSettings.DEFAULT.withoutOutputBand() : RenderSettings.DEFAULT;
    double[] audio = new SynthRenderer(settings).render(parsed);
    Files.writeAtomically(out, stream -> WavWriter.writeMono(stream, audio, SynthLimits.SAMPLE_RATE, format));
    return 0;
  }

  private Program parse(String json) {
    try {
      return ProgramJson.parse(json);
    } catch (org.synthstack.synth.InvalidProgramException e) {
      throw new org.synthstack.jobs.InputException("program " + program + ": " + e.getMessage(), e);
    }
  }
}
