package org.synthstack.optimize.numeric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class NormalDistributionTest {

    /** Reference values from mpmath at 30 digits. */
    @ParameterizedTest
    @CsvSource({
        "1.0, 0.84134474606854294859, 0.2419707245191433498",
        "-0.25, 0.40129367431707627576, 0.38666811680284920694",
        "-1.96, 0.024997895148220436213, 0.058440944333451464389",
        "-2.5, 0.006209665325776135167, 0.017528300493568537362",
        "-3.0, 0.0013498980316300945267, 0.0044318484119380071756",
        "-5.0, 2.8665157187919391167e-7, 1.4867195147342977079e-6",
        "-10.0, 7.619853024160526066e-24, 7.6945986267064193463e-23",
        "-20.0, 2.7536241186062336951e-89, 5.5209483621597631896e-88",
        "0.5, 0.69146246127401310364, 0.35206532676429947777",
        "2.5, 0.99379033467422386483, 0.017528300493568537362",
    })
    void cdfAndPdfMatchReferenceValuesInRelativeTerms(double x, double cdf, double pdf) {
        assertThat(NormalDistribution.cdf(x)).isCloseTo(cdf, within(2e-15 * cdf));
        assertThat(NormalDistribution.pdf(x)).isCloseTo(pdf, within(2e-15 * pdf));
    }

    @Test
    void cdfOverPdfIsTheRatioWhereBothAreRepresentableAndFiniteBeyond() {
        for (double x = -8; x <= 0; x += 0.37) {
            double ratio = NormalDistribution.cdf(x) / NormalDistribution.pdf(x);
            assertThat(NormalDistribution.cdfOverPdf(x)).isCloseTo(ratio, within(1e-13 * ratio));
        }
        // Far tail: Φ(x)/φ(x) → 1/|x| (1 − 1/x² + 3/x⁴ …).
        double x = -1e3;
        assertThat(NormalDistribution.cdfOverPdf(x)).isCloseTo(1e-3 * (1 - 1e-6 + 3e-12), within(1e-18));
        assertThatThrownBy(() -> NormalDistribution.cdfOverPdf(0.1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Reference quantiles from mpmath (root of Φ(x) = p at 40 digits). */
    @ParameterizedTest
    @CsvSource({
        "0.975, 1.9599639845400538556",
        "1e-10, -6.3613409024040561991",
        "0.3, -0.52440051270804081597",
        "0.999999999999, 7.0344869100478352057",
    })
    void inverseCdfMatchesReferenceQuantiles(double p, double quantile) {
        assertThat(NormalDistribution.inverseCdf(p)).isCloseTo(quantile, within(1e-13 * Math.abs(quantile)));
    }

    @Test
    void inverseCdfRejectsProbabilitiesOutsideTheOpenInterval() {
        assertThatThrownBy(() -> NormalDistribution.inverseCdf(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NormalDistribution.inverseCdf(1)).isInstanceOf(IllegalArgumentException.class);
    }
}
