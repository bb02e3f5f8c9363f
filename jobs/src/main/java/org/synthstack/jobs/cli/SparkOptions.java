package org.synthstack.jobs.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.synthstack.jobs.spark.SparkSessions;
import picocli.CommandLine.Option;

/** Spark settings every Spark command accepts. */
public final class SparkOptions {
  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master (default: what spark-submit set, else the embedded local[*]).")
  String master;

  @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark setting; repeatable.")
  Map<String, String> conf = new LinkedHashMap<>();

  SparkSession session(String appName) {
    return SparkSessions.create(appName, master, conf);
  }
}
