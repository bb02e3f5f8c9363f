package org.synthstack.jobs.spark;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Builds the SparkSession every job runs on. */
public final class SparkSessions {
  private SparkSessions() {}

  /**
   * A session for {@code appName}. Settings come, in increasing precedence, from spark-submit (system properties),
   * {@code conf}, and {@code master}. Without any master the session runs embedded on {@code local[*]}, bound to
   * loopback, with the console progress bar and without the web UI.
   */
  public static SparkSession create(String appName, String master, Map<String, String> conf) {
    return create(conf(appName, master, conf));
  }

  /**
   * The settings {@link #create(String, String, Map)} uses. Every session also gets {@link StageProgressLogger}, which
   * logs per-stage counts (tasks, retries, records and bytes in and out) at INFO: the progress of a run on a cluster,
   * where there is no console progress bar.
   */
  public static SparkConf conf(String appName, String master, Map<String, String> conf) {
    SparkConf sparkConf = new SparkConf().setAppName(appName);
    conf.forEach(sparkConf::set);
    if (master != null) {
      sparkConf.setMaster(master);
    }
    if (!sparkConf.contains("spark.master")) {
      sparkConf.setMaster("local[*]");
    }
    if (sparkConf.get("spark.master").startsWith("local")) {
      sparkConf.setIfMissing("spark.driver.host", "127.0.0.1");
      sparkConf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
      sparkConf.setIfMissing("spark.ui.enabled", "false");
      sparkConf.setIfMissing("spark.ui.showConsoleProgress", "true");
      // Spark's default of 200 shuffle partitions turns every small aggregation into 200 tasks on one machine.
      sparkConf.setIfMissing("spark.sql.shuffle.partitions",
          Integer.toString(4 * Runtime.getRuntime().availableProcessors()));
    }
    String listener = StageProgressLogger.class.getName();
    String listeners = sparkConf.get("spark.extraListeners", "");
    if (!listeners.contains(listener)) {
      sparkConf.set("spark.extraListeners", listeners.isBlank() ? listener : listeners + "," + listener);
    }
    return sparkConf;
  }

  public static SparkSession create(SparkConf sparkConf) {
    return SparkSession.builder().config(sparkConf).getOrCreate();
  }
}
