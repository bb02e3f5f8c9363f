package org.synthstack.jobs.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.synthstack.jobs.spark.SparkSessions;
import picocli.CommandLine.Option;

/**
 * Spark settings every Spark command accepts, and {@code --config FILE} ({@link ConfigOptions}). Spark settings come,
 * in increasing precedence, from spark-submit and {@code spark-defaults.conf}, the config file's {@code spark.*}
 * keys, {@code --conf}, and {@code --master}.
 */
public final class SparkOptions extends ConfigOptions {
  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master (default: what spark-submit set, else the embedded local[*]).")
  String master;

  @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark setting; repeatable.")
  Map<String, String> conf = new LinkedHashMap<>();

  /** The Spark settings of the config file, then {@code --conf}. */
  Map<String, String> sparkSettingsWithOverrides() {
    Map<String, String> merged = new LinkedHashMap<>(sparkSettings());
    merged.putAll(conf);
    return merged;
  }

  /** Prints the effective configuration (options and Spark settings, secrets redacted), then starts the session. */
  SparkSession session(String appName) {
    return SparkSessions.create(sparkConf(appName));
  }

  /** The session's settings; prints the effective configuration (options and Spark settings, secrets redacted). */
  SparkConf sparkConf(String appName) {
    SparkConf sparkConf = SparkSessions.conf(appName, master, sparkSettingsWithOverrides());
    Map<String, String> shown = new LinkedHashMap<>();
    for (scala.Tuple2<String, String> kv : sparkConf.getAll()) {
      shown.put(kv._1(), kv._2());
    }
    printEffectiveConfig(shown);
    return sparkConf;
  }
}
