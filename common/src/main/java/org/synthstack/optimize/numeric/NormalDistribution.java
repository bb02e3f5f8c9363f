package org.synthstack.optimize.numeric;

/**
 * The standard normal distribution, with the cumulative distribution accurate to about 1e-15 in
 * relative terms down to the far lower tail, which expected improvement needs.
 *
 * <p>For {@code x >= -2} the cumulative distribution uses Hart's (1968) rational approximation in
 * the form given by West (2005); below it uses the continued fraction of the Mills ratio, which
 * converges fast there and keeps full relative precision where Hart's formula loses it.
 */
public final class NormalDistribution {
    private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);
    private static final double INV_SQRT_2PI = 1 / SQRT_2PI;
    private static final double CONTINUED_FRACTION_BELOW = -2.0;
    private static final int CONTINUED_FRACTION_TERMS = 120;

    private NormalDistribution() {
    }

    public static double pdf(double x) {
        return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    }

    public static double cdf(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x > 0) {
            return 1 - cdf(-x);
        }
        if (x == Double.NEGATIVE_INFINITY) {
            return 0.0;
        }
        return pdf(x) * cdfOverPdf(x);
    }

    /**
     * Φ(x)/φ(x) for {@code x <= 0}, computed without forming either factor, so it stays accurate
     * where both underflow.
     */
    public static double cdfOverPdf(double x) {
        if (x > 0) {
            throw new IllegalArgumentException("cdfOverPdf needs x <= 0, got " + x);
        }
        double a = -x;
        if (x < CONTINUED_FRACTION_BELOW) {
            // Mills ratio (1 - Φ(a))/φ(a) = 1/(a + 1/(a + 2/(a + 3/(a + ...)))), evaluated backwards.
            double tail = 0.0;
            for (int k = CONTINUED_FRACTION_TERMS; k >= 1; k--) {
                tail = k / (a + tail);
            }
            return 1 / (a + tail);
        }
        double numerator = 3.52624965998911E-02 * a + 0.700383064443688;
        numerator = numerator * a + 6.37396220353165;
        numerator = numerator * a + 33.912866078383;
        numerator = numerator * a + 112.079291497871;
        numerator = numerator * a + 221.213596169931;
        numerator = numerator * a + 220.206867912376;
        double denominator = 8.83883476483184E-02 * a + 1.75566716318264;
        denominator = denominator * a + 16.064177579207;
        denominator = denominator * a + 86.7807322029461;
        denominator = denominator * a + 296.564248779674;
        denominator = denominator * a + 637.333633378831;
        denominator = denominator * a + 793.826512519948;
        denominator = denominator * a + 440.413735824752;
        return SQRT_2PI * numerator / denominator;
    }

    /**
     * The quantile function: Acklam's rational approximation refined by one Halley step on
     * {@link #cdf}, which brings it to near machine precision.
     *
     * @throws IllegalArgumentException unless {@code 0 < p < 1}
     */
    public static double inverseCdf(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("inverseCdf needs 0 < p < 1, got " + p);
        }
        if (p > 0.5) {
            // 1 − p is exact here, and the lower tail is where the refinement is well conditioned.
            return -inverseCdf(1 - p);
        }
        double x = acklam(p);
        double error = cdf(x) - p;
        double u = error * SQRT_2PI * Math.exp(0.5 * x * x);
        if (Double.isFinite(u)) {
            x -= u / (1 + 0.5 * x * u);
        }
        return x;
    }

    private static double acklam(double p) {
        final double lowTail = 0.02425;
        if (p < lowTail) {
            return lowerTail(Math.sqrt(-2 * Math.log(p)));
        }
        double q = p - 0.5;
        double r = q * q;
        double num = ((((-3.969683028665376e+01 * r + 2.209460984245205e+02) * r - 2.759285104469687e+02) * r
                + 1.383577518672690e+02) * r - 3.066479806614716e+01) * r + 2.506628277459239e+00;
        double den = ((((-5.447609879822406e+01 * r + 1.615858368580409e+02) * r - 1.556989798598866e+02) * r
                + 6.680131188771972e+01) * r - 1.328068155288572e+01) * r + 1;
        return num * q / den;
    }

    private static double lowerTail(double q) {
        double num = ((((-7.784894002430293e-03 * q - 3.223964580411365e-01) * q - 2.400758277161838e+00) * q
                - 2.549732539343734e+00) * q + 4.374664141464968e+00) * q + 2.938163982698783e+00;
        double den = (((7.784695709041462e-03 * q + 3.224671290700398e-01) * q + 2.445134137142996e+00) * q
                + 3.754408661907416e+00) * q + 1;
        return num / den;
    }
}
