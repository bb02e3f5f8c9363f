/**
 * The {@code caad} Spark job (seed 002, issue 5): the seed paper's verification (Table II), validation and
 * DIRECT-against-REGO comparison, and the DIRECT test-function suite.
 *
 * <ul>
 *   <li>{@link org.synthstack.jobs.caad.CaadJob}: the Spark wiring (repetitions as tasks, DIRECT's expected losses
 *       fanned out) and the output.
 *   <li>{@link org.synthstack.jobs.caad.Runs}: single optimiser runs and their trajectories, pure Java.
 *   <li>{@link org.synthstack.jobs.caad.VerificationProblem}: Table II.
 *   <li>{@link org.synthstack.jobs.caad.SparkExpectedLoss}: EL as a batch objective whose K losses per point run as
 *       Spark tasks; {@link org.synthstack.jobs.caad.NoiseProblemSpec}: the broadcast problem, built once per JVM.
 *   <li>{@link org.synthstack.jobs.caad.ReferenceScan}: the reference optimum of EL, independent of the optimisers.
 *   <li>{@link org.synthstack.jobs.caad.SpeechInput}: where the clean speech comes from.
 *   <li>{@link org.synthstack.jobs.caad.CaadRows}, {@link org.synthstack.jobs.caad.CaadReports}, {@link
 *       org.synthstack.jobs.caad.Convergence}: Parquet rows, Markdown summaries and PNG plots.
 * </ul>
 */
package org.synthstack.jobs.caad;
