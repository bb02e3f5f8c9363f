package org.synthstack.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.illposed.osc.OSCBadDataEvent;
import com.illposed.osc.OSCMessage;
import com.illposed.osc.OSCPacketEvent;
import com.illposed.osc.OSCPacketListener;
import com.illposed.osc.transport.OSCPortIn;
import com.illposed.osc.transport.OSCPortInBuilder;
import com.illposed.osc.transport.OSCPortOut;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthstack.improv.ConstantOutputModel;
import org.synthstack.improv.FeatureSet;
import org.synthstack.improv.MinMaxNormaliser;
import org.synthstack.improv.Performance;
import org.synthstack.improv.PerformanceJson;
import picocli.CommandLine;

/**
 * {@code improv serve} as a user runs it, over real UDP sockets on loopback, with a separate JavaOSC client (its own
 * sockets and threads). The model's output is known in closed form ({@link ConstantOutputModel}), so each
 * {@code /prediction} is checked value by value against the expectation computed here from the normaliser, not
 * against anything the server computes.
 */
class ImprovServeCommandTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final int FEATURES = FeatureSet.SPECTRAL.size();
  private static final Pattern LISTENING = Pattern.compile("improv serve: XS on 127\\.0\\.0\\.1:(\\d+) ");
  private static final double DT_SECONDS = 0.025;

  @TempDir
  Path dir;

  @Test
  void afterASilenceItAnswersWithTheModelsContinuationAndWritesItAsInstrumentJson() throws Exception {
    // Feature f spans [-f, 10 + 100 f]; the model predicts the normalised value (f + 1) / 25, except the last
    // feature, predicted at 1.4 and so clamped to its maximum (IMPS clips its outputs to [0, 1]).
    double[] min = new double[FEATURES];
    double[] max = new double[FEATURES];
    double[] normalised = new double[FEATURES];
    double[] expected = new double[FEATURES];
    for (int f = 0; f < FEATURES; f++) {
      min[f] = -f;
      max[f] = 10 + 100 * f;
      normalised[f] = f == FEATURES - 1 ? 1.4 : (f + 1) / 25.0;
      expected[f] = min[f] + Math.min(1, normalised[f]) * (max[f] - min[f]);
    }
    Path model = dir.resolve("constant.mdrnn");
    ConstantOutputModel.write(model, new MinMaxNormaliser(FeatureSet.SPECTRAL, min, max), DT_SECONDS, normalised);

    LinkedBlockingQueue<OSCMessage> replies = new LinkedBlockingQueue<>();
    int replyPort = freePort();
    OSCPortIn in = new OSCPortInBuilder().setLocalSocketAddress(new InetSocketAddress(LOOPBACK, replyPort))
        .setPacketListener(new OSCPacketListener() {
          @Override
          public void handlePacket(OSCPacketEvent event) {
            replies.add((OSCMessage) event.getPacket());
          }

          @Override
          public void handleBadData(OSCBadDataEvent event) {}
        }).build();
    in.startListening();

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Path live = dir.resolve("live");
    int length = 4;
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
      CommandLine cli = SynthstackCli.commandLine();
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(err, true));
      return cli.execute("improv", "serve", "--model", model.toString(), "--port", "0",
          "--send-port", Integer.toString(replyPort), "--silence-ms", "200", "--length", Integer.toString(length),
          "--no-pace", "--sigma-temp", "0", "--json-out", live.toString(), "--duration", "3");
    });
    try {
      int serverPort = awaitListening(out, exit, err);
      OSCPortOut client = new OSCPortOut(new InetSocketAddress(LOOPBACK, serverPort));
      try {
        client.send(new OSCMessage("/interface", List.of(1f, 2f, 3f)));  // wrong count: dropped, counted
        client.send(new OSCMessage("/elsewhere", frame()));             // wrong address: dropped, counted
        for (int i = 0; i < 3; i++) {
          client.send(new OSCMessage("/interface", frame()));
          Thread.sleep(10);
        }
      } finally {
        client.close();
      }
      // The silence then ends the performer's turn: the continuation arrives.
      List<OSCMessage> continuation = new ArrayList<>();
      for (int t = 0; t < length; t++) {
        OSCMessage m = replies.poll(15, TimeUnit.SECONDS);
        assertThat(m).as("/prediction %d of %d; server output: %s %s", t + 1, length, out, err).isNotNull();
        continuation.add(m);
      }
      for (OSCMessage m : continuation) {
        assertThat(m.getAddress()).isEqualTo("/prediction");
        assertThat(m.getArguments()).hasSize(FEATURES + 1).allSatisfy(a -> assertThat(a).isInstanceOf(Float.class));
        for (int f = 0; f < FEATURES; f++) {
          assertThat((double) (Float) m.getArguments().get(f)).as("feature %d", f)
              .isCloseTo(expected[f], within(1e-4 * (1 + Math.abs(expected[f]))));
        }
        assertThat((double) (Float) m.getArguments().get(FEATURES)).as("Δt in ms")
            .isCloseTo(DT_SECONDS * 1000, within(1e-3));
      }

      assertThat(exit.get(30, TimeUnit.SECONDS)).as(err.toString()).isZero();
      assertThat(replies).as("nothing beyond the continuation").isEmpty();
      assertThat(out.toString()).contains("messages=5 ", "observed=3 ", "dropped_address=1 ", "dropped_count=1 ",
          "predictions_sent=4 ", "continuations=1");

      // The same continuation as the instrument's JSON: de-normalised values, times cumulative in ms from 0.
      Performance written = PerformanceJson.read(live.resolve("continuation-000001.json"), FeatureSet.SPECTRAL);
      assertThat(written.frames()).isEqualTo(length);
      for (int t = 0; t < length; t++) {
        assertThat(written.timeMs()[t]).isCloseTo((t + 1) * DT_SECONDS * 1000, within(1e-3));
        for (int f = 0; f < FEATURES; f++) {
          assertThat(written.columns()[f][t]).isCloseTo(expected[f], within(1e-4 * (1 + Math.abs(expected[f]))));
        }
      }
    } finally {
      in.stopListening();
      in.close();
      exit.get(30, TimeUnit.SECONDS);
    }
  }

  /** Any frame: the model's output does not depend on its input. */
  private static List<Object> frame() {
    List<Object> args = new ArrayList<>();
    for (int f = 0; f < FEATURES; f++) {
      args.add(0.5f * f);
    }
    return args;
  }

  private static int awaitListening(StringWriter out, CompletableFuture<Integer> exit, StringWriter err)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Matcher m = LISTENING.matcher(out.toString());
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      if (exit.isDone()) {
        throw new AssertionError("improv serve exited with " + exit.get() + ": " + err);
      }
      Thread.sleep(20);
    }
    throw new AssertionError("improv serve did not start listening: " + out + err);
  }

  private static int freePort() throws Exception {
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
      return s.getLocalPort();
    }
  }
}
