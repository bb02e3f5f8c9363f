package org.synthstack.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.synthstack.dsp.BiquadBank;
import org.synthstack.dsp.BiquadCascade;
import org.synthstack.dsp.Butterworth;

/**
 * Renders programs to 1 s of 48 kHz audio, a batch at a time.
 *
 * <p>Per submodule ("voice"): dry signal ({@link VoiceLanes}), then its high-pass and low-pass as one biquad cascade,
 * cut at the submodule's end as the original's {@code sosfilt} on the submodule buffer was. Voices are mixed at
 * their start times; the mix goes through the fixed output band (linear and time-invariant, so applying it once to
 * the mix equals applying it to every voice, except that its ringing after a voice's end is kept rather than cut)
 * and is peak-normalised.
 *
 * <p>Cost model: filtering is samples x sections. The batch's voices are sorted by section count and length and
 * packed eight to a {@link BiquadBank}, so the SIMD lanes run full; the output band runs on eight programs at
 * once. Everything streams in chunks of {@link #CHUNK} frames, so the interleaved lane buffers and per-voice
 * outputs stay in cache instead of striding through megabytes.
 *
 * <p>Determinism: lanes never interact, and each program's mix adds its voices in an order that depends only on
 * the program (chunk by chunk in voice time, submodule order within a chunk), so a program renders bit-identically
 * whatever batch it is in.
 *
 * <p>A reusable workspace: not thread-safe; use one per thread.
 */
public final class SynthRenderer {
  /** A mix whose peak is below this (-200 dBFS) is floating-point residue: it is reported silent, not amplified. */
  public static final double SILENCE_PEAK = 1e-10;
  /** Frames per streaming chunk: a multiple of the bank's flush block, small enough to stay in L1/L2. */
  static final int CHUNK = 2 * BiquadBank.FLUSH_BLOCK;

  private static final int LANES = BiquadBank.LANES;
  private static final int FRAMES = SynthLimits.FRAMES;
  private static final int MAX_CACHED_FILTERS = 4096;

  private final BiquadCascade band;
  private final BiquadBank bandBank = new BiquadBank();
  private final Map<FilterKey, BiquadCascade> filterCache = new HashMap<>();
  private final double[] chunk = new double[CHUNK * LANES];
  private final BiquadCascade[] laneCascades = new BiquadCascade[LANES];
  private final List<BiquadBank> banks = new ArrayList<>();
  private final List<VoiceLanes> lanes = new ArrayList<>();
  private final List<Voice> voicePool = new ArrayList<>();
  private final Voice[] laneVoices = new Voice[LANES];

  // Per-voice scratch, grown as batches need; voices are numbered in program then submodule order.
  private Voice[] voices = new Voice[0];
  private BiquadCascade[] voiceCascade = new BiquadCascade[0];
  private long[] packing = new long[0];
  private double[][] voiceChunk = new double[0][];
  private int[] groupVoices = new int[0];
  private int[] groupFrames = new int[0];

  private long usefulSectionFrames;
  private long executedLaneSectionFrames;

  public SynthRenderer(RenderSettings settings) {
    this.band = settings.outputBand()
        ? Butterworth.highPass(settings.outputBandOrder(), settings.outputBandLowHz(), SynthLimits.SAMPLE_RATE)
            .then(Butterworth.lowPass(settings.outputBandOrder(), settings.outputBandHighHz(), SynthLimits.SAMPLE_RATE))
        : BiquadCascade.identity();
  }

  /** Renders one program into a new array. */
  public double[] render(Program program) {
    double[][] out = {new double[FRAMES]};
    render(List.of(program), out);
    return out[0];
  }

  /**
   * Renders {@code programs} into {@code out[i][0..FRAMES)} (caller-owned, reusable) and returns their statistics.
   */
  public RenderStats[] render(List<Program> programs, double[][] out) {
    int voiceCount = bindVoices(programs);
    int groups = packGroups(voiceCount);
    for (int i = 0; i < programs.size(); i++) {
      Arrays.fill(out[i], 0, FRAMES, 0);
    }
    int longest = 0;
    for (int g = 0; g < groups; g++) {
      longest = Math.max(longest, groupFrames[g]);
    }
    for (int from = 0; from < longest; from += CHUNK) {
      for (int g = 0; g < groups; g++) {
        filterGroupChunk(g, from);
      }
      mixChunk(programs, from, out);
    }
    RenderStats[] stats = new RenderStats[programs.size()];
    for (int first = 0; first < programs.size(); first += LANES) {
      int count = Math.min(LANES, programs.size() - first);
      applyBand(out, first, count);
      for (int lane = 0; lane < count; lane++) {
        stats[first + lane] = normalise(out[first + lane]);
      }
    }
    return stats;
  }

  /** Section-samples of real filtering work so far (voice frames x voice sections, plus the output band). */
  public long usefulSectionFrames() {
    return usefulSectionFrames;
  }

  /** Section-samples the SIMD lanes executed so far, padding included; the ratio to useful work is lane efficiency. */
  public long executedLaneSectionFrames() {
    return executedLaneSectionFrames;
  }

  private int bindVoices(List<Program> programs) {
    int count = 0;
    for (Program p : programs) {
      count += p.stackSize();
    }
    if (voices.length < count) {
      voices = new Voice[count];
      voiceCascade = new BiquadCascade[count];
      packing = new long[count];
      voiceChunk = Arrays.copyOf(voiceChunk, count);
      groupVoices = new int[count + LANES];
      groupFrames = new int[(count + LANES - 1) / LANES];
    }
    while (voicePool.size() < count) {
      voicePool.add(new Voice());
    }
    int v = 0;
    for (Program p : programs) {
      for (Submodule s : p.submodules()) {
        Voice voice = voicePool.get(v);
        voice.start(s);
        voices[v] = voice;
        voiceCascade[v] = cascade(s);
        if (voiceChunk[v] == null) {
          voiceChunk[v] = new double[CHUNK];
        }
        packing[v] = packingKey(voiceCascade[v].sections(), voice.frames(), v);
        usefulSectionFrames += (long) voice.frames() * voiceCascade[v].sections();
        v++;
      }
    }
    return count;
  }

  /** Sorts voices by section count then length into groups of eight and loads each group's bank. */
  private int packGroups(int voiceCount) {
    Arrays.sort(packing, 0, voiceCount);
    int groups = (voiceCount + LANES - 1) / LANES;
    while (banks.size() < groups) {
      banks.add(new BiquadBank());
      lanes.add(new VoiceLanes(CHUNK));
    }
    for (int g = 0; g < groups; g++) {
      int used = Math.min(LANES, voiceCount - g * LANES);
      int longest = 0;
      for (int lane = 0; lane < LANES; lane++) {
        int v = lane < used ? voiceIndex(packing[g * LANES + lane]) : -1;
        groupVoices[g * LANES + lane] = v;
        laneCascades[lane] = v < 0 ? BiquadCascade.identity() : voiceCascade[v];
        laneVoices[lane] = v < 0 ? null : voices[v];
        longest = v < 0 ? longest : Math.max(longest, voices[v].frames());
      }
      groupFrames[g] = longest;
      lanes.get(g).start(laneVoices, used);
      banks.get(g).load(laneCascades, LANES);
      executedLaneSectionFrames += (long) longest * banks.get(g).sections() * LANES;
    }
    return groups;
  }

  /** Renders, filters and de-interleaves frames [from, from + CHUNK) of every voice in group {@code g}. */
  private void filterGroupChunk(int g, int from) {
    int frames = Math.min(CHUNK, groupFrames[g] - from);
    if (frames <= 0) {
      return;
    }
    lanes.get(g).render(frames, chunk);
    banks.get(g).process(chunk, frames);
    for (int lane = 0; lane < LANES; lane++) {
      int v = groupVoices[g * LANES + lane];
      if (v < 0) {
        continue;
      }
      double[] dst = voiceChunk[v];
      int own = Math.max(0, Math.min(frames, voices[v].frames() - from));
      for (int n = 0; n < own; n++) {
        dst[n] = chunk[n * LANES + lane];
      }
    }
  }

  /** Adds chunk [from, from + CHUNK) of every voice, in voice time, into its program's mix, in submodule order. */
  private void mixChunk(List<Program> programs, int from, double[][] out) {
    int v = 0;
    for (int p = 0; p < programs.size(); p++) {
      double[] mix = out[p];
      for (int j = 0, stack = programs.get(p).stackSize(); j < stack; j++, v++) {
        Voice voice = voices[v];
        int own = Math.min(CHUNK, voice.frames() - from);
        double[] src = voiceChunk[v];
        int at = voice.startFrame() + from;
        for (int n = 0; n < own; n++) {
          mix[at + n] += src[n];
        }
      }
    }
  }

  /** Runs the output band over programs first..first+count in place, eight programs per bank, chunk by chunk. */
  private void applyBand(double[][] out, int first, int count) {
    for (int lane = 0; lane < LANES; lane++) {
      laneCascades[lane] = band;
    }
    bandBank.load(laneCascades, LANES);
    usefulSectionFrames += (long) FRAMES * band.sections() * count;
    executedLaneSectionFrames += (long) FRAMES * band.sections() * LANES;
    for (int from = 0; from < FRAMES; from += CHUNK) {
      int frames = Math.min(CHUNK, FRAMES - from);
      for (int lane = 0; lane < LANES; lane++) {
        if (lane < count) {
          double[] src = out[first + lane];
          for (int n = 0; n < frames; n++) {
            chunk[n * LANES + lane] = src[from + n];
          }
        } else {
          for (int n = 0; n < frames; n++) {
            chunk[n * LANES + lane] = 0;
          }
        }
      }
      bandBank.process(chunk, frames);
      for (int lane = 0; lane < count; lane++) {
        double[] dst = out[first + lane];
        for (int n = 0; n < frames; n++) {
          dst[from + n] = chunk[n * LANES + lane];
        }
      }
    }
  }

  private static RenderStats normalise(double[] x) {
    double peak = 0;
    for (int n = 0; n < FRAMES; n++) {
      // Not Math.max: C2 compiles its NaN and signed-zero rules into a slow sequence; this branch rarely fires.
      double a = Math.abs(x[n]);
      if (a > peak) {
        peak = a;
      }
    }
    boolean silent = !(peak >= SILENCE_PEAK);
    double gain = silent ? 0 : 1 / peak;
    // Four partial sums: one running sum is a serial chain of FP-add latencies (~80 us per clip on this machine).
    double e0 = 0;
    double e1 = 0;
    double e2 = 0;
    double e3 = 0;
    for (int n = 0; n < FRAMES; n += 4) {
      double y0 = x[n] * gain;
      double y1 = x[n + 1] * gain;
      double y2 = x[n + 2] * gain;
      double y3 = x[n + 3] * gain;
      x[n] = y0;
      x[n + 1] = y1;
      x[n + 2] = y2;
      x[n + 3] = y3;
      e0 = Math.fma(y0, y0, e0);
      e1 = Math.fma(y1, y1, e1);
      e2 = Math.fma(y2, y2, e2);
      e3 = Math.fma(y3, y3, e3);
    }
    double energy = (e0 + e1) + (e2 + e3);
    return new RenderStats(peak, Math.sqrt(energy / FRAMES), silent);
  }

  /** Sorts voices by section count, then length, both descending; the low bits carry the voice index. */
  private static long packingKey(int sections, int frames, int voice) {
    return ((long) (0xFF - sections) << 48) | ((long) (0xFFFFFF - frames) << 24) | voice;
  }

  private static int voiceIndex(long packingKey) {
    return (int) (packingKey & 0xFFFFFF);
  }

  /** The voice's high-pass (unless bypassed) then its low-pass; designs are cached since cutoffs repeat. */
  private BiquadCascade cascade(Submodule s) {
    if (filterCache.size() >= MAX_CACHED_FILTERS) {
      filterCache.clear();
    }
    return filterCache.computeIfAbsent(new FilterKey(s.filterOrder(), s.highPassHz(), s.lowPassHz()), k -> {
      BiquadCascade lowPass = Butterworth.lowPass(k.order, k.lowPassHz, SynthLimits.SAMPLE_RATE);
      return k.highPassHz == 0 ? lowPass
          : Butterworth.highPass(k.order, k.highPassHz, SynthLimits.SAMPLE_RATE).then(lowPass);
    });
  }

  private record FilterKey(int order, double highPassHz, double lowPassHz) {}
}
