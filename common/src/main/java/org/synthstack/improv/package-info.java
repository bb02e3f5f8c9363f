/**
 * The real-time improviser's pure-Java core (seed 001, domain notes §5): the instrument's corpus format, IMPS's
 * MDRNN on DJL's PyTorch engine, Keras-semantics optimizers, and step-by-step generation. The Spark study ({@code
 * improv train}) and the OSC server ({@code improv serve}) build on these.
 *
 * <h2>Data path</h2>
 *
 * <pre>
 * recording → AudioLoader.loadMono → features.SpectralDescriptors → Performance.ofSpectral → PerformanceJson.write
 * instrument JSON → PerformanceJson.read(file, FeatureSet.SPECTRAL) → Performance
 * recordings + instrument JSON → CorpusBuilder.build (hop aimed at ~80 000 frames) → Corpus.write (a directory:
 *   performances/*.json, normaliser.json, manifest.json) → Corpus.read
 * Performances → MinMaxNormaliser.fit → TrainingWindows.of (Δt + features, ×10, windows of 50, last 10% validate)
 *   → Mdrnn.create(ModelSize.S, normaliser, seed) → MdrnnTrainer.train(model, windows, TrainingConfig) → Mdrnn.save
 * Mdrnn.load(file, FeatureSet.SPECTRAL) → MdrnnPredictor (observe / step / continuation)
 *   → Continuation.toPerformance (de-normalised, cumulative ms) → PerformanceJson.write
 * TrainingWindows → HeldOut.segments (input + true continuation from the validation split) → HeldOut.evaluate
 *   → Resemblance.Score (Wasserstein-1 per normalised feature, Δt errors)
 * live frames → ImprovSession (clamp to the corpus's range, cap Δt) → observe / predictNext / continuation
 * </pre>
 *
 * <p>The Spark study ({@code org.synthstack.jobs.improv.ImprovTrainJob}) and the OSC server ({@code
 * org.synthstack.jobs.improv.OscImprovServer}, on JavaOSC) live in the jobs module and drive these classes.
 *
 * <h2>Decisions the notes leave open</h2>
 *
 * <ul>
 *   <li>{@code Time} is written in {@code Analysis.Spectral} and read from there or from {@code Analysis}.
 *   <li>Δt is in seconds (IMPS's unit) and a performance's first frame, having none, starts no step; windows never
 *       straddle two performances.
 *   <li>Initial weights are Keras's (Glorot uniform, orthogonal recurrent kernels, forget-gate bias 1), drawn from a
 *       Java RNG so a seed gives the same model in any thread.
 *   <li>Training keeps the best validation epoch's weights (IMPS's best-only checkpoint), and stops at once on a
 *       non-finite loss (IMPS's TerminateOnNaN).
 *   <li>Several models train at once on separate threads of one JVM: gradients are collected per thread ({@link
 *       org.synthstack.improv.ThreadGradientCollector}); DJL's own collector allows one per process.
 *   <li>Decoded steps clamp features to [0, 1] and take |Δt| before de-normalising.
 * </ul>
 *
 * <h2>Native PyTorch, offline</h2>
 *
 * <p>{@link org.synthstack.improv.DjlRuntime} loads the engine with {@code ai.djl.offline=true}, always, and one
 * PyTorch thread; it refuses to start, naming what is missing, when DJL would otherwise try to download (no libtorch
 * found, no JNI bridge, offline mode switched off, another {@code PYTORCH_VERSION}). DJL takes libtorch from: {@code
 * PYTORCH_LIBRARY_PATH}, or the {@code ai.djl.pytorch:pytorch-native-cpu:2.7.1:linux-x86_64} jar on the classpath,
 * which it unpacks once into its cache ({@code ~/.djl.ai/pytorch/2.7.1-*-cpu-linux-x86_64}, ~430 MB; {@code
 * DJL_CACHE_DIR} moves it). That jar (~110 MB) is a {@code provided} dependency of {@code common}: common's tests see
 * it, but it is not transitive, so the jobs module's shaded jar does not swallow it. Whatever runs a model must
 * supply it next to the application jar:
 *
 * <ul>
 *   <li>the CLI launcher ({@code jobs/bin/synthstack}): the jobs module declares it {@code provided}, so it is in
 *       {@code jobs/target/provided-classpath.txt}, which the launcher puts on the classpath;
 *   <li>a standalone Spark cluster: put it in {@code spark-home/jars} with the other runtime jars (ops notes), or pass
 *       it with {@code --jars}; or unpack it once per machine and export {@code PYTORCH_LIBRARY_PATH}.
 * </ul>
 *
 * <p>{@code pytorch-jni} (the JNI bridge, which must match DJL and libtorch exactly) is an ordinary runtime dependency
 * and travels with the application: the jobs jar shades it for linux-x86_64 CPU only.
 */
package org.synthstack.improv;
