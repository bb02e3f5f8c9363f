package org.synthstack.jobs.improv;

import com.illposed.osc.OSCBadDataEvent;
import com.illposed.osc.OSCMessage;
import com.illposed.osc.OSCPacketEvent;
import com.illposed.osc.OSCPacketListener;
import com.illposed.osc.OSCSerializeException;
import com.illposed.osc.transport.OSCPortIn;
import com.illposed.osc.transport.OSCPortInBuilder;
import com.illposed.osc.transport.OSCPortOut;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * End-to-end latency of one prediction step through OSC: sends {@code /interface} frames to a server in {@link
 * OscImprovServer.Mode#STEP} mode and times each {@code /prediction} reply (send to receipt, one frame in flight at a
 * time), as a performer's instrument would see it. Client and server talk over real UDP sockets.
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

  public static Result run(Settings s, PrintWriter log) throws IOException, InterruptedException {
    LinkedBlockingQueue<Long> replies = new LinkedBlockingQueue<>(1024);
    OSCPortIn in = new OSCPortInBuilder()
        .setLocalSocketAddress(new InetSocketAddress(s.server().getAddress(), s.replyPort()))
        .setPacketListener(new OSCPacketListener() {
          @Override
          public void handlePacket(OSCPacketEvent event) {
            long now = System.nanoTime();
            if (event.getPacket() instanceof OSCMessage m && OscImprovServer.PREDICTION.equals(m.getAddress())) {
              replies.offer(now);
            }
          }

          @Override
          public void handleBadData(OSCBadDataEvent event) {
            // not ours to judge
          }
        })
        .build();
    in.startListening();
    OSCPortOut out = new OSCPortOut(s.server());
    SplittableRandom random = new SplittableRandom(s.seed());
    List<Double> latencies = new ArrayList<>(s.frames());
    int lost = 0;
    try {
      for (int i = 0; i < s.warmup() + s.frames(); i++) {
        List<Object> args = new ArrayList<>(s.features());
        for (int f = 0; f < s.features(); f++) {
          args.add((float) (s.low()[f] + (s.high()[f] - s.low()[f]) * random.nextDouble()));
        }
        OSCMessage message = new OSCMessage(OscImprovServer.INTERFACE, args);
        replies.clear();
        long sent = System.nanoTime();
        try {
          out.send(message);
        } catch (OSCSerializeException e) {
          throw new IOException("cannot encode a frame: " + e.getMessage(), e);
        }
        Long reply = replies.poll(s.timeoutMillis(), TimeUnit.MILLISECONDS);
        if (i >= s.warmup()) {
          if (reply == null) {
            lost++;
          } else {
            latencies.add((reply - sent) / 1000.0);
          }
        }
        if (s.intervalMillis() > 0) {
          LockSupport.parkNanos((long) (s.intervalMillis() * 1e6));
        }
      }
    } finally {
      in.stopListening();
      in.close();
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
