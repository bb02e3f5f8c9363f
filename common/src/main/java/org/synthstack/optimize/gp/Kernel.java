package org.synthstack.optimize.gp;

/**
 * An ARD correlation function over inputs split into design coordinates (the first
 * {@code designDimensions}, any {@link KernelFamily}) and environment coordinates (the remaining
 * {@code environmentDimensions}, always squared exponential): {@code r(a,b) = k_θ(a_θ,b_θ)·k_x(a_x,b_x)}.
 *
 * <p>A plain GP uses no environment coordinates. REGO's product kernel uses both; the squared
 * exponential on the environment part is what makes the Gaussian-input projection closed-form.
 * The signal variance multiplies this correlation outside.
 */
public final class Kernel {
    private final KernelFamily designFamily;
    private final int designDimensions;
    private final int environmentDimensions;

    private Kernel(KernelFamily designFamily, int designDimensions, int environmentDimensions) {
        if (designFamily == null) {
            throw new IllegalArgumentException("kernel family must not be null");
        }
        if (designDimensions < 0 || environmentDimensions < 0 || designDimensions + environmentDimensions < 1) {
            throw new IllegalArgumentException("kernel needs at least one dimension, got design "
                    + designDimensions + " and environment " + environmentDimensions);
        }
        this.designFamily = designFamily;
        this.designDimensions = designDimensions;
        this.environmentDimensions = environmentDimensions;
    }

    /** An ARD kernel of one family over {@code dimension} inputs. */
    public static Kernel of(KernelFamily family, int dimension) {
        return new Kernel(family, dimension, 0);
    }

    /** REGO's product kernel: {@code family} over the design θ, squared exponential over the environment x. */
    public static Kernel product(KernelFamily designFamily, int designDimensions, int environmentDimensions) {
        return new Kernel(designFamily, designDimensions, environmentDimensions);
    }

    public KernelFamily designFamily() {
        return designFamily;
    }

    public int designDimensions() {
        return designDimensions;
    }

    public int environmentDimensions() {
        return environmentDimensions;
    }

    public int dimension() {
        return designDimensions + environmentDimensions;
    }

    /** r(a, b) for rows of flat arrays: a starts at {@code a[ao]}, b at {@code b[bo]}. */
    public double correlation(double[] a, int ao, double[] b, int bo, double[] inverseLengthScales) {
        return designFamily.correlation(designR2(a, ao, b, bo, inverseLengthScales))
                * Math.exp(-0.5 * environmentR2(a, ao, b, bo, inverseLengthScales));
    }

    /** The design factor k_θ alone, for points given by their design coordinates. */
    public double designCorrelation(double[] a, int ao, double[] b, int bo, double[] inverseLengthScales) {
        return designFamily.correlation(designR2(a, ao, b, bo, inverseLengthScales));
    }

    /**
     * The design factor k_θ(a, b) and its gradient with respect to a's design coordinates, written to
     * {@code gradient[0 .. designDimensions)}.
     */
    public double designCorrelationWithGradient(double[] a, int ao, double[] b, int bo,
            double[] inverseLengthScales, double[] gradient) {
        double r2 = designR2(a, ao, b, bo, inverseLengthScales);
        double slope = designFamily.slope(r2);
        for (int d = 0; d < designDimensions; d++) {
            double il = inverseLengthScales[d];
            gradient[d] = -slope * (a[ao + d] - b[bo + d]) * il * il;
        }
        return designFamily.correlation(r2);
    }

    /**
     * r(a, b) and its gradient with respect to a (all coordinates), written to
     * {@code gradient[0 .. dimension)}.
     */
    public double correlationWithGradient(double[] a, int ao, double[] b, int bo, double[] inverseLengthScales,
            double[] gradient) {
        double r2 = designR2(a, ao, b, bo, inverseLengthScales);
        double design = designFamily.correlation(r2);
        double environment = Math.exp(-0.5 * environmentR2(a, ao, b, bo, inverseLengthScales));
        double designSlope = designFamily.slope(r2) * environment;
        for (int d = 0; d < designDimensions; d++) {
            double il = inverseLengthScales[d];
            gradient[d] = -designSlope * (a[ao + d] - b[bo + d]) * il * il;
        }
        double value = design * environment;
        for (int d = designDimensions; d < dimension(); d++) {
            double il = inverseLengthScales[d];
            gradient[d] = -value * (a[ao + d] - b[bo + d]) * il * il;
        }
        return value;
    }

    /**
     * Adds {@code weight·∂r(a,b)/∂log ℓ_d} to {@code gradient[offset + d]} for every dimension d and
     * returns r(a, b), which the likelihood gradient needs as well.
     */
    public double addLengthScaleGradient(double[] a, int ao, double[] b, int bo, double[] inverseLengthScales,
            double weight, double[] gradient, int offset) {
        double r2 = designR2(a, ao, b, bo, inverseLengthScales);
        double environment = Math.exp(-0.5 * environmentR2(a, ao, b, bo, inverseLengthScales));
        double designWeight = weight * designFamily.slope(r2) * environment;
        for (int d = 0; d < designDimensions; d++) {
            double z = (a[ao + d] - b[bo + d]) * inverseLengthScales[d];
            gradient[offset + d] += designWeight * z * z;
        }
        double environmentWeight = weight * designFamily.correlation(r2) * environment;
        for (int d = designDimensions; d < dimension(); d++) {
            double z = (a[ao + d] - b[bo + d]) * inverseLengthScales[d];
            gradient[offset + d] += environmentWeight * z * z;
        }
        return designFamily.correlation(r2) * environment;
    }

    private double designR2(double[] a, int ao, double[] b, int bo, double[] inverseLengthScales) {
        double r2 = 0;
        for (int d = 0; d < designDimensions; d++) {
            double z = (a[ao + d] - b[bo + d]) * inverseLengthScales[d];
            r2 += z * z;
        }
        return r2;
    }

    private double environmentR2(double[] a, int ao, double[] b, int bo, double[] inverseLengthScales) {
        double r2 = 0;
        for (int d = designDimensions; d < dimension(); d++) {
            double z = (a[ao + d] - b[bo + d]) * inverseLengthScales[d];
            r2 += z * z;
        }
        return r2;
    }

    @Override
    public String toString() {
        return environmentDimensions == 0
                ? designFamily + "[" + designDimensions + "]"
                : designFamily + "[" + designDimensions + "] x SQUARED_EXPONENTIAL[" + environmentDimensions + "]";
    }
}
