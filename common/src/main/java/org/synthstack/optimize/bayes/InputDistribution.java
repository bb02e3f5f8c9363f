package org.synthstack.optimize.bayes;

import java.util.SplittableRandom;
import org.synthstack.optimize.gp.GaussianProcess;
import org.synthstack.optimize.gp.ProjectedProcess;

/**
 * The distribution p(X) of REGO's random inputs (problem instances), in the black box's own units.
 *
 * <p>The GP sees the random inputs scaled by {@link #modelLower()} and {@link #modelWidth()} to about
 * the unit interval; {@link #project} builds the projected process in those model coordinates.
 */
public sealed interface InputDistribution permits GaussianInputs, WeightedInstances {

    /** Number of random-input coordinates. */
    int dimension();

    /** One draw x ~ p(X). */
    double[] sample(SplittableRandom random);

    /**
     * The draw at a point u of the open unit cube (of {@link #dimension()} coordinates): the
     * inverse-CDF map that turns a Latin hypercube into a stratified sample of p(X).
     */
    double[] fromUniform(double[] u);

    /** Lower corner of the box mapped to [0, 1]. */
    double[] modelLower();

    /** Widths of the box mapped to [0, 1], each &gt; 0. */
    double[] modelWidth();

    /**
     * Z(θ) = E_x[Y(θ, x)] for a GP over joint model coordinates (θ, (x − lower)/width) with REGO's
     * product kernel.
     */
    ProjectedProcess project(GaussianProcess gp);
}
