package org.synthstack.synth;

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
 * <p>Per submodule ("voice"): dry signal, then its high-pass and low-pass as one biquad cascade, cut at the
 * submodule's end as the original's {@code sosfilt} on the submodule buffer was. Voices are mixed at their start
 * times, the mix goes through the fixed output band (linear and time-invariant, so applying it once to the mix
 * equals applying it to every voice, except that its ringing after a voice's end is kept rather than cut), and is
 * peak-normalised.
 *
 * <p>Cost model: filtering is samples x sections. Voices of the whole batch are sorted by section count and length
 * and packed eight to a {@link BiquadBank}, so the SIMD lanes run full; the output band runs on eight programs at
 * once. The bank needs frames interleaved across lanes, which is hostile to everything else (one cache line per
 * sample per lane), so each pass over memory is kept sequential: voices are rendered contiguously, interleaved
 * once for the bank, de-interleaved once into a voice pool, and mixed from there. Lanes never interact and mixing
 * follows submodule order, so a program renders bit-identically whatever batch it is in.
 *
 * <p>A reusable workspace: not thread-safe; use one per thread.
 */
public final class SynthRenderer {
  /** A mix whose peak is below this (-200 dBFS) is floating-point residue: it is reported silent, not amplified. */
  public static final double SILENCE_PEAK = 1e-10;

  private static final int LANES = BiquadBank.LANES;
  private static final int FRAMES = SynthLimits.FRAMES;
  private static final int MAX_CACHED_FILTERS = 4096;

  private final BiquadCascade band;
  private final BiquadBank bank = new BiquadBank();
  private final Map<FilterKey, BiquadCascade> filterCache = new HashMap<>();
  private final double[] wave = new double[FRAMES];
  private final double[][] laneScratch = new double[LANES][FRAMES];
  private final double[] interleaved = new double[FRAMES * LANES];
  private final BiquadCascade[] laneCascades = new BiquadCascade[LANES];
  private final int[] laneVoice = new int[LANES];
  private double[] voicePool = new double[0];

  // Per-voice scratch, grown as batches need.
  private Submodule[] voiceSubmodule = new Submodule[0];
  private int[] voiceFrames = new int[0];
  private BiquadCascade[] voiceCascade = new BiquadCascade[0];
  private long[] voiceOrder = new long[0];
  private int[] voiceOffset = new int[0];

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
    int voices = collectVoices(programs);
    filterVoices(voices);
    RenderStats[] stats = new RenderStats[programs.size()];
    for (int first = 0; first < programs.size(); first += LANES) {
      int count = Math.min(LANES, programs.size() - first);
      mixAndBand(programs, first, count, out, stats);
    }
    return stats;
  }

  /** Section-samples of real filtering work done so far (voice frames x voice sections, plus the output band). */
  public long usefulSectionFrames() {
    return usefulSectionFrames;
  }

  /** Section-samples the SIMD lanes executed so far, padding included; the ratio to useful work is lane efficiency. */
  public long executedLaneSectionFrames() {
    return executedLaneSectionFrames;
  }

  private int collectVoices(List<Program> programs) {
    int voices = 0;
    for (Program p : programs) {
      voices += p.stackSize();
    }
    if (voiceSubmodule.length < voices) {
      voiceSubmodule = new Submodule[voices];
      voiceFrames = new int[voices];
      voiceCascade = new BiquadCascade[voices];
      voiceOrder = new long[voices];
      voiceOffset = new int[voices];
    }
    int v = 0;
    int pooled = 0;
    for (Program p : programs) {
      for (Submodule s : p.submodules()) {
        voiceSubmodule[v] = s;
        voiceFrames[v] = DryVoice.frames(s);
        voiceCascade[v] = cascade(s);
        voiceOrder[v] = packingKey(voiceCascade[v].sections(), voiceFrames[v], v);
        voiceOffset[v] = pooled;
        pooled += voiceFrames[v];
        v++;
      }
    }
    if (voicePool.length < pooled) {
      voicePool = new double[pooled];
    }
    return voices;
  }

  /** Packs voices into lane groups by section count then length; renders, filters and pools each group. */
  private void filterVoices(int voices) {
    Arrays.sort(voiceOrder, 0, voices);
    for (int first = 0; first < voices; first += LANES) {
      int lanes = Math.min(LANES, voices - first);
      int groupFrames = 0;
      for (int lane = 0; lane < lanes; lane++) {
        int v = voiceIndex(voiceOrder[first + lane]);
        laneVoice[lane] = v;
        laneCascades[lane] = voiceCascade[v];
        groupFrames = Math.max(groupFrames, voiceFrames[v]);
        Submodule s = voiceSubmodule[v];
        DryVoice.waveform(s, voiceFrames[v], wave);
        DryVoice.envelope(s, voiceFrames[v], wave, laneScratch[lane], 0, 1);
        usefulSectionFrames += (long) voiceFrames[v] * voiceCascade[v].sections();
      }
      interleave(lanes, groupFrames);
      bank.load(laneCascades, lanes);
      bank.process(interleaved, groupFrames);
      executedLaneSectionFrames += (long) groupFrames * bank.sections() * LANES;
      for (int lane = 0; lane < lanes; lane++) {
        int v = laneVoice[lane];
        int offset = voiceOffset[v];
        for (int n = 0, end = voiceFrames[v]; n < end; n++) {
          voicePool[offset + n] = interleaved[n * LANES + lane];
        }
      }
    }
  }

  /** Copies each lane's dry voice (zero past its end, zero for unused lanes) into the bank's interleaved layout. */
  private void interleave(int lanes, int groupFrames) {
    for (int lane = 0; lane < LANES; lane++) {
      double[] src = laneScratch[lane];
      int end = lane < lanes ? voiceFrames[laneVoice[lane]] : 0;
      Arrays.fill(src, end, groupFrames, 0);
    }
    double[] l0 = laneScratch[0];
    double[] l1 = laneScratch[1];
    double[] l2 = laneScratch[2];
    double[] l3 = laneScratch[3];
    double[] l4 = laneScratch[4];
    double[] l5 = laneScratch[5];
    double[] l6 = laneScratch[6];
    double[] l7 = laneScratch[7];
    for (int n = 0; n < groupFrames; n++) {
      int row = n * LANES;
      interleaved[row] = l0[n];
      interleaved[row + 1] = l1[n];
      interleaved[row + 2] = l2[n];
      interleaved[row + 3] = l3[n];
      interleaved[row + 4] = l4[n];
      interleaved[row + 5] = l5[n];
      interleaved[row + 6] = l6[n];
      interleaved[row + 7] = l7[n];
    }
  }

  /** Mixes programs first..first+count from the voice pool, applies the output band, normalises into out. */
  private void mixAndBand(List<Program> programs, int first, int count, double[][] out, RenderStats[] stats) {
    int v = 0;
    for (int i = 0; i < first; i++) {
      v += programs.get(i).stackSize();
    }
    for (int lane = 0; lane < LANES; lane++) {
      double[] mix = laneScratch[lane];
      Arrays.fill(mix, 0);
      if (lane >= count) {
        continue;
      }
      for (Submodule s : programs.get(first + lane).submodules()) {
        int start = DryVoice.startFrame(s);
        int offset = voiceOffset[v];
        for (int n = 0, end = voiceFrames[v]; n < end; n++) {
          mix[start + n] += voicePool[offset + n];
        }
        v++;
      }
    }
    for (int lane = 0; lane < LANES; lane++) {
      laneCascades[lane] = band;
      laneVoice[lane] = -1;
    }
    interleaveMixes();
    bank.load(laneCascades, LANES);
    bank.process(interleaved, FRAMES);
    usefulSectionFrames += (long) FRAMES * band.sections() * count;
    executedLaneSectionFrames += (long) FRAMES * band.sections() * LANES;
    for (int lane = 0; lane < count; lane++) {
      double[] target = out[first + lane];
      for (int n = 0; n < FRAMES; n++) {
        target[n] = interleaved[n * LANES + lane];
      }
      double peak = 0;
      for (int n = 0; n < FRAMES; n++) {
        peak = Math.max(peak, Math.abs(target[n]));
      }
      boolean silent = !(peak >= SILENCE_PEAK);
      double gain = silent ? 0 : 1 / peak;
      double energy = 0;
      for (int n = 0; n < FRAMES; n++) {
        double x = target[n] * gain;
        target[n] = x;
        energy += x * x;
      }
      stats[first + lane] = new RenderStats(peak, Math.sqrt(energy / FRAMES), silent);
    }
  }

  private void interleaveMixes() {
    for (int n = 0; n < FRAMES; n++) {
      int row = n * LANES;
      for (int lane = 0; lane < LANES; lane++) {
        interleaved[row + lane] = laneScratch[lane][n];
      }
    }
  }

  /** Sorts voices by section count, then length, both descending; the low bits carry the voice index. */
  private static long packingKey(int sections, int frames, int voice) {
    return ((long) (0xFF - sections) << 48) | ((long) (0xFFFFFF - frames) << 24) | voice;
  }

  private static int voiceIndex(long packingKey) {
    return (int) (packingKey & 0xFFFFFF);
  }

  /** The voice's high-pass (unless bypassed) followed by its low-pass; designs are cached since cutoffs repeat. */
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
