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
    return SparkSession.builder().config(sparkConf).getOrCreate();
  }
}
