package org.synthstack.jobs.caad;

import java.io.Serializable;
import java.util.function.ToDoubleFunction;

/** A black box that Spark can ship to its tasks. */
@FunctionalInterface
public interface Objective extends ToDoubleFunction<double[]>, Serializable {}
