package org.synthstack.jobs.improv;

import com.illposed.osc.OSCBundle;
import com.illposed.osc.OSCMessage;
import com.illposed.osc.OSCPacket;
import com.illposed.osc.OSCParseException;
import com.illposed.osc.OSCParser;
import com.illposed.osc.OSCSerializerAndParserBuilder;
import com.illposed.osc.transport.OSCPortOut;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.synthstack.improv.ImprovSession;
import org.synthstack.improv.Mdrnn;
import org.synthstack.improv.MdrnnPredictor;
import org.synthstack.improv.Performance;
import org.synthstack.improv.PerformanceJson;

/**
 * The live improviser over OSC (UDP), on JavaOSC.
 *
 * <p><b>Input.</b> {@code /interface} messages whose arguments are one frame: the model's features as floats (32-bit
 * {@code f}; 64-bit {@code d} is accepted too), in the model's feature order. Δt is measured on arrival. Everything
 * else is dropped and counted, never fatal: another address, another argument count, another type (int, string …),
 * NaN or ±∞, undecodable datagrams, and frames arriving faster than the model keeps up with once the bounded queue
 * is full ("flood"). Bundles are unpacked (nested at most {@value #MAX_BUNDLE_DEPTH} deep).
 *
 * <p><b>Output.</b> {@code /prediction} messages: the predicted frame's features (de-normalised, same order as
 * {@code /interface}) followed by one more float, the predicted Δt in ms since the previous frame.
 *
 * <ul>
 *   <li>{@link Mode#CALL_RESPONSE} (IMPS's call and response): every frame conditions the model as it arrives; after
 *       {@code silenceMillis} without input the server generates a continuation of {@code continuationLength}
 *       frames, sends it (paced by the predicted Δt unless {@code pace} is off; new input cancels what is not sent
 *       yet) and writes it as the instrument's JSON (values de-normalised, times cumulative ms from 0).
 *   <li>{@link Mode#STEP}: every frame is answered at once with the frame the model expects next (the latency
 *       benchmark's mode).
 * </ul>
 *
 * <p><b>Bounded.</b> One receive thread decodes (JavaOSC's parser), validates and enqueues; one worker owns the model
 * (the queue holds at most {@code queueCapacity} frames); one scheduler paces sends and logs the counters every {@code
 * statsMillis} and on close. The model's history is its LSTM state; at most {@value #KEEP_JSON} continuation files are
 * kept. Silence is judged by arrival times, so a worker that fell behind drains the queue before it answers.
 *
 * <p>The receive loop is ours rather than JavaOSC's {@code OSCPortIn}: in 0.8 some malformed datagrams make its parser
 * throw an unchecked {@code IndexOutOfBoundsException} that ends {@code OSCPortIn}'s thread, and the server would go
 * deaf. Here every parse failure is counted as malformed and the loop goes on. Sending uses JavaOSC's {@code
 * OSCPortOut}.
 */
public final class OscImprovServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OscImprovServer.class);

  public static final String INTERFACE = "/interface";
  public static final String PREDICTION = "/prediction";
  static final int MAX_BUNDLE_DEPTH = 4;
  static final int KEEP_JSON = 100;

  /** How the server answers. */
  public enum Mode {
    CALL_RESPONSE,
    STEP
  }

  /**
   * @param listen address to bind (loopback by default); port 0 picks a free one ({@link #port()})
   * @param send where {@code /prediction} messages go
   * @param mode how to answer
   * @param silenceMillis call and response: silence that ends the performer's turn
   * @param continuationLength call and response: frames per continuation
   * @param pace call and response: send each frame at its predicted time (otherwise all at once)
   * @param queueCapacity frames waiting for the model at most
   * @param jsonDir call and response: where continuations are written as JSON, or null
   * @param statsMillis how often the counters are logged (when they changed); 0 = only on close
   * @param session sampling and input guards
   */
  public record Settings(InetSocketAddress listen, InetSocketAddress send, Mode mode, long silenceMillis,
      int continuationLength, boolean pace, int queueCapacity, Path jsonDir, long statsMillis,
      ImprovSession.Settings session) {
    public Settings {
      if (silenceMillis < 1 || continuationLength < 1 || queueCapacity < 1 || statsMillis < 0) {
        throw new IllegalArgumentException("silence, continuation length and queue capacity must be positive");
      }
    }
  }

  /** What the server did; every dropped message is counted under exactly one reason. */
  public static final class Counters {
    final AtomicLong messages = new AtomicLong();
    final AtomicLong queued = new AtomicLong();
    final AtomicLong observed = new AtomicLong();
    final AtomicLong wrongAddress = new AtomicLong();
    final AtomicLong wrongCount = new AtomicLong();
    final AtomicLong wrongType = new AtomicLong();
    final AtomicLong notFinite = new AtomicLong();
    final AtomicLong flood = new AtomicLong();
    final AtomicLong malformed = new AtomicLong();
    final AtomicLong predictions = new AtomicLong();
    final AtomicLong continuations = new AtomicLong();
    final AtomicLong interrupted = new AtomicLong();
    final AtomicLong sendErrors = new AtomicLong();
    final AtomicLong clamped = new AtomicLong();
    final AtomicLong cappedDt = new AtomicLong();
    final AtomicLong jsonErrors = new AtomicLong();

    /** Name → value, in a fixed order. */
    public Map<String, Long> snapshot() {
      Map<String, Long> m = new LinkedHashMap<>();
      m.put("messages", messages.get());
      m.put("queued", queued.get());
      m.put("observed", observed.get());
      m.put("dropped_address", wrongAddress.get());
      m.put("dropped_count", wrongCount.get());
      m.put("dropped_type", wrongType.get());
      m.put("dropped_not_finite", notFinite.get());
      m.put("dropped_flood", flood.get());
      m.put("dropped_malformed", malformed.get());
      m.put("predictions_sent", predictions.get());
      m.put("continuations", continuations.get());
      m.put("continuations_interrupted", interrupted.get());
      m.put("send_errors", sendErrors.get());
      m.put("frames_clamped", clamped.get());
      m.put("dt_capped", cappedDt.get());
      m.put("json_errors", jsonErrors.get());
      return m;
    }

    /** Messages dropped for any reason. */
    public long dropped() {
      return wrongAddress.get() + wrongCount.get() + wrongType.get() + notFinite.get() + flood.get()
          + malformed.get();
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      snapshot().forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v));
      return sb.toString();
    }
  }

  private record Frame(long arrivalNanos, float[] values) {}

  private final Settings settings;
  private final Mdrnn model;
  private final ImprovSession session;
  private final int features;
  private final int port;
  private final Counters counters = new Counters();
  private final BlockingQueue<Frame> queue;
  private final DatagramChannel channel;
  private final OSCParser parser = new OSCSerializerAndParserBuilder().buildParser();
  private final OSCPortOut out;
  private final Thread receiver;
  private final Thread worker;
  private final CountDownLatch warm = new CountDownLatch(1);
  private final ScheduledExecutorService scheduler;
  private final List<ScheduledFuture<?>> pending = new ArrayList<>();
  private final LatencyWindow latency = new LatencyWindow(4096);
  private volatile boolean running = true;
  private String lastLogged = "";

  private OscImprovServer(Mdrnn model, Settings settings) throws IOException {
    this.settings = settings;
    this.model = model;
    this.session = new ImprovSession(model, settings.session());
    this.features = session.features();
    this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
    this.out = new OSCPortOut(settings.send());
    this.channel = DatagramChannel.open(settings.listen().getAddress() instanceof java.net.Inet6Address
        ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
    try {
      channel.bind(settings.listen());
    } catch (IOException e) {
      channel.close();
      out.close();
      throw e;
    }
    this.port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
    this.receiver = new Thread(this::receive, "improv-osc-receive");
    receiver.setDaemon(true);
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "improv-osc-sender");
      t.setDaemon(true);
      return t;
    });
    this.worker = new Thread(this::work, "improv-osc-model");
    worker.setDaemon(true);
  }

  /** Binds, starts listening and returns the running server. The caller keeps ownership of {@code model}. */
  public static OscImprovServer start(Mdrnn model, Settings settings) throws IOException {
    OscImprovServer server = new OscImprovServer(model, settings);
    server.worker.start();
    try {
      server.warm.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.receiver.start();
    if (settings.statsMillis() > 0) {
      server.scheduler.scheduleAtFixedRate(server::logIfChanged, settings.statsMillis(), settings.statsMillis(),
          TimeUnit.MILLISECONDS);
    }
    LOG.info("improv serve: listening for {} on {}:{}, sending {} to {}, mode {}", INTERFACE,
        settings.listen().getAddress().getHostAddress(), server.port, PREDICTION, settings.send(), settings.mode());
    return server;
  }

  /** The UDP port the server listens on. */
  public int port() {
    return port;
  }

  public Counters counters() {
    return counters;
  }

  /** Server-side latency of step mode (arrival to sent), µs: {p50, p99, count}. */
  public double[] stepLatencyMicros() {
    return latency.summary();
  }

  /** The receive thread: decode, validate, enqueue, count; nothing a datagram holds can end it. */
  private void receive() {
    ByteBuffer buffer = ByteBuffer.allocate(65_536);
    while (running) {
      buffer.clear();
      try {
        if (channel.receive(buffer) == null) {
          continue;
        }
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        if (running) {
          LOG.warn("improv serve: receiving: {}", e.toString());
        }
        continue;
      }
      long arrival = System.nanoTime();
      buffer.flip();
      OSCPacket packet;
      try {
        packet = parser.convert(buffer);
      } catch (OSCParseException | RuntimeException e) {
        counters.messages.incrementAndGet();
        counters.malformed.incrementAndGet();
        continue;
      }
      try {
        accept(packet, arrival, 0);
      } catch (RuntimeException e) {
        counters.malformed.incrementAndGet();
      }
    }
  }

  private void accept(OSCPacket packet, long arrival, int depth) {
    if (packet instanceof OSCBundle bundle) {
      if (depth >= MAX_BUNDLE_DEPTH) {
        counters.messages.incrementAndGet();
        counters.malformed.incrementAndGet();
        return;
      }
      for (OSCPacket p : bundle.getPackets()) {
        accept(p, arrival, depth + 1);
      }
      return;
    }
    counters.messages.incrementAndGet();
    OSCMessage message = (OSCMessage) packet;
    if (!INTERFACE.equals(message.getAddress())) {
      counters.wrongAddress.incrementAndGet();
      return;
    }
    List<Object> args = message.getArguments();
    if (args.size() != features) {
      counters.wrongCount.incrementAndGet();
      return;
    }
    float[] values = new float[features];
    for (int i = 0; i < features; i++) {
      Object a = args.get(i);
      float v;
      if (a instanceof Float f) {
        v = f;
      } else if (a instanceof Double d) {
        v = (float) d.doubleValue();
      } else {
        counters.wrongType.incrementAndGet();
        return;
      }
      if (!Float.isFinite(v)) {
        counters.notFinite.incrementAndGet();
        return;
      }
      values[i] = v;
    }
    if (queue.offer(new Frame(arrival, values))) {
      counters.queued.incrementAndGet();
    } else {
      counters.flood.incrementAndGet();
    }
  }

  /** The model's thread: observe frames, answer, and watch for silence. */
  private void work() {
    warmUp();
    long silenceNanos = TimeUnit.MILLISECONDS.toNanos(settings.silenceMillis());
    long lastArrival = Long.MIN_VALUE;
    boolean turnOpen = false;
    double[] predicted = new double[features];
    while (running) {
      try {
        long wait = 100_000_000L;
        if (turnOpen) {
          wait = Math.min(wait, lastArrival + silenceNanos - System.nanoTime());
        }
        Frame frame = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
        if (frame != null) {
          cancelPending();
          double dt = lastArrival == Long.MIN_VALUE ? 0 : (frame.arrivalNanos() - lastArrival) / 1e9;
          lastArrival = frame.arrivalNanos();
          session.observe(dt, frame.values());
          counters.observed.incrementAndGet();
          if (settings.mode() == Mode.STEP) {
            double dtSeconds = session.predictNext(predicted);
            send(message(predicted, dtSeconds * 1000));
            latency.add((System.nanoTime() - frame.arrivalNanos()) / 1000.0);
          } else {
            turnOpen = true;
          }
        } else if (turnOpen && System.nanoTime() - lastArrival >= silenceNanos) {
          turnOpen = false;
          respond();
        }
        counters.clamped.set(session.clampedFrames());
        counters.cappedDt.set(session.cappedDt());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.error("improv serve: the model failed on a frame; it is skipped: {}", e.toString());
      }
    }
  }

  /**
   * Runs the model a hundred steps on this thread before the first frame arrives (JIT, libtorch's allocator and
   * thread-local state), on a throwaway predictor, so the performer's first frame is answered at full speed.
   */
  private void warmUp() {
    try (MdrnnPredictor p = model.predictor(1, 0, 0)) {
      float[] step = new float[model.spec().dimension()];
      for (int i = 0; i < 100; i++) {
        step = p.step(step);
      }
    } catch (RuntimeException e) {
      LOG.warn("improv serve: warm-up failed: {}", e.toString());
    } finally {
      warm.countDown();
    }
  }

  /** Call and response: the performer fell silent; generate, send, write. */
  private void respond() {
    long n = counters.continuations.incrementAndGet();
    Performance continuation = session.continuation(settings.continuationLength(), "continuation-" + n);
    double[] frame = new double[features];
    double previous = 0;
    synchronized (pending) {
      for (int t = 0; t < continuation.frames(); t++) {
        for (int f = 0; f < features; f++) {
          frame[f] = continuation.columns()[f][t];
        }
        double at = continuation.timeMs()[t];
        OSCMessage m = message(frame, at - previous);
        previous = at;
        if (settings.pace()) {
          pending.add(scheduler.schedule(() -> send(m), Math.round(at * 1000), TimeUnit.MICROSECONDS));
        } else {
          send(m);
        }
      }
    }
    if (settings.jsonDir() != null) {
      writeJson(continuation, n);
    }
  }

  private void cancelPending() {
    synchronized (pending) {
      boolean cut = false;
      for (ScheduledFuture<?> f : pending) {
        cut |= f.cancel(false);
      }
      pending.clear();
      if (cut) {
        counters.interrupted.incrementAndGet();
      }
    }
  }

  private OSCMessage message(double[] frame, double dtMs) {
    List<Object> args = new ArrayList<>(features + 1);
    for (double v : frame) {
      args.add((float) v);
    }
    args.add((float) dtMs);
    return new OSCMessage(PREDICTION, args);
  }

  private void send(OSCMessage message) {
    try {
      synchronized (out) {
        out.send(message);
      }
      counters.predictions.incrementAndGet();
    } catch (IOException | com.illposed.osc.OSCSerializeException | RuntimeException e) {
      counters.sendErrors.incrementAndGet();
    }
  }

  private void writeJson(Performance continuation, long n) {
    Path dir = settings.jsonDir();
    Path target = dir.resolve(String.format(Locale.ROOT, "continuation-%06d.json", n));
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".continuation", ".tmp");
      try {
        try (OutputStream o = Files.newOutputStream(tmp)) {
          PerformanceJson.write(continuation, o);
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
      if (n > KEEP_JSON) {
        Files.deleteIfExists(dir.resolve(String.format(Locale.ROOT, "continuation-%06d.json", n - KEEP_JSON)));
      }
    } catch (IOException | RuntimeException e) {
      counters.jsonErrors.incrementAndGet();
      LOG.warn("improv serve: cannot write {}: {}", target, e.toString());
    }
  }

  private synchronized void logIfChanged() {
    String now = counters.toString();
    if (!now.equals(lastLogged)) {
      lastLogged = now;
      LOG.info("improv serve: {}{}", now, latencySuffix());
    }
  }

  private String latencySuffix() {
    double[] s = latency.summary();
    return s[2] == 0 ? "" : String.format(Locale.ROOT, " step_p50_us=%.0f step_p99_us=%.0f", s[0], s[1]);
  }

  /** Stops listening, stops the worker, logs the counters. Does not close the model. */
  @Override
  public void close() {
    running = false;
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("closing the OSC input: {}", e.toString());
    }
    try {
      receiver.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    worker.interrupt();
    try {
      worker.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      out.close();
    } catch (IOException e) {
      LOG.debug("closing the OSC output: {}", e.toString());
    }
    session.close();
    LOG.info("improv serve: stopped; {}{}", counters, latencySuffix());
  }

  /** The last {@code capacity} latencies, for percentiles. */
  static final class LatencyWindow {
    private final double[] values;
    private long count;

    LatencyWindow(int capacity) {
      values = new double[capacity];
    }

    synchronized void add(double v) {
      values[(int) (count++ % values.length)] = v;
    }

    /** {p50, p99, count} of what the window holds; zeros when empty. */
    synchronized double[] summary() {
      int n = (int) Math.min(count, values.length);
      if (n == 0) {
        return new double[] {0, 0, 0};
      }
      double[] sorted = Arrays.copyOf(values, n);
      Arrays.sort(sorted);
      return new double[] {percentile(sorted, 0.5), percentile(sorted, 0.99), count};
    }
  }

  /** Nearest-rank percentile of sorted values. */
  static double percentile(double[] sorted, double p) {
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  Mdrnn model() {
    return model;
  }
}
