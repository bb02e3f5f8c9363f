package org.synthstack.jobs.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A real S3-compatible server for the tests: S3Proxy 2.6.0 in its own JVM, on its own classpath
 * (test-servers/target/s3proxy-jars), with the filesystem backend (objects are plain files under {@link #baseDir()}),
 * on loopback. The first start takes an ephemeral port; {@link #restart()} comes back on the same one. The access
 * key and secret are random per test run and never written anywhere in the repository.
 */
final class S3ProxyServer implements AutoCloseable {
  private static final Pattern STARTED = Pattern.compile("Started ServerConnector@\\S+\\{HTTP/1.1, \\(http/1.1\\)\\}"
      + "\\{127.0.0.1:(\\d+)\\}");

  private final Path workDir;
  private final Path baseDir;
  private final String accessKey;
  private final String secretKey;
  private int port;
  private ChildJvm jvm;
  private int starts;

  private S3ProxyServer(Path workDir) {
    this.workDir = workDir;
    this.baseDir = workDir.resolve("store");
    SecureRandom random = new SecureRandom();
    byte[] a = new byte[8];
    byte[] s = new byte[20];
    random.nextBytes(a);
    random.nextBytes(s);
    this.accessKey = "IT" + HexFormat.of().formatHex(a).toUpperCase();
    this.secretKey = HexFormat.of().formatHex(s);
  }

  /** Starts a server whose buckets are the directories under {@code workDir/store}. */
  static S3ProxyServer start(Path workDir, String... buckets) throws Exception {
    S3ProxyServer s = new S3ProxyServer(workDir);
    for (String b : buckets) {
      Files.createDirectories(s.baseDir.resolve(b));
    }
    s.launch();
    return s;
  }

  private void launch() throws Exception {
    starts++;
    Path conf = workDir.resolve("s3proxy.properties");
    Files.writeString(conf, String.join("\n",
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + accessKey,
        "s3proxy.credential=" + secretKey,
        "s3proxy.endpoint=http://127.0.0.1:" + port,
        // "filesystem", not "filesystem-nio2": the latter lists objects without sizes, and s3a fails on them.
        "jclouds.provider=filesystem",
        "jclouds.identity=" + accessKey,
        "jclouds.credential=" + secretKey,
        "jclouds.filesystem.basedir=" + baseDir,
        ""));
    Path logback = workDir.resolve("logback.xml");
    Files.writeString(logback, """
        <configuration>
          <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
            <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
          </appender>
          <logger name="org.gaul.shaded.org.eclipse.jetty.server.AbstractConnector" level="INFO"/>
          <root level="WARN"><appender-ref ref="OUT"/></root>
        </configuration>
        """);
    Path log = workDir.resolve("s3proxy-" + starts + ".log");
    jvm = ChildJvm.java("S3Proxy", log, Map.of(), List.of("-Xmx256m", "-Dlogback.configurationFile=" + logback),
        ItEnv.s3proxyJars() + "/*", "org.gaul.s3proxy.Main", List.of("--properties", conf.toString()));
    port = Integer.parseInt(jvm.awaitOutput(STARTED, Duration.ofSeconds(120)));
  }

  int port() {
    return port;
  }

  String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  String accessKey() {
    return accessKey;
  }

  String secretKey() {
    return secretKey;
  }

  /** Where the filesystem backend keeps bucket {@code b}'s objects, key by key. */
  Path bucketDir(String b) {
    return baseDir.resolve(b);
  }

  Path baseDir() {
    return baseDir;
  }

  /** The server becomes unreachable at once (SIGKILL). */
  void kill() throws InterruptedException {
    jvm.kill();
  }

  /** Starts again on the same port, with the same objects. */
  void restart() throws Exception {
    jvm.close();
    launch();
  }

  /**
   * The s3a settings for this server: endpoint, path-style access, plain HTTP, and change detection off (S3Proxy's
   * filesystem backend does not keep object versions). Credentials are not here: they come from the environment or,
   * in process, from --conf.
   */
  Map<String, String> s3aSettings() {
    return Map.of(
        "spark.hadoop.fs.s3a.endpoint", endpoint(),
        "spark.hadoop.fs.s3a.path.style.access", "true",
        "spark.hadoop.fs.s3a.connection.ssl.enabled", "false",
        "spark.hadoop.fs.s3a.endpoint.region", "us-east-1",
        "spark.hadoop.fs.s3a.change.detection.mode", "none");
  }

  @Override
  public void close() throws InterruptedException {
    if (jvm != null) {
      jvm.close();
    }
  }
}
