package org.synthstack.optimize.testfunctions;

import java.util.ArrayList;
import java.util.List;
import org.synthstack.optimize.Bounds;

/**
 * The classical test set of Dixon &amp; Szegő as used by Jones et al. (1993) and Gablonsky's DIRECT
 * user guide, plus the 90°-rotated six-hump camel of the REGO seed paper.
 *
 * <p>Minimum values and minimisers were computed for exactly the definitions below (local refinement
 * from the literature's points); they agree with the literature to its printed precision, except
 * Hartman-3, where the widely quoted −3.86278 belongs to slightly different coefficients (the
 * difference, 2e-6, is far below the 0.01 % stopping tolerance).
 */
public final class TestFunctions {

    private TestFunctions() {
    }

    /** The nine functions of Jones's table plus the rotated camel, in a fixed order. */
    public static List<TestFunction> suite() {
        return List.of(sixHumpCamel(), rotatedSixHumpCamel(), branin(), goldsteinPrice(), shekel(5), shekel(7),
                shekel(10), hartman3(), hartman6(), shubert());
    }

    /** f = (4 − 2.1x₁² + x₁⁴/3)x₁² + x₁x₂ + (−4 + 4x₂²)x₂² on [−3,3]×[−2,2]; minima at ±(0.0898, −0.7127). */
    public static TestFunction sixHumpCamel() {
        return new TestFunction("six-hump camel", new Bounds(new double[] {-3, -2}, new double[] {3, 2}),
                -1.0316284534898774,
                List.of(new double[] {0.0898420171, -0.7126564030}, new double[] {-0.0898420171, 0.7126564030}),
                x -> camel(x[0], x[1]));
    }

    /** g(u, v) = f(v, −u), the camel rotated by 90°, on [−2,2]×[−3,3]; minima at ±(0.7127, 0.0898). */
    public static TestFunction rotatedSixHumpCamel() {
        return new TestFunction("rotated six-hump camel", new Bounds(new double[] {-2, -3}, new double[] {2, 3}),
                -1.0316284534898774,
                List.of(new double[] {0.7126564030, 0.0898420171}, new double[] {-0.7126564030, -0.0898420171}),
                x -> camel(x[1], -x[0]));
    }

    private static double camel(double x1, double x2) {
        double x1s = x1 * x1;
        double x2s = x2 * x2;
        return (4 - 2.1 * x1s + x1s * x1s / 3) * x1s + x1 * x2 + (-4 + 4 * x2s) * x2s;
    }

    /** Branin's function on [−5,10]×[0,15]; f* = 5/(4π) at (−π, 12.275), (π, 2.275), (3π, 2.475). */
    public static TestFunction branin() {
        double b = 5.1 / (4 * Math.PI * Math.PI);
        double c = 5 / Math.PI;
        double t = 1 / (8 * Math.PI);
        return new TestFunction("Branin", new Bounds(new double[] {-5, 0}, new double[] {10, 15}), 5 / (4 * Math.PI),
                List.of(new double[] {-Math.PI, 12.275}, new double[] {Math.PI, 2.275},
                        new double[] {3 * Math.PI, 2.475}),
                x -> {
                    double q = x[1] - b * x[0] * x[0] + c * x[0] - 6;
                    return q * q + 10 * (1 - t) * Math.cos(x[0]) + 10;
                });
    }

    /** Goldstein–Price on [−2,2]²; f* = 3 at (0, −1). */
    public static TestFunction goldsteinPrice() {
        return new TestFunction("Goldstein-Price", Bounds.cube(2, -2, 2), 3.0, List.of(new double[] {0, -1}), x -> {
            double x1 = x[0];
            double x2 = x[1];
            double s = x1 + x2 + 1;
            double d = 2 * x1 - 3 * x2;
            double a = 1 + s * s * (19 - 14 * x1 + 3 * x1 * x1 - 14 * x2 + 6 * x1 * x2 + 3 * x2 * x2);
            double e = 30 + d * d * (18 - 32 * x1 + 12 * x1 * x1 + 48 * x2 - 36 * x1 * x2 + 27 * x2 * x2);
            return a * e;
        });
    }

    private static final double[][] SHEKEL_A = {
        {4, 4, 4, 4}, {1, 1, 1, 1}, {8, 8, 8, 8}, {6, 6, 6, 6}, {3, 7, 3, 7},
        {2, 9, 2, 9}, {5, 5, 3, 3}, {8, 1, 8, 1}, {6, 2, 6, 2}, {7, 3.6, 7, 3.6}};
    private static final double[] SHEKEL_C = {0.1, 0.2, 0.2, 0.4, 0.4, 0.6, 0.3, 0.7, 0.5, 0.5};

    /** Shekel-m (m = 5, 7 or 10) on [0,10]⁴: f = −Σᵢ 1/(|x − aᵢ|² + cᵢ); minimum near (4,4,4,4). */
    public static TestFunction shekel(int m) {
        double fStar;
        double[] argmin;
        switch (m) {
            case 5 -> {
                fStar = -10.153199679058229;
                argmin = new double[] {4.0000371511, 4.0001332758, 4.0000371532, 4.0001332769};
            }
            case 7 -> {
                fStar = -10.402940566818664;
                argmin = new double[] {4.0005729169, 4.0006893654, 3.9994897066, 3.9996061565};
            }
            case 10 -> {
                fStar = -10.536409816692046;
                argmin = new double[] {4.0007465297, 4.0005929325, 3.9996633990, 3.9995098025};
            }
            default -> throw new IllegalArgumentException("Shekel is defined for m = 5, 7 or 10, got " + m);
        }
        return new TestFunction("Shekel-" + m, Bounds.cube(4, 0, 10), fStar, List.of(argmin), x -> {
            double f = 0;
            for (int i = 0; i < m; i++) {
                double s = SHEKEL_C[i];
                for (int j = 0; j < 4; j++) {
                    double d = x[j] - SHEKEL_A[i][j];
                    s += d * d;
                }
                f -= 1 / s;
            }
            return f;
        });
    }

    private static final double[] HARTMAN_ALPHA = {1.0, 1.2, 3.0, 3.2};

    /** Hartman-3 on [0,1]³; f* ≈ −3.86278 at (0.1146, 0.5556, 0.8525). */
    public static TestFunction hartman3() {
        double[][] a = {{3, 10, 30}, {0.1, 10, 35}, {3, 10, 30}, {0.1, 10, 35}};
        double[][] p = {
            {0.3689, 0.1170, 0.2673}, {0.4699, 0.4387, 0.7470}, {0.1091, 0.8732, 0.5547}, {0.0381, 0.5743, 0.8828}};
        return new TestFunction("Hartman-3", Bounds.cube(3, 0, 1), -3.862779787332663,
                List.of(new double[] {0.1145888886, 0.5556488953, 0.8525469850}), x -> hartman(x, a, p));
    }

    /** Hartman-6 on [0,1]⁶; f* ≈ −3.32237 at (0.2017, 0.1500, 0.4769, 0.2753, 0.3117, 0.6573). */
    public static TestFunction hartman6() {
        double[][] a = {
            {10, 3, 17, 3.5, 1.7, 8}, {0.05, 10, 17, 0.1, 8, 14}, {3, 3.5, 1.7, 10, 17, 8}, {17, 8, 0.05, 10, 0.1, 14}};
        double[][] p = {
            {0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886}, {0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991},
            {0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650}, {0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381}};
        return new TestFunction("Hartman-6", Bounds.cube(6, 0, 1), -3.322368011415515,
                List.of(new double[] {0.2016895098, 0.1500106914, 0.4768739717, 0.2753324310, 0.3116516165,
                    0.6573005340}),
                x -> hartman(x, a, p));
    }

    private static double hartman(double[] x, double[][] a, double[][] p) {
        double f = 0;
        for (int i = 0; i < 4; i++) {
            double s = 0;
            for (int j = 0; j < x.length; j++) {
                double d = x[j] - p[i][j];
                s += a[i][j] * d * d;
            }
            f -= HARTMAN_ALPHA[i] * Math.exp(-s);
        }
        return f;
    }

    /** Arguments of the global minima and maxima of g(x) = Σᵢ₌₁⁵ i·cos((i+1)x + i) in [−10, 10]. */
    private static final double[] SHUBERT_G_ARGMIN = {-7.708313735504, -1.425128427486, 4.858056878593};
    private static final double[] SHUBERT_G_ARGMAX = {-7.083506407471, -0.800321100234, 5.482864206821};

    /** Shubert's function g(x₁)·g(x₂) on [−10,10]²; f* ≈ −186.7309 at 18 points. */
    public static TestFunction shubert() {
        List<double[]> minimisers = new ArrayList<>();
        for (double low : SHUBERT_G_ARGMIN) {
            for (double high : SHUBERT_G_ARGMAX) {
                minimisers.add(new double[] {low, high});
                minimisers.add(new double[] {high, low});
            }
        }
        return new TestFunction("Shubert", Bounds.cube(2, -10, 10), -186.7309088310238, minimisers,
                x -> shubertFactor(x[0]) * shubertFactor(x[1]));
    }

    private static double shubertFactor(double x) {
        double s = 0;
        for (int i = 1; i <= 5; i++) {
            s += i * Math.cos((i + 1) * x + i);
        }
        return s;
    }
}
