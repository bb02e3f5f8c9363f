package org.synthstack.caad;

import java.util.SplittableRandom;

/** Shared synthetic signals; the suite never needs a recording. */
final class TestSignals {
    static final int RATE = 16_000;
    /** 1.2 s of synthetic speech: a 0.3 s pause, then syllables. */
    static final double[] SPEECH = SyntheticSpeech.generate(RATE, 1.2, 42);

    private TestSignals() {
    }

    static double[] gaussian(int length, long seed, double sd) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[length];
        for (int i = 0; i < length; i++) {
            x[i] = sd * random.nextGaussian();
        }
        return x;
    }

    static double maxAbs(double[] x) {
        double max = 0;
        for (double v : x) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    static double maxAbsDifference(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    /** 10·log10(P_a / P_b) over [from, to). */
    static double powerRatioDb(double[] a, double[] b, int from, int to) {
        double pa = 0;
        double pb = 0;
        for (int i = from; i < to; i++) {
            pa += a[i] * a[i];
            pb += b[i] * b[i];
        }
        return 10 * Math.log10(pa / pb);
    }
}
