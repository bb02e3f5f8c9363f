package org.synthstack.jobs.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.synthstack.audio.AudioDecodeException;
import org.synthstack.features.SpectralSettings;
import org.synthstack.improv.CorpusBuilder;
import org.synthstack.improv.CorpusFormatException;
import org.synthstack.improv.FeatureSet;
import org.synthstack.improv.ImprovSession;
import org.synthstack.improv.IncompatibleFeatureSetException;
import org.synthstack.improv.MdnSampler;
import org.synthstack.improv.Mdrnn;
import org.synthstack.improv.MinMaxNormaliser;
import org.synthstack.improv.ModelSize;
import org.synthstack.improv.TrainingConfig;
import org.synthstack.jobs.InputException;
import org.synthstack.jobs.improv.ImprovTrainJob;
import org.synthstack.jobs.improv.OscBench;
import org.synthstack.jobs.improv.OscImprovServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The real-time improviser (seed 001): corpus, the optimizer study, the OSC server and its latency benchmark. */
@Command(name = "improv", mixinStandardHelpOptions = true,
    description = "The real-time improviser: spectral-feature corpus, MDRNN optimizer study on Spark, OSC server.",
    subcommands = {ImprovCommand.CorpusCmd.class, ImprovCommand.Train.class, ImprovCommand.Serve.class,
        ImprovCommand.BenchOsc.class})
final class ImprovCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand: corpus, train, serve or bench-osc");
  }

  /** Loads a model for the live tools; another feature set or a damaged file is an input error. */
  static Mdrnn loadModel(Path file) {
    try {
      return Mdrnn.load(file, FeatureSet.SPECTRAL);
    } catch (NoSuchFileException e) {
      throw new InputException("model " + file + ": no such file");
    } catch (IncompatibleFeatureSetException e) {
      throw new InputException(e.getMessage() + "; train a model on a corpus made by 'improv corpus'", e);
    } catch (IOException e) {
      throw new InputException("model " + e.getMessage(), e);
    }
  }

  @Command(name = "corpus", mixinStandardHelpOptions = true,
      description = "Analyses recordings (WAV, FLAC, Ogg) and reads instrument JSON files into a corpus directory: "
          + "OUT/performances/*.json (the instrument's format), OUT/normaliser.json (per-feature min/max), "
          + "OUT/manifest.json.")
  static final class CorpusCmd implements Callable<Integer> {
    @Option(names = "--in", required = true, paramLabel = "PATH",
        description = "An audio or instrument JSON file, or a folder searched recursively; repeatable.")
    List<Path> inputs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The corpus directory (replaced "
        + "as a whole on success).")
    Path out;

    @Option(names = "--target-frames", defaultValue = "80000", paramLabel = "N",
        description = "Frames to aim for; the hop is chosen to get there (default: ${DEFAULT-VALUE}, the seed's).")
    int targetFrames;

    @Option(names = "--hop", paramLabel = "SAMPLES", description = "A fixed hop instead of --target-frames.")
    Integer hop;

    @Option(names = "--min-hop", defaultValue = "128", paramLabel = "SAMPLES",
        description = "The smallest hop --target-frames may choose (default: ${DEFAULT-VALUE}).")
    int minHop;

    @Option(names = "--frame", defaultValue = "2048", paramLabel = "SAMPLES",
        description = "Frame (and FFT) size (default: ${DEFAULT-VALUE}).")
    int frame;

    @Option(names = "--sample-rate", defaultValue = "48000", paramLabel = "HZ",
        description = "Rate audio is resampled to before analysis (default: ${DEFAULT-VALUE}).")
    int sampleRate;

    @Option(names = "--rolloff", defaultValue = "0.99", paramLabel = "FRACTION",
        description = "Spectral rolloff fraction (default: ${DEFAULT-VALUE}).")
    double rolloff;

    @Option(names = "--silence-threshold", defaultValue = "0.001", paramLabel = "AMPLITUDE",
        description = "Leading and trailing samples at or below this magnitude are trimmed; 0 keeps them "
            + "(default: ${DEFAULT-VALUE}, -60 dBFS).")
    double silenceThreshold;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      SpectralSettings spectral;
      CorpusBuilder.Settings settings;
      try {
        spectral = new SpectralSettings(sampleRate, frame, hop == null ? frame / 2 : hop, rolloff);
        settings = new CorpusBuilder.Settings(spectral, hop != null, targetFrames, minHop, silenceThreshold);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
      List<Path> files;
      try {
        files = CorpusBuilder.discover(inputs);
      } catch (NoSuchFileException e) {
        throw new InputException("--in " + e.getFile() + ": no such file or directory");
      }
      if (files.isEmpty()) {
        throw new InputException("--in " + inputs + ": no audio (" + CorpusBuilder.AUDIO_EXTENSIONS + ") or .json "
            + "file found");
      }
      CorpusBuilder.Result result;
      try {
        result = CorpusBuilder.build(files, settings);
      } catch (CorpusFormatException | IncompatibleFeatureSetException e) {
        throw new InputException(e.getMessage(), e);
      } catch (IllegalArgumentException e) {
        throw new InputException("--in " + inputs + ": " + e.getMessage(), e);
      }
      ObjectNode manifest = manifest(result);
      result.corpus().write(out, result.names(), manifest);
      PrintWriter o = spec.commandLine().getOut();
      long audio = result.sources().stream().filter(s -> s.kind().equals("audio")).count();
      double seconds = result.sources().stream().mapToDouble(CorpusBuilder.Source::seconds).sum();
      o.printf(Locale.ROOT, "wrote %d performances, %d frames (%d audio files, %d JSON files, %.1f s) to %s; "
          + "frame %d, hop %d samples (%.2f ms) at %d Hz%n", result.corpus().performances().size(),
          result.corpus().frames(), audio, result.sources().size() - audio, seconds, out, frame, result.hop(),
          1000.0 * result.hop() / sampleRate, sampleRate);
      return 0;
    }

    private ObjectNode manifest(CorpusBuilder.Result result) {
      JsonNodeFactory json = JsonNodeFactory.instance;
      ObjectNode m = json.objectNode();
      m.put("format", "synthstack-improv-corpus");
      m.put("version", 1);
      SpectralSettings s = result.settings().spectral();
      ObjectNode analysis = m.putObject("analysis");
      analysis.put("sampleRate", s.sampleRate());
      analysis.put("frameSize", s.frameSize());
      analysis.put("hopSize", s.hopSize());
      analysis.put("hopMs", 1000.0 * s.hopSize() / s.sampleRate());
      analysis.put("rolloffFraction", s.rolloffFraction());
      analysis.put("window", "symmetric Hann");
      analysis.put("silenceThreshold", result.settings().silenceThreshold());
      analysis.put("targetFrames", targetFrames);
      analysis.put("hopChosenForTarget", hop == null);
      ArrayNode features = m.putArray("features");
      FeatureSet.SPECTRAL.names().forEach(features::add);
      ArrayNode sources = m.putArray("sources");
      for (CorpusBuilder.Source source : result.sources()) {
        ObjectNode n = sources.addObject();
        n.put("file", source.file().toString());
        n.put("kind", source.kind());
        n.put("frames", source.frames());
        n.put("seconds", source.seconds());
      }
      ArrayNode files = m.putArray("performanceFiles");
      result.names().forEach(files::add);
      return m;
    }
  }

  @Command(name = "train", mixinStandardHelpOptions = true,
      description = "Spark job: trains one MDRNN per configuration (default: the seed's Table I, 10 rows) as Spark "
          + "tasks and writes the Table I equivalent, loss curves, input-then-continuation plots, resemblance scores "
          + "and the models to OUT.")
  static final class Train implements Callable<Integer> {
    @Option(names = "--corpus", required = true, paramLabel = "DIR", description = "A corpus made by 'improv corpus'.")
    String corpus;

    @Option(names = "--out", required = true, paramLabel = "DIR",
        description = "Report directory (local, hdfs:// or s3a://); replaced as a whole when the run succeeds.")
    String out;

    @Option(names = "--rows", split = ",", paramLabel = "R",
        description = "Table I rows to run, 1-based (default: all ten).")
    List<Integer> rows;

    @Option(names = "--size", defaultValue = "S", paramLabel = "SIZE",
        description = "Model size: XS, S, M or L (default: ${DEFAULT-VALUE}, the seed's).")
    ModelSize size;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Base seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--quick", description = "Shorten the protocol: at most 10 epochs of 40 batches, validation on "
        + "40 batches, about 20000 frames of the corpus (each overridable by the options below).")
    boolean quick;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs at most (default: 130; quick: 10).")
    Integer epochs;

    @Option(names = "--patience", defaultValue = "20", paramLabel = "N",
        description = "Early-stopping patience in epochs (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--batch", defaultValue = "64", paramLabel = "N", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--batches-per-epoch", paramLabel = "N",
        description = "Training batches per epoch, 0 = all windows (default: 0; quick: 40).")
    Integer batchesPerEpoch;

    @Option(names = "--validation-batches", paramLabel = "N",
        description = "Validation batches, 0 = all windows (default: 0; quick: 40).")
    Integer validationBatches;

    @Option(names = "--max-frames", paramLabel = "N",
        description = "Use about N frames: every k-th performance, k = round(frames / N), counted back from the last "
            + "one; 0 = all (default: 0; quick: 20000).")
    Long maxFrames;

    @Option(names = "--prime", defaultValue = "50", paramLabel = "STEPS",
        description = "Held-out input steps each continuation starts from (default: ${DEFAULT-VALUE}).")
    int prime;

    @Option(names = "--horizon", defaultValue = "100", paramLabel = "STEPS",
        description = "Steps generated and compared with the true continuation (default: ${DEFAULT-VALUE}).")
    int horizon;

    @Option(names = "--segments", defaultValue = "8", paramLabel = "N",
        description = "Held-out segments scored per model (default: ${DEFAULT-VALUE}).")
    int segments;

    @Option(names = "--pi-temp", defaultValue = "1.0", paramLabel = "T",
        description = "Mixture temperature when generating (default: ${DEFAULT-VALUE}, IMPS's).")
    double piTemperature;

    @Option(names = "--sigma-temp", defaultValue = "0.01", paramLabel = "T",
        description = "Variance scale when generating (default: ${DEFAULT-VALUE}, IMPS's).")
    double sigmaTemperature;

    @Option(names = "--plot-features", split = ",", paramLabel = "NAME",
        description = "Features plotted as input then continuation (default: the seed's Chroma03, Chroma04, "
            + "Chroma05, SpectralSkewness).")
    List<String> plotFeatures;

    @Mixin
    SparkOptions spark;

    @Spec
    CommandSpec spec;

    ImprovTrainJob.Options options() {
      List<ImprovTrainJob.GridRow> table = ImprovTrainJob.tableOne();
      List<ImprovTrainJob.GridRow> grid = new ArrayList<>();
      if (rows == null || rows.isEmpty()) {
        grid.addAll(table);
      } else {
        for (int r : rows) {
          if (r < 1 || r > table.size()) {
            throw new ParameterException(spec.commandLine(), "--rows: " + r + " is not a row of Table I (1.."
                + table.size() + ")");
          }
          if (grid.stream().noneMatch(g -> g.row() == r)) {
            grid.add(table.get(r - 1));
          }
        }
      }
      int maxEpochs = epochs != null ? epochs : quick ? 10 : TrainingConfig.DEFAULT_MAX_EPOCHS;
      int trainBatches = batchesPerEpoch != null ? batchesPerEpoch : quick ? 40 : 0;
      int validation = validationBatches != null ? validationBatches : quick ? 40 : 0;
      long frames = maxFrames != null ? maxFrames : quick ? 20_000 : 0;
      if (maxEpochs < 1 || patience < 1 || batch < 1 || trainBatches < 0 || validation < 0 || frames < 0
          || prime < 1 || horizon < 1 || segments < 1) {
        throw new ParameterException(spec.commandLine(), "epochs, patience, batch, prime, horizon and segments "
            + "must be positive; batch caps and --max-frames non-negative");
      }
      if (!(piTemperature > 0) || !(sigmaTemperature >= 0)) {
        throw new ParameterException(spec.commandLine(), "--pi-temp must be positive, --sigma-temp non-negative");
      }
      return new ImprovTrainJob.Options(corpus, out, grid, size, seed, maxEpochs, patience, batch, trainBatches,
          validation, frames, prime, horizon, segments, piTemperature, sigmaTemperature,
          plotFeatures == null ? ImprovTrainJob.Options.SEED_PLOT_FEATURES : plotFeatures, quick);
    }

    @Override
    public Integer call() throws Exception {
      ImprovTrainJob.Options options = options();
      SparkSession session = spark.session("synthstack improv train");
      try {
        ImprovTrainJob.Result result;
        try {
          result = ImprovTrainJob.run(session, options);
        } catch (CorpusFormatException | IncompatibleFeatureSetException e) {
          throw new InputException(e.getMessage(), e);
        } catch (java.io.FileNotFoundException e) {
          throw new InputException("--corpus " + corpus + ": " + e.getMessage(), e);
        }
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "trained %d models on %d frames (%d training, %d validation windows) in %.1f s; "
            + "report in %s/summary.md%n", result.rows().size(), result.frames(), result.trainWindows(),
            result.validationWindows(), result.seconds(), result.out());
        for (ImprovTrainJob.RowResult r : result.rows()) {
          o.printf(Locale.ROOT, "  row %2d %-58s min val loss %9.3f at epoch %3d/%3d  feature W1 %.3f  "
              + "dt mean err %.2f ms  %.0f windows/s%n", r.row(), ImprovTrainJob.label(r.optimizer()), r.bestValidationLoss(),
              r.bestEpoch(), r.epochs(), r.mean().meanFeatureDistance(), r.mean().dtMeanErrorMs(),
              r.windowsPerSecond());
        }
        o.printf(Locale.ROOT, "  echo (input as continuation): feature W1 %.3f  dt mean err %.2f ms%n",
            result.echo().meanFeatureDistance(), result.echo().dtMeanErrorMs());
        return 0;
      } finally {
        session.stop();
      }
    }
  }

  /** Options the live tools share. */
  static final class Sampling {
    @Option(names = "--pi-temp", defaultValue = "1.0", paramLabel = "T",
        description = "Mixture temperature (default: ${DEFAULT-VALUE}, IMPS's).")
    double piTemperature = MdnSampler.DEFAULT_PI_TEMPERATURE;

    @Option(names = "--sigma-temp", defaultValue = "0.01", paramLabel = "T",
        description = "Variance scale (default: ${DEFAULT-VALUE}, IMPS's).")
    double sigmaTemperature = MdnSampler.DEFAULT_SIGMA_TEMPERATURE;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Sampling seed (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--max-dt", defaultValue = "1.0", paramLabel = "SECONDS",
        description = "Longer input gaps are fed to the model as this (default: ${DEFAULT-VALUE}).")
    double maxDt = 1.0;

    ImprovSession.Settings settings(CommandSpec spec) {
      if (!(piTemperature > 0) || !(sigmaTemperature >= 0) || !(maxDt > 0)) {
        throw new ParameterException(spec.commandLine(), "--pi-temp and --max-dt must be positive, --sigma-temp "
            + "non-negative");
      }
      return new ImprovSession.Settings(piTemperature, sigmaTemperature, seed, maxDt);
    }
  }

  @Command(name = "serve", mixinStandardHelpOptions = true,
      description = "OSC server: listens for /interface frames (one float per feature), answers with /prediction "
          + "messages (features, then the predicted delta-t in ms) and writes each continuation as instrument JSON.")
  static final class Serve implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A model from 'improv train'.")
    Path model;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
        description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--port", defaultValue = "5001", paramLabel = "PORT",
        description = "UDP port for /interface (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--send-host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
        description = "Where /prediction goes (default: ${DEFAULT-VALUE}).")
    String sendHost;

    @Option(names = "--send-port", defaultValue = "5000", paramLabel = "PORT",
        description = "UDP port for /prediction (default: ${DEFAULT-VALUE}).")
    int sendPort;

    @Option(names = "--mode", defaultValue = "call-response", paramLabel = "MODE",
        description = "call-response: continue after a silence; step: answer every frame at once "
            + "(default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--silence-ms", defaultValue = "1000", paramLabel = "MS",
        description = "Silence that ends the performer's turn (default: ${DEFAULT-VALUE}).")
    long silenceMs;

    @Option(names = "--length", defaultValue = "100", paramLabel = "FRAMES",
        description = "Frames per continuation (default: ${DEFAULT-VALUE}).")
    int length;

    @Option(names = "--no-pace", description = "Send a continuation at once instead of at its predicted times.")
    boolean noPace;

    @Option(names = "--queue", defaultValue = "1024", paramLabel = "FRAMES",
        description = "Frames waiting for the model at most; more are dropped as a flood (default: ${DEFAULT-VALUE}).")
    int queue;

    @Option(names = "--json-out", paramLabel = "DIR",
        description = "Write each continuation as DIR/continuation-NNNNNN.json (the last 100 are kept).")
    Path jsonOut;

    @Option(names = "--stats-seconds", defaultValue = "10", paramLabel = "S",
        description = "Log the counters this often when they changed, 0 = only at shutdown (default: ${DEFAULT-VALUE}).")
    long statsSeconds;

    @Option(names = "--duration", defaultValue = "0", paramLabel = "SECONDS",
        description = "Stop after this long; 0 = run until interrupted (default: ${DEFAULT-VALUE}).")
    long duration;

    @Mixin
    Sampling sampling = new Sampling();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      OscImprovServer.Mode m = switch (mode.toLowerCase(Locale.ROOT)) {
        case "call-response", "call_response" -> OscImprovServer.Mode.CALL_RESPONSE;
        case "step" -> OscImprovServer.Mode.STEP;
        default -> throw new ParameterException(spec.commandLine(), "--mode must be call-response or step: " + mode);
      };
      if (port < 0 || port > 65535 || sendPort < 1 || sendPort > 65535 || silenceMs < 1 || length < 1 || queue < 1
          || statsSeconds < 0 || duration < 0) {
        throw new ParameterException(spec.commandLine(), "ports must be in 0..65535 (send port from 1), silence, "
            + "length and queue positive, stats and duration non-negative");
      }
      InetSocketAddress listen = new InetSocketAddress(address(host, "--host"), port);
      InetSocketAddress send = new InetSocketAddress(address(sendHost, "--send-host"), sendPort);
      ImprovSession.Settings session = sampling.settings(spec);
      try (Mdrnn mdrnn = loadModel(model)) {
        OscImprovServer server;
        try {
          server = OscImprovServer.start(mdrnn, new OscImprovServer.Settings(listen, send, m, silenceMs, length,
              !noPace, queue, jsonOut, statsSeconds * 1000, session));
        } catch (java.net.BindException e) {
          throw new InputException("--host " + host + " --port " + port + ": cannot listen there (" + e.getMessage()
              + ")", e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
          server.close();
          stopped.countDown();
        }, "improv-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        spec.commandLine().getOut().printf(Locale.ROOT, "improv serve: %s on %s:%d -> %s:%d (%s); Ctrl-C stops%n",
            mdrnn.spec().size(), host, server.port(), sendHost, sendPort, m);
        spec.commandLine().getOut().flush();
        if (duration > 0) {
          if (!stopped.await(duration, TimeUnit.SECONDS)) {
            Runtime.getRuntime().removeShutdownHook(hook);
            server.close();
          }
        } else {
          stopped.await();
        }
        spec.commandLine().getOut().println("improv serve: " + server.counters());
        return 0;
      }
    }
  }

  @Command(name = "bench-osc", mixinStandardHelpOptions = true,
      description = "End-to-end latency of one prediction step through OSC on loopback: sends /interface frames to a "
          + "server in step mode and times the /prediction replies. With --model it starts that server in-process; "
          + "otherwise it talks to a running 'improv serve --mode step --send-port REPLY_PORT'.")
  static final class BenchOsc implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "FILE", description = "Start an in-process server with this model.")
    Path model;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
        description = "The server's address (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--server-port", defaultValue = "5001", paramLabel = "PORT",
        description = "The server's /interface port when it runs elsewhere (default: ${DEFAULT-VALUE}).")
    int serverPort;

    @Option(names = "--reply-port", defaultValue = "0", paramLabel = "PORT",
        description = "Where this client receives /prediction; 0 = any free port with --model (default: "
            + "${DEFAULT-VALUE}; give the server's --send-port otherwise).")
    int replyPort;

    @Option(names = "--features", defaultValue = "20", paramLabel = "N",
        description = "Floats per frame when the server runs elsewhere (default: ${DEFAULT-VALUE}).")
    int features;

    @Option(names = "--frames", defaultValue = "5000", paramLabel = "N",
        description = "Frames timed (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--warmup", defaultValue = "1000", paramLabel = "N",
        description = "Frames sent first, untimed (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--interval-ms", defaultValue = "2", paramLabel = "MS",
        description = "Pause after each reply (default: ${DEFAULT-VALUE}).")
    double intervalMs;

    @Option(names = "--timeout-ms", defaultValue = "250", paramLabel = "MS",
        description = "Later replies count as lost (default: ${DEFAULT-VALUE}).")
    long timeoutMs;

    @Mixin
    Sampling sampling = new Sampling();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (frames < 1 || warmup < 0 || intervalMs < 0 || timeoutMs < 1 || features < 1) {
        throw new ParameterException(spec.commandLine(), "--frames, --timeout-ms and --features must be positive, "
            + "--warmup and --interval-ms non-negative");
      }
      InetAddress address = address(host, "--host");
      PrintWriter out = spec.commandLine().getOut();
      if (model == null) {
        if (replyPort < 1) {
          throw new ParameterException(spec.commandLine(), "--reply-port is required without --model (the port "
              + "the server sends /prediction to)");
        }
        double[] low = new double[features];
        double[] high = new double[features];
        java.util.Arrays.fill(high, 1);
        OscBench.run(new OscBench.Settings(new InetSocketAddress(address, serverPort), replyPort, features, low, high,
            warmup, frames, intervalMs, timeoutMs, sampling.seed), out);
        return 0;
      }
      int reply = replyPort > 0 ? replyPort : freePort(address);
      try (Mdrnn mdrnn = loadModel(model)) {
        MinMaxNormaliser n = mdrnn.normaliser();
        double[] low = new double[n.features().size()];
        double[] high = new double[low.length];
        for (int f = 0; f < low.length; f++) {
          low[f] = n.min(f);
          high[f] = n.max(f);
        }
        OscImprovServer server = OscImprovServer.start(mdrnn, new OscImprovServer.Settings(
            new InetSocketAddress(address, 0), new InetSocketAddress(address, reply), OscImprovServer.Mode.STEP,
            1000, 1, false, 1024, null, 0, sampling.settings(spec)));
        try {
          OscBench.run(new OscBench.Settings(new InetSocketAddress(address, server.port()), reply, low.length, low,
              high, warmup, frames, intervalMs, timeoutMs, sampling.seed), out);
        } finally {
          // Closing joins the model thread: the last reply may reach the client before its send is counted.
          server.close();
        }
        double[] side = server.stepLatencyMicros();
        out.printf(Locale.ROOT, "server side (arrival to sent, last %d): median %.0f us, p99 %.0f us; %s%n",
            (long) Math.min(side[2], 4096), side[0], side[1], server.counters());
      }
      return 0;
    }
  }

  static InetAddress address(String host, String option) {
    try {
      return InetAddress.getByName(host);
    } catch (java.net.UnknownHostException e) {
      throw new InputException(option + " " + host + ": unknown host");
    }
  }

  static int freePort(InetAddress address) throws IOException {
    try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(address, 0))) {
      return probe.getLocalPort();
    }
  }
}
