package org.synthstack.caad;

import java.util.SplittableRandom;

/**
 * A speech-like test signal for when no recording is at hand (unit tests, benchmarks): voiced
 * "syllables" of a harmonic complex with a gliding pitch and two formant resonances, under a
 * raised-cosine envelope at a syllable rate of about 4 Hz, some preceded by a short unvoiced burst
 * (differenced noise, energy towards high frequencies), separated by pauses. It opens with a
 * pause of {@link #LEAD_SECONDS} (so the reducer's noise lead holds no speech) and ends with a short
 * one. Every random choice comes from {@code SplittableRandom(seed)}.
 */
public final class SyntheticSpeech {
    /** Leading pause, s: longer than the reducer's default 0.2 s noise lead. */
    public static final double LEAD_SECONDS = 0.3;
    private static final double TAIL_SECONDS = 0.1;
    private static final double HARMONIC_CEILING_HZ = 5000;
    private static final double FORMANT_BANDWIDTH_HZ = 150;

    private SyntheticSpeech() {
    }

    /**
     * @param sampleRate Hz, at least 8000
     * @param seconds duration, at least 0.6 s
     * @param seed seeds every random choice
     * @return a signal of {@code round(seconds · sampleRate)} samples, peak about 0.5
     */
    public static double[] generate(int sampleRate, double seconds, long seed) {
        if (sampleRate < 8000) {
            throw new IllegalArgumentException("sampleRate must be at least 8000 Hz, got " + sampleRate);
        }
        if (!(seconds >= 0.6) || !Double.isFinite(seconds)) {
            throw new IllegalArgumentException("seconds must be at least 0.6 s, got " + seconds);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int length = (int) Math.round(seconds * sampleRate);
        double[] out = new double[length];
        int end = length - (int) Math.round(TAIL_SECONDS * sampleRate);
        int position = (int) Math.round(LEAD_SECONDS * sampleRate);
        while (true) {
            int burst = random.nextDouble() < 0.4 ? (int) (0.04 * sampleRate + random.nextDouble() * 0.04 * sampleRate) : 0;
            int voiced = (int) ((0.12 + random.nextDouble() * 0.16) * sampleRate);
            if (position + burst + voiced > end) {
                break;
            }
            if (burst > 0) {
                addUnvoiced(out, position, burst, 0.15 + 0.1 * random.nextDouble(), random);
                position += burst;
            }
            addVoiced(out, position, voiced, sampleRate, random);
            position += voiced + (int) ((0.03 + random.nextDouble() * 0.12) * sampleRate);
        }
        return out;
    }

    /** Differenced white noise (a first-order high-pass) under a raised-cosine envelope. */
    private static void addUnvoiced(double[] out, int start, int length, double amplitude, SplittableRandom random) {
        double previous = 0;
        for (int i = 0; i < length; i++) {
            double white = random.nextGaussian();
            double envelope = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i + 0.5) / length);
            out[start + i] += amplitude * envelope * (white - previous) * 0.5;
            previous = white;
        }
    }

    /** A harmonic complex with a linear pitch glide, formant-shaped harmonic amplitudes, raised-cosine envelope. */
    private static void addVoiced(double[] out, int start, int length, int sampleRate, SplittableRandom random) {
        double f0Start = 100 + 60 * random.nextDouble();
        double f0End = f0Start * (0.85 + 0.3 * random.nextDouble());
        double formant1 = 300 + 500 * random.nextDouble();
        double formant2 = 900 + 1400 * random.nextDouble();
        double level = 0.5 + 0.5 * random.nextDouble();
        int harmonics = (int) (HARMONIC_CEILING_HZ / Math.max(f0Start, f0End));
        double[] amplitude = new double[harmonics];
        double[] phase = new double[harmonics];
        double norm = 0;
        for (int h = 0; h < harmonics; h++) {
            double f = (h + 1) * 0.5 * (f0Start + f0End);
            amplitude[h] = (resonance(f, formant1) + 0.6 * resonance(f, formant2) + 0.02) / Math.sqrt(h + 1);
            phase[h] = 2 * Math.PI * random.nextDouble();
            norm += amplitude[h];
        }
        double scale = 0.5 * level / norm;
        double f0Phase = 0;
        for (int i = 0; i < length; i++) {
            double progress = (double) i / length;
            double f0 = f0Start + (f0End - f0Start) * progress;
            f0Phase += 2 * Math.PI * f0 / sampleRate;
            double envelope = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i + 0.5) / length);
            double sum = 0;
            for (int h = 0; h < harmonics; h++) {
                sum += amplitude[h] * Math.sin((h + 1) * f0Phase + phase[h]);
            }
            out[start + i] += scale * envelope * sum;
        }
    }

    private static double resonance(double f, double centre) {
        double d = (f - centre) / FORMANT_BANDWIDTH_HZ;
        return 1 / (1 + d * d);
    }
}
