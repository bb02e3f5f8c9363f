package org.synthstack.jobs.improv;

import static org.assertj.core.api.Assertions.assertThat;

import com.illposed.osc.OSCBadDataEvent;
import com.illposed.osc.OSCBundle;
import com.illposed.osc.OSCMessage;
import com.illposed.osc.OSCPacketEvent;
import com.illposed.osc.OSCPacketListener;
import com.illposed.osc.transport.OSCPortIn;
import com.illposed.osc.transport.OSCPortInBuilder;
import com.illposed.osc.transport.OSCPortOut;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthstack.improv.FeatureSet;
import org.synthstack.improv.ImprovSession;
import org.synthstack.improv.Mdrnn;
import org.synthstack.improv.MinMaxNormaliser;
import org.synthstack.improv.ModelSize;
import org.synthstack.improv.Performance;
import org.synthstack.improv.PerformanceJson;

/**
 * The OSC server over real UDP sockets on loopback, talking to a separate JavaOSC client (its own ports, its own
 * threads), with an untrained model (the wire, not the music, is under test).
 */
class OscImprovServerTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final int FEATURES = FeatureSet.SPECTRAL.size();
  private static Mdrnn model;
  private static MinMaxNormaliser normaliser;

  @TempDir
  Path dir;

  @BeforeAll
  static void model() {
    double[] min = new double[FEATURES];
    double[] max = new double[FEATURES];
    for (int f = 0; f < FEATURES; f++) {
      min[f] = -f;
      max[f] = 10 + 100 * f;
    }
    normaliser = new MinMaxNormaliser(FeatureSet.SPECTRAL, min, max);
    model = Mdrnn.create(ModelSize.XS, normaliser, 1);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  /** A JavaOSC client: sends from its own socket, collects /prediction messages on its own port. */
  private static final class Client implements AutoCloseable {
    final LinkedBlockingQueue<OSCMessage> received = new LinkedBlockingQueue<>();
    final OSCPortIn in;
    final int port;
    OSCPortOut out;

    Client() throws Exception {
      port = freePort();
      in = new OSCPortInBuilder().setLocalSocketAddress(new InetSocketAddress(LOOPBACK, port))
          .setPacketListener(new OSCPacketListener() {
            @Override
            public void handlePacket(OSCPacketEvent event) {
              received.add((OSCMessage) event.getPacket());
            }

            @Override
            public void handleBadData(OSCBadDataEvent event) {}
          }).build();
      in.startListening();
    }

    void connect(int serverPort) throws Exception {
      out = new OSCPortOut(new InetSocketAddress(LOOPBACK, serverPort));
    }

    void send(String address, List<?> args) throws Exception {
      out.send(new OSCMessage(address, args));
    }

    OSCMessage next() throws InterruptedException {
      return received.poll(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
      in.stopListening();
      in.close();
      if (out != null) {
        out.close();
      }
    }
  }

  private static int freePort() throws Exception {
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
      return s.getLocalPort();
    }
  }

  private static List<Object> frame(float value) {
    List<Object> args = new ArrayList<>();
    for (int f = 0; f < FEATURES; f++) {
      args.add(value + f);
    }
    return args;
  }

  private OscImprovServer start(OscImprovServer.Mode mode, int clientPort, int queue, Path json) throws Exception {
    return OscImprovServer.start(model, new OscImprovServer.Settings(new InetSocketAddress(LOOPBACK, 0),
        new InetSocketAddress(LOOPBACK, clientPort), mode, 150, 12, false, queue, json, 0,
        new ImprovSession.Settings(1, 0.01, 7, 1.0)));
  }

  private static void assertPrediction(OSCMessage m) {
    assertThat(m).as("a /prediction reply").isNotNull();
    assertThat(m.getAddress()).isEqualTo(OscImprovServer.PREDICTION);
    assertThat(m.getArguments()).hasSize(FEATURES + 1).allSatisfy(a -> assertThat(a).isInstanceOf(Float.class));
    for (int f = 0; f < FEATURES; f++) {
      assertThat((double) (Float) m.getArguments().get(f)).isBetween(normaliser.min(f) - 1e-3,
          normaliser.max(f) + 1e-3);
    }
    assertThat((Float) m.getArguments().get(FEATURES)).isGreaterThanOrEqualTo(0f);
  }

  private static void awaitCounter(OscImprovServer server, String name, long value) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (server.counters().snapshot().get(name) < value && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }

  @Test
  void stepModeAnswersEveryFrameOverUdp() throws Exception {
    try (Client client = new Client(); OscImprovServer server = start(OscImprovServer.Mode.STEP, client.port, 64,
        null)) {
      client.connect(server.port());
      for (int i = 0; i < 5; i++) {
        client.send(OscImprovServer.INTERFACE, frame(i));
        assertPrediction(client.next());
      }
      // The server counts a reply once its send returns, which may be just after the client has it.
      awaitCounter(server, "predictions_sent", 5);
      assertThat(server.counters().snapshot()).containsEntry("observed", 5L).containsEntry("predictions_sent", 5L);
      assertThat(server.counters().dropped()).isZero();
    }
  }

  @Test
  void afterASilenceAContinuationIsSentAndWrittenAsInstrumentJson() throws Exception {
    Path json = dir.resolve("continuations");
    try (Client client = new Client();
        OscImprovServer server = start(OscImprovServer.Mode.CALL_RESPONSE, client.port, 64, json)) {
      client.connect(server.port());
      for (int i = 0; i < 10; i++) {
        client.send(OscImprovServer.INTERFACE, frame(i));
        Thread.sleep(5);
      }
      List<OSCMessage> continuation = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        OSCMessage m = client.next();
        assertPrediction(m);
        continuation.add(m);
      }
      Path file = json.resolve("continuation-000001.json");
      for (int i = 0; i < 100 && !Files.exists(file); i++) {
        Thread.sleep(20);
      }
      Performance written = PerformanceJson.read(file, FeatureSet.SPECTRAL);
      assertThat(written.frames()).isEqualTo(12);
      double previous = 0;
      for (int t = 0; t < 12; t++) {
        // Times are cumulative ms: each the previous plus the Δt the message carried.
        float dt = (Float) continuation.get(t).getArguments().get(FEATURES);
        assertThat(written.timeMs()[t]).isCloseTo(previous + dt, org.assertj.core.api.Assertions.within(1e-3));
        previous = written.timeMs()[t];
        // Values are de-normalised, the same as sent.
        for (int f = 0; f < FEATURES; f++) {
          assertThat(written.columns()[f][t]).isCloseTo((Float) continuation.get(t).getArguments().get(f),
              org.assertj.core.api.Assertions.within(1e-3 * (1 + Math.abs(written.columns()[f][t]))));
        }
      }
      awaitCounter(server, "continuations", 1);
      assertThat(server.counters().snapshot()).containsEntry("observed", 10L).containsEntry("continuations", 1L);
    }
  }

  @Test
  void badInputIsDroppedAndCountedAndTheServerStaysUp() throws Exception {
    try (Client client = new Client(); OscImprovServer server = start(OscImprovServer.Mode.STEP, client.port, 2,
        null)) {
      client.connect(server.port());
      client.send("/other", frame(1));                                        // wrong address
      client.send(OscImprovServer.INTERFACE, frame(1).subList(0, FEATURES - 1)); // wrong count
      List<Object> ints = new ArrayList<>(frame(1));
      ints.set(3, 7);
      client.send(OscImprovServer.INTERFACE, ints);                            // wrong type: int
      List<Object> text = new ArrayList<>(frame(1));
      text.set(0, "loud");
      client.send(OscImprovServer.INTERFACE, text);                            // wrong type: string
      List<Object> nan = new ArrayList<>(frame(1));
      nan.set(5, Float.NaN);
      client.send(OscImprovServer.INTERFACE, nan);                             // NaN
      List<Object> inf = new ArrayList<>(frame(1));
      inf.set(6, Double.POSITIVE_INFINITY);
      client.send(OscImprovServer.INTERFACE, inf);                             // ±∞ (a 64-bit argument)
      OSCBundle bundle = new OSCBundle();
      bundle.addPacket(new OSCMessage("/elsewhere", List.of(1f)));
      client.out.send(bundle);                                                 // a bundle holding a wrong address
      try (DatagramSocket raw = new DatagramSocket()) {                        // not OSC at all
        byte[] junk = "this is not an OSC packet".getBytes(StandardCharsets.US_ASCII);
        raw.send(new DatagramPacket(junk, junk.length, new InetSocketAddress(LOOPBACK, server.port())));
      }
      // Still up: a good frame is answered.
      client.send(OscImprovServer.INTERFACE, frame(2));
      assertPrediction(client.next());
      OscImprovServer.Counters c = server.counters();
      assertThat(c.snapshot())
          .containsEntry("dropped_address", 2L)
          .containsEntry("dropped_count", 1L)
          .containsEntry("dropped_type", 2L)
          .containsEntry("dropped_not_finite", 2L)
          .containsEntry("dropped_malformed", 1L)
          .containsEntry("observed", 1L);

      // A flood: far more frames than the model keeps up with; the queue (2 frames) overflows, the excess is
      // dropped and counted, and the server still answers afterwards.
      int flood = 1000;
      for (int i = 0; i < flood; i++) {
        client.send(OscImprovServer.INTERFACE, frame(i % 50));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (c.snapshot().get("observed") < c.snapshot().get("queued") && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(c.snapshot().get("dropped_flood")).isPositive();
      // Every frame that reached the server was either queued or dropped as a flood (UDP may lose some before).
      assertThat(c.snapshot().get("queued") + c.snapshot().get("dropped_flood")).isLessThanOrEqualTo(flood + 1L);
      client.received.clear();
      Thread.sleep(50);
      client.received.clear();
      client.send(OscImprovServer.INTERFACE, frame(3));
      assertPrediction(client.next());
    }
  }

  @Test
  void theLatencyWindowGivesNearestRankPercentiles() {
    OscImprovServer.LatencyWindow window = new OscImprovServer.LatencyWindow(100);
    for (int i = 1; i <= 100; i++) {
      window.add(101 - i);
    }
    assertThat(window.summary()).containsExactly(50, 99, 100);
    double[] sorted = {1, 2, 3, 4};
    assertThat(OscImprovServer.percentile(sorted, 0.5)).isEqualTo(2);
    assertThat(Arrays.stream(sorted).max().orElseThrow()).isEqualTo(OscImprovServer.percentile(sorted, 0.99));
  }
}
