package org.synthstack.jobs.caad;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.synthstack.caad.NoiseReductionProblem;

/**
 * Everything that defines a noise-reduction problem, in a form Spark can broadcast: the clean speech and the
 * problem settings. {@link #problem()} builds the {@link NoiseReductionProblem} (two STFTs, a few milliseconds) once
 * per JVM and caches it, so the tasks of an executor share one precomputed problem.
 *
 * @param speechName where the speech came from (a file, or a synthetic signal's recipe)
 * @param speech the clean speech at {@code sampleRate}
 * @param sampleRate Hz; must equal the reducer's
 * @param settings the problem settings
 */
public record NoiseProblemSpec(String speechName, double[] speech, int sampleRate,
    NoiseReductionProblem.Settings settings) implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int CACHE_LIMIT = 16;
  private static final Map<Key, NoiseReductionProblem> CACHE = new LinkedHashMap<>(16, 0.75f, true);

  /** The cache key: the speech's digest, its rate and the settings (all value types). */
  private record Key(String speechSha256, int sampleRate, NoiseReductionProblem.Settings settings) {}

  public NoiseProblemSpec {
    speech = speech.clone();
  }

  @Override
  public double[] speech() {
    return speech.clone();
  }

  /** The same speech with other settings (another SNR loss, say). */
  public NoiseProblemSpec withSettings(NoiseReductionProblem.Settings newSettings) {
    return new NoiseProblemSpec(speechName, speech, sampleRate, newSettings);
  }

  /** SHA-256 of the samples (big-endian IEEE doubles), hex. */
  public String speechSha256() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      ByteBuffer buffer = ByteBuffer.allocate(8 * speech.length);
      buffer.asDoubleBuffer().put(speech);
      return HexFormat.of().formatHex(digest.digest(buffer.array()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Speech length in seconds. */
  public double seconds() {
    return (double) speech.length / sampleRate;
  }

  /**
   * The problem, built on first use in this JVM and cached (at most 16 problems, least recently used evicted).
   *
   * @throws IllegalArgumentException if the speech does not suit the settings (wrong rate, silent, shorter than the
   *     noise lead)
   */
  public NoiseReductionProblem problem() {
    Key key = new Key(speechSha256(), sampleRate, settings);
    synchronized (CACHE) {
      NoiseReductionProblem cached = CACHE.get(key);
      if (cached != null) {
        return cached;
      }
    }
    NoiseReductionProblem built = NoiseReductionProblem.of(speech, sampleRate, settings);
    synchronized (CACHE) {
      NoiseReductionProblem raced = CACHE.putIfAbsent(key, built);
      if (CACHE.size() > CACHE_LIMIT) {
        CACHE.remove(CACHE.keySet().iterator().next());
      }
      return raced != null ? raced : built;
    }
  }
}
