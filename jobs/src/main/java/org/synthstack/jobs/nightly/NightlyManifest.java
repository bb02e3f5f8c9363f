package org.synthstack.jobs.nightly;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * The nightly job's record of one date ({@code OUT/manifests/dt=DATE/manifest.json}): the stages done, with their
 * outputs, counts, times and the git commit that ran each; the data-affecting configuration and its SHA-256; the
 * effective options (secrets redacted); the build. A rerun skips the stages recorded done whose outputs are still
 * complete, as long as the configuration hash is the same. Field names are snake_case in the JSON.
 */
public final class NightlyManifest {
  public static final int FORMAT = 1;
  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public int format = FORMAT;
  public String job = "nightly";
  public String date;
  /** running, complete or failed. */
  public String status;
  /** How many times the nightly has started for this date under this configuration. */
  public int attempts;
  public String started;
  public String updated;
  /** What determines the data: a rerun resumes only under the same configuration. */
  public Map<String, Object> config = new TreeMap<>();
  public String configSha256;
  /** The command's effective options, secrets redacted; for the record, not compared. */
  public Map<String, String> options = new TreeMap<>();
  public Build build;
  public List<Stage> stages = new ArrayList<>();

  public static final class Build {
    public String version;
    public String gitCommit;
    public boolean dirty;
  }

  public static final class Stage {
    public String name;
    /** running, done or failed. */
    public String status;
    public String gitCommit;
    public String started;
    public String finished;
    public double seconds;
    public List<String> outputs = new ArrayList<>();
    public Map<String, Object> counts = new LinkedHashMap<>();
    public String error;
  }

  /** The record of stage {@code name}, or null. */
  public Stage stage(String name) {
    for (Stage s : stages) {
      if (s.name.equals(name)) {
        return s;
      }
    }
    return null;
  }

  /** Replaces (or adds) the record of {@code stage.name}, keeping the stages in run order. */
  public void put(Stage stage) {
    for (int i = 0; i < stages.size(); i++) {
      if (stages.get(i).name.equals(stage.name)) {
        stages.set(i, stage);
        return;
      }
    }
    stages.add(stage);
  }

  /** SHA-256 of the configuration's canonical JSON (keys sorted). */
  public static String sha256(Map<String, Object> config) {
    try {
      byte[] json = JSON.copy().disable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsBytes(new TreeMap<>(config));
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The manifest at {@code path}, or null if there is none or it cannot be parsed (then every stage runs again). */
  public static NightlyManifest read(FileSystem fs, Path path) throws IOException {
    fs = withoutChecksums(fs);
    if (!fs.exists(path)) {
      return null;
    }
    try (InputStream in = fs.open(path)) {
      NightlyManifest m = JSON.readValue(in, NightlyManifest.class);
      return m.format == FORMAT ? m : null;
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      return null;
    }
  }

  /**
   * Writes the manifest through a temporary file renamed over the old one (atomically on local filesystems and
   * HDFS; a single-object copy on S3), so a reader, or a rerun after a kill, sees the old manifest or the new one,
   * never half of one.
   */
  public void write(FileSystem fs, Path path) throws IOException {
    fs = withoutChecksums(fs);
    Path tmp = new Path(path.getParent(), "." + path.getName() + ".tmp");
    fs.mkdirs(path.getParent());
    try (OutputStream out = fs.create(tmp, true)) {
      out.write(JSON.writeValueAsBytes(this));
    }
    if (fs instanceof org.apache.hadoop.fs.RawLocalFileSystem) {
      // FileContext would go through the checksummed LocalFs again; rename(2) replaces the old file atomically.
      if (!fs.rename(tmp, path)) {
        throw new IOException("could not rename " + tmp + " to " + path);
      }
      return;
    }
    FileContext.getFileContext(fs.getUri(), fs.getConf()).rename(fs.makeQualified(tmp), fs.makeQualified(path),
        Options.Rename.OVERWRITE);
  }

  /**
   * The local filesystem keeps a {@code .crc} file next to each file and renames the two one after the other, so a
   * kill between the renames left a new manifest with the old checksum, and the rerun failed with a
   * ChecksumException instead of resuming (seen in NightlyIT on a loaded machine). The manifest is small JSON that
   * is parsed and validated anyway, so it bypasses checksums: one rename, atomic.
   */
  private static FileSystem withoutChecksums(FileSystem fs) {
    return fs instanceof org.apache.hadoop.fs.ChecksumFileSystem c ? c.getRawFileSystem() : fs;
  }

  public String toJson() {
    try {
      return new String(JSON.writeValueAsBytes(this), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
