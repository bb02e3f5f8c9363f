package org.synthstack.caad;

/** Argument checks shared by the package; each message names the field and the accepted range. */
final class Checks {
    private Checks() {
    }

    /** The gain floor G_min in dB: ≤ 0, −∞ allowed (G_min = 0, full suppression), NaN refused. */
    static double gainFloorDb(double gainFloorDb) {
        if (Double.isNaN(gainFloorDb) || gainFloorDb > 0) {
            throw new IllegalArgumentException("gainFloorDb (G_min) must be in [-Infinity, 0] dB, got " + gainFloorDb);
        }
        return gainFloorDb;
    }

    /** G_min in dB as a linear amplitude gain 10^(dB/20), in [0, 1]. */
    static double gainFloorLinear(double gainFloorDb) {
        return Math.pow(10, gainFloorDb(gainFloorDb) / 20);
    }

    static double finite(String field, double value, String unit) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number of " + unit + ", got " + value);
        }
        return value;
    }

    /** A non-empty signal of finite samples. */
    static double[] signal(String field, double[] samples) {
        if (samples == null || samples.length == 0) {
            throw new IllegalArgumentException(field + " must hold at least one sample, got "
                    + (samples == null ? "null" : "an empty signal"));
        }
        for (int i = 0; i < samples.length; i++) {
            if (!Double.isFinite(samples[i])) {
                throw new IllegalArgumentException(field + " must hold finite samples, sample " + i + " is " + samples[i]);
            }
        }
        return samples;
    }

    static int instanceCount(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("K (number of problem instances) must be at least 1, got " + k);
        }
        return k;
    }

    static void sampleRate(String field, int actual, int expected) {
        if (actual != expected) {
            throw new IllegalArgumentException(field + " is " + actual + " Hz but the noise reducer is set for "
                    + expected + " Hz; resample first (SpeechSource.load does)");
        }
    }
}
