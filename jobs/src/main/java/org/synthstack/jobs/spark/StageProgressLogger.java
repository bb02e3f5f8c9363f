package org.synthstack.jobs.spark;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkConf;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs one line per finished Spark stage at INFO: what it was, its tasks and failed task attempts (which Spark
 * retries, up to spark.task.maxFailures), records read and written and bytes written, and its duration. This is the progress of a long run in the driver's
 * log on a cluster; locally the console progress bar shows the running stage as well. Registered by
 * {@link SparkSessions} through {@code spark.extraListeners}.
 */
public final class StageProgressLogger extends SparkListener {
  private static final Logger LOG = LoggerFactory.getLogger(StageProgressLogger.class);

  private final Map<Integer, AtomicInteger> failedAttempts = new ConcurrentHashMap<>();

  public StageProgressLogger() {}

  /** The constructor Spark calls for {@code spark.extraListeners}. */
  public StageProgressLogger(SparkConf conf) {}

  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    if (!"Success".equals(taskEnd.reason().toString())) {
      failedAttempts.computeIfAbsent(taskEnd.stageId(), k -> new AtomicInteger()).incrementAndGet();
    }
  }

  @Override
  public void onStageCompleted(SparkListenerStageCompleted completed) {
    StageInfo s = completed.stageInfo();
    AtomicInteger failed = failedAttempts.remove(s.stageId());
    LOG.info(line(s, failed == null ? 0 : failed.get()));
  }

  static String line(StageInfo s, int failedAttempts) {
    TaskMetrics m = s.taskMetrics();
    long in = m == null ? 0 : m.inputMetrics().recordsRead() + m.shuffleReadMetrics().recordsRead();
    long out = m == null ? 0 : m.outputMetrics().recordsWritten() + m.shuffleWriteMetrics().recordsWritten();
    long bytes = m == null ? 0 : m.outputMetrics().bytesWritten();
    double seconds = s.submissionTime().isDefined() && s.completionTime().isDefined()
        ? ((Long) s.completionTime().get() - (Long) s.submissionTime().get()) / 1000.0 : 0;
    String status = s.failureReason().isDefined() ? "failed (" + s.failureReason().get() + ")" : "done";
    return String.format(Locale.ROOT, "stage %d (%s) %s: %d tasks, %d failed task attempts, %d records in, "
        + "%d records out, %.1f MB written, %.1f s", s.stageId(), s.name(), status, s.numTasks(), failedAttempts, in,
        out, bytes / 1e6, seconds);
  }
}
