package org.synthstack.improv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.synthstack.audio.AudioDecodeException;
import org.synthstack.audio.AudioLoader;
import org.synthstack.features.SpectralDescriptors;
import org.synthstack.features.SpectralSettings;

/**
 * Turns recordings and instrument files into a {@link Corpus}: every audio file (WAV, FLAC, Ogg Vorbis) is decoded,
 * mixed to mono, resampled, trimmed of leading and trailing silence and described frame by frame ({@link
 * SpectralDescriptors}); every {@code .json} file is read as the instrument's performance JSON.
 *
 * <p><b>About 80 000 frames.</b> The seed trained on about 80 000 frames. Unless a hop is fixed, the builder picks
 * the hop that analyses all the audio into about {@code targetFrames} frames (counting the instrument files' frames
 * too), bounded below by {@code minHop} and above by the frame size (no gaps between frames). Less audio than that
 * yields fewer frames, and the manifest says so.
 */
public final class CorpusBuilder {
  /** Extensions read as audio. */
  public static final List<String> AUDIO_EXTENSIONS = List.of(".wav", ".flac", ".ogg", ".oga");
  /** The extension read as instrument JSON. */
  public static final String JSON_EXTENSION = ".json";

  /**
   * @param spectral sample rate, frame size, rolloff (and the hop, if {@code fixedHop})
   * @param fixedHop use {@code spectral.hopSize()} as it is instead of aiming at {@code targetFrames}
   * @param targetFrames frames to aim for over the whole corpus
   * @param minHop the smallest hop the target may choose, samples
   * @param silenceThreshold |sample| at or below which leading and trailing samples are trimmed (0 = no trimming)
   */
  public record Settings(
      SpectralSettings spectral, boolean fixedHop, int targetFrames, int minHop, double silenceThreshold) {
    /** The seed's scale: ~80 000 frames of 2048 samples at 48 kHz, hop at least 128, trim below −60 dBFS. */
    public static final Settings DEFAULT = new Settings(SpectralSettings.DEFAULT, false, 80_000, 128, 1e-3);

    public Settings {
      if (targetFrames < 1 || minHop < 1 || !(silenceThreshold >= 0)) {
        throw new IllegalArgumentException("targetFrames and minHop must be positive, silenceThreshold >= 0");
      }
    }
  }

  /**
   * What went into the corpus.
   *
   * @param file the input file
   * @param kind {@code audio} or {@code json}
   * @param frames frames it contributed
   * @param seconds its analysed duration (audio after trimming; JSON: last time − first time)
   */
  public record Source(Path file, String kind, int frames, double seconds) {}

  /**
   * @param corpus the performances, in input order, and their normaliser
   * @param names one output file name per performance ({@code NNNN-basename.json})
   * @param sources what each input contributed
   * @param hop the hop used for audio, samples
   * @param settings the settings, with that hop
   */
  public record Result(Corpus corpus, List<String> names, List<Source> sources, int hop, Settings settings) {}

  private CorpusBuilder() {}

  /** Every audio and JSON file under {@code inputs} (files as given, directories walked), sorted by path. */
  public static List<Path> discover(List<Path> inputs) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path input : inputs) {
      if (Files.isDirectory(input)) {
        try (Stream<Path> walk = Files.walk(input)) {
          walk.filter(Files::isRegularFile).filter(CorpusBuilder::isReadable).sorted().forEach(files::add);
        }
      } else if (Files.isRegularFile(input)) {
        files.add(input);
      } else {
        throw new java.nio.file.NoSuchFileException(input.toString(), null, "no such file or directory");
      }
    }
    return files;
  }

  /** True for the extensions the builder reads. */
  public static boolean isReadable(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(JSON_EXTENSION) || AUDIO_EXTENSIONS.stream().anyMatch(name::endsWith);
  }

  /**
   * Builds a corpus from {@code files} in the given order.
   *
   * @throws CorpusFormatException for a malformed instrument file (naming file and field)
   * @throws AudioDecodeException for an audio file that cannot be decoded (naming the file)
   */
  public static Result build(List<Path> files, Settings settings) throws IOException, AudioDecodeException {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no input files");
    }
    int rate = settings.spectral().sampleRate();
    List<Object> loaded = new ArrayList<>(files.size());
    long audioSamples = 0;
    long jsonFrames = 0;
    for (Path file : files) {
      String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
      if (name.endsWith(JSON_EXTENSION)) {
        Performance p = PerformanceJson.read(file, FeatureSet.SPECTRAL);
        jsonFrames += p.frames();
        loaded.add(p);
      } else {
        byte[] data = Files.readAllBytes(file);
        double[] samples = trim(AudioLoader.loadMono(data, file.toString(), rate).samples(),
            settings.silenceThreshold());
        audioSamples += samples.length;
        loaded.add(samples);
      }
    }
    int frameSize = settings.spectral().frameSize();
    int hop = settings.spectral().hopSize();
    if (!settings.fixedHop() && audioSamples > 0) {
      long wanted = Math.max(1, settings.targetFrames() - jsonFrames);
      long chosen = audioSamples / wanted;
      hop = (int) Math.max(settings.minHop(), Math.min(frameSize, chosen));
    }
    SpectralSettings spectral = settings.spectral().withFrame(frameSize, hop);
    SpectralDescriptors descriptors = new SpectralDescriptors(spectral);
    List<Performance> performances = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<Source> sources = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i);
      Performance p;
      String kind;
      double seconds;
      if (loaded.get(i) instanceof Performance json) {
        p = json;
        kind = "json";
        seconds = p.frames() == 0 ? 0 : (p.timeMs()[p.frames() - 1] - p.timeMs()[0]) / 1000.0;
      } else {
        double[] samples = (double[]) loaded.get(i);
        kind = "audio";
        seconds = (double) samples.length / rate;
        if (samples.length == 0) {
          sources.add(new Source(file, kind, 0, 0));
          continue;
        }
        p = Performance.ofSpectral(file.toString(), descriptors.analyse(samples));
      }
      loaded.set(i, null);
      sources.add(new Source(file, kind, p.frames(), seconds));
      if (p.frames() < 2) {
        continue; // a single frame starts no step: nothing to learn from
      }
      performances.add(p);
      names.add(String.format(Locale.ROOT, "%04d-%s.json", performances.size() - 1, baseName(file)));
    }
    if (performances.isEmpty()) {
      throw new IllegalArgumentException("no input yielded two frames or more (all silent or too short?)");
    }
    Corpus corpus = new Corpus(performances, MinMaxNormaliser.fit(performances));
    Settings used = new Settings(spectral, true, settings.targetFrames(), settings.minHop(),
        settings.silenceThreshold());
    return new Result(corpus, names, sources, hop, used);
  }

  /** {@code samples} without the leading and trailing run of samples whose magnitude is at most {@code threshold}. */
  static double[] trim(double[] samples, double threshold) {
    if (threshold <= 0) {
      return samples;
    }
    int first = 0;
    while (first < samples.length && Math.abs(samples[first]) <= threshold) {
      first++;
    }
    int last = samples.length - 1;
    while (last >= first && Math.abs(samples[last]) <= threshold) {
      last--;
    }
    return java.util.Arrays.copyOfRange(samples, first, last + 1);
  }

  private static String baseName(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    return base.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
