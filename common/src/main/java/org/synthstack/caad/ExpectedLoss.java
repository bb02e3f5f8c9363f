package org.synthstack.caad;

/**
 * The expected loss EL(θ) = E_SNR[L(θ, SNR)] over a finite {@link InstanceSet}: Σ_k w_k L(θ, SNR_k).
 *
 * <p>Split into the K independent evaluations ({@link InstanceLoss#loss}) and one combining step
 * ({@link #weightedMean}), so that a distributed run which evaluates the K losses anywhere and
 * combines them with the same method gets the same bits as {@link #of}.
 */
public final class ExpectedLoss {
    private ExpectedLoss() {
    }

    /** EL(θ) = Σ_k w_k L(θ, SNR_k), evaluated in instance order in the calling thread. */
    public static double of(InstanceLoss loss, double gainFloorDb, InstanceSet instances) {
        Checks.gainFloorDb(gainFloorDb);
        return weightedMean(loss.losses(gainFloorDb, instances.snrDb()), instances.weights());
    }

    /**
     * Σ_k w_k L_k / Σ_k w_k, summed in index order (so the result does not depend on where the losses
     * were computed). Non-finite losses propagate.
     */
    public static double weightedMean(double[] losses, double[] weights) {
        if (losses.length == 0 || losses.length != weights.length) {
            throw new IllegalArgumentException("losses and weights need the same number (at least 1) of entries, got "
                    + losses.length + " and " + weights.length);
        }
        double sum = 0;
        double total = 0;
        for (int k = 0; k < losses.length; k++) {
            sum += weights[k] * losses[k];
            total += weights[k];
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("weights must sum to a positive number, got " + total);
        }
        return sum / total;
    }
}
