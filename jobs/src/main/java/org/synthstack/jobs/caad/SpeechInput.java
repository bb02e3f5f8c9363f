package org.synthstack.jobs.caad;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.synthstack.audio.AudioDecodeException;
import org.synthstack.caad.NoiseReductionProblem;
import org.synthstack.caad.SpeechSource;
import org.synthstack.caad.SyntheticSpeech;
import org.synthstack.jobs.InputException;

/**
 * Where the clean speech of the noise-reduction experiments comes from.
 *
 * <ol>
 *   <li>{@code --speech FILE}: that recording (WAV, FLAC or Ogg; mixed to mono, resampled). A missing or undecodable
 *       file is an input error.
 *   <li>Otherwise the LibriVox sentence {@link SpeechSource#DEFAULT_SENTENCE} of the {@code librivox-speech} catalog
 *       entry: {@code data-catalog/.build/librivox-speech/usr/share/pocketsphinx/test/data/librivox/} under the
 *       repository (built by {@code data-catalog/librivox-speech/build.sh}), then the system-wide
 *       {@code /usr/share/pocketsphinx/test/data/librivox/} of an installed {@code pocketsphinx-testdata}.
 *   <li>If neither exists, or with {@code --synthetic-speech}: {@link SyntheticSpeech} (3.3 s, seed 1), with a
 *       message saying so. Results on synthetic speech are not the experiment's; the summary names the speech used.
 * </ol>
 */
public final class SpeechInput {
  /** The catalog entry's unpacked package root, relative to the repository. */
  public static final String CATALOG_ROOT = "data-catalog/.build/librivox-speech";
  /** The LibriVox directory inside the unpacked package. */
  public static final String PACKAGE_LIBRIVOX = "usr/share/pocketsphinx/test/data/librivox";
  /** Synthetic stand-in: the default sentence's length. */
  public static final double SYNTHETIC_SECONDS = 3.3;
  public static final long SYNTHETIC_SEED = 1;

  private SpeechInput() {}

  /** The places the default sentence is looked for, in order. */
  public static List<Path> defaultCandidates(Path repositoryHome) {
    return List.of(repositoryHome.resolve(CATALOG_ROOT).resolve(PACKAGE_LIBRIVOX).resolve(SpeechSource.DEFAULT_SENTENCE),
        SpeechSource.LIBRIVOX_DIRECTORY.resolve(SpeechSource.DEFAULT_SENTENCE));
  }

  /** The repository the launcher runs from ({@code -Dsynthstack.home}), else the working directory. */
  public static Path repositoryHome() {
    return Path.of(System.getProperty("synthstack.home", "."));
  }

  /**
   * Loads the speech.
   *
   * @param explicit {@code --speech}, or null
   * @param synthetic {@code --synthetic-speech}
   * @param candidates where to look for the default sentence, in order ({@link #defaultCandidates})
   * @param notice where the fallback to synthetic speech is announced
   * @throws InputException naming {@code --speech} if the file is missing, not a file, unreadable or not audio
   */
  public static NoiseProblemSpec load(Path explicit, boolean synthetic, int sampleRate, List<Path> candidates,
      Consumer<String> notice, NoiseReductionProblem.Settings settings) {
    if (explicit != null && synthetic) {
      throw new InputException("--speech and --synthetic-speech exclude each other");
    }
    if (explicit != null) {
      return new NoiseProblemSpec(explicit.toString(), read(explicit, "--speech", sampleRate), sampleRate, settings);
    }
    if (!synthetic) {
      for (Path candidate : candidates) {
        if (Files.isRegularFile(candidate)) {
          return new NoiseProblemSpec(candidate.toString(), read(candidate, "default speech", sampleRate), sampleRate, settings);
        }
      }
      notice.accept("no LibriVox sentence at " + candidates
          + "; using synthetic speech instead (build the real one with data-catalog/librivox-speech/build.sh, "
          + "or pass --speech FILE)");
    }
    return synthetic(sampleRate, settings);
  }

  /** The synthetic stand-in at {@code sampleRate}. */
  public static NoiseProblemSpec synthetic(int sampleRate, NoiseReductionProblem.Settings settings) {
    return new NoiseProblemSpec("synthetic speech (" + SYNTHETIC_SECONDS + " s, seed " + SYNTHETIC_SEED + ")",
        SyntheticSpeech.generate(sampleRate, SYNTHETIC_SECONDS, SYNTHETIC_SEED), sampleRate, settings);
  }

  private static double[] read(Path file, String what, int sampleRate) {
    if (Files.isDirectory(file)) {
      throw new InputException(what + " " + file + ": is a directory, expected an audio file");
    }
    try {
      return SpeechSource.load(file, sampleRate);
    } catch (NoSuchFileException e) {
      throw new InputException(what + " " + file + ": no such file");
    } catch (IOException e) {
      throw new InputException(what + " " + file + ": cannot read (" + e.getMessage() + ")", e);
    } catch (AudioDecodeException e) {
      throw new InputException(what + " " + file + ": not a readable WAV, FLAC or Ogg Vorbis recording ("
          + e.getMessage() + ")", e);
    }
  }
}
