package org.synthstack.optimize.numeric;

/** A function with its gradient, for the local optimisers. */
@FunctionalInterface
public interface DifferentiableFunction {

    /**
     * Returns f(x) and writes ∇f(x) into {@code gradient} (same length as x). A non-finite return
     * value marks x as infeasible; the gradient is then ignored.
     */
    double valueAndGradient(double[] x, double[] gradient);
}
