package org.synthstack.jobs.improv;

import com.illposed.osc.OSCMessage;
import com.illposed.osc.OSCParseException;
import com.illposed.osc.OSCParser;
import com.illposed.osc.OSCSerializeException;
import com.illposed.osc.OSCSerializerAndParserBuilder;
import com.illposed.osc.transport.OSCPortOut;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * End-to-end latency of one prediction step through OSC: sends {@code /interface} frames to a server in {@link
 * OscImprovServer.Mode#STEP} mode and times each {@code /prediction} reply (send to receipt, one frame in flight at a
 * time; the reply is read on the sending thread), as a performer's instrument would see it. Client and server talk
 * over real UDP sockets.
 */
public final class OscBench {

  /**
   * @param server the server's {@code /interface} address
   * @param replyPort where this client listens for {@code /prediction} (the server must send there)
   * @param features values per frame
   * @param low per-feature lower bound of the random frames (the model's min)
   * @param high per-feature upper bound (the model's max)
   * @param warmup frames sent first, not timed
   * @param frames frames timed
   * @param intervalMillis pause between a reply and the next frame (an instrument's frame period)
   * @param timeoutMillis a reply later than this counts as lost
   * @param seed random frames
   */
  public record Settings(InetSocketAddress server, int replyPort, int features, double[] low, double[] high,
      int warmup, int frames, double intervalMillis, long timeoutMillis, long seed) {}

  /** Latencies in µs, nearest-rank percentiles. */
  public record Result(int timed, int lost, double medianMicros, double p90Micros, double p99Micros,
      double maxMicros, double meanMicros) {}

  private OscBench() {}

  private static boolean isPrediction(OSCParser parser, DatagramPacket packet) {
    try {
      return parser.convert(ByteBuffer.wrap(packet.getData(), 0, packet.getLength())) instanceof OSCMessage m
          && OscImprovServer.PREDICTION.equals(m.getAddress());
    } catch (OSCParseException | RuntimeException e) {
      return false;
    }
  }

  /** Discards late replies still queued, so they are not taken for the next frame's. */
  private static void drain(DatagramSocket in, DatagramPacket packet) throws IOException {
    in.setSoTimeout(1);
    try {
      while (true) {
        in.receive(packet);
      }
    } catch (SocketTimeoutException e) {
      // nothing left
    }
  }

  public static Result run(Settings s, PrintWriter log) throws IOException, InterruptedException {
    // The reply is read on this thread straight from the socket: no hand-off between threads on the client side,
    // so the time measured is the server's and the network's.
    OSCParser parser = new OSCSerializerAndParserBuilder().buildParser();
    SplittableRandom random = new SplittableRandom(s.seed());
    List<Double> latencies = new ArrayList<>(s.frames());
    int lost = 0;
    byte[] buffer = new byte[65_536];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    OSCPortOut out = new OSCPortOut(s.server());
    try (DatagramSocket in = new DatagramSocket(new InetSocketAddress(s.server().getAddress(), s.replyPort()))) {
      for (int i = 0; i < s.warmup() + s.frames(); i++) {
        List<Object> args = new ArrayList<>(s.features());
        for (int f = 0; f < s.features(); f++) {
          args.add((float) (s.low()[f] + (s.high()[f] - s.low()[f]) * random.nextDouble()));
        }
        OSCMessage message = new OSCMessage(OscImprovServer.INTERFACE, args);
        long sent = System.nanoTime();
        long deadline = sent + TimeUnit.MILLISECONDS.toNanos(s.timeoutMillis());
        try {
          out.send(message);
        } catch (OSCSerializeException e) {
          throw new IOException("cannot encode a frame: " + e.getMessage(), e);
        }
        long reply = -1;
        while (reply < 0) {
          long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
          if (left < 1) {
            break;
          }
          in.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
          try {
            in.receive(packet);
          } catch (SocketTimeoutException e) {
            break;
          }
          long now = System.nanoTime();
          if (isPrediction(parser, packet)) {
            reply = now;
          }
        }
        if (i >= s.warmup()) {
          if (reply < 0) {
            lost++;
          } else {
            latencies.add((reply - sent) / 1000.0);
          }
        }
        if (s.intervalMillis() > 0) {
          LockSupport.parkNanos((long) (s.intervalMillis() * 1e6));
        }
        drain(in, packet);
      }
    } finally {
      out.close();
    }
    double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (sorted.length == 0) {
      return new Result(0, lost, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    Result result = new Result(sorted.length, lost, OscImprovServer.percentile(sorted, 0.5),
        OscImprovServer.percentile(sorted, 0.9), OscImprovServer.percentile(sorted, 0.99),
        sorted[sorted.length - 1], Arrays.stream(sorted).average().orElse(Double.NaN));
    log.printf(Locale.ROOT, "OSC round trip over %d frames (%d lost): median %.0f us, p90 %.0f us, p99 %.0f us, "
        + "max %.0f us, mean %.0f us%n", result.timed(), result.lost(), result.medianMicros(), result.p90Micros(),
        result.p99Micros(), result.maxMicros(), result.meanMicros());
    log.flush();
    return result;
  }
}
