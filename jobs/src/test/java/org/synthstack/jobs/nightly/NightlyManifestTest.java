package org.synthstack.jobs.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manifest on the local filesystem, where Hadoop keeps a .crc file beside each file and renames the two
 * separately: NightlyIT once caught a kill between those renames, and the rerun failed with a ChecksumException
 * instead of resuming. No Spark here.
 */
class NightlyManifestTest {
  @TempDir
  Path dir;

  @Test
  void aStaleChecksumFileBesideTheManifestDoesNotStopARerun() throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(dir.toUri().toString(), "manifest.json");
    NightlyManifest first = new NightlyManifest();
    first.date = "2026-01-31";
    first.status = "running";
    first.attempts = 1;
    first.write(fs, path);
    // What a kill between the data rename and the checksum rename leaves: a .crc that matches other bytes.
    Files.write(dir.resolve(".manifest.json.crc"), new byte[] {'c', 'r', 'c', 0, 0, 0, 2, 0, 1, 2, 3, 4});

    NightlyManifest read = NightlyManifest.read(fs, path);
    assertThat(read).isNotNull();
    assertThat(read.date).isEqualTo("2026-01-31");
    assertThat(read.status).isEqualTo("running");

    NightlyManifest second = new NightlyManifest();
    second.date = "2026-01-31";
    second.status = "complete";
    second.attempts = 2;
    second.write(fs, path);
    assertThat(NightlyManifest.read(fs, path).status).isEqualTo("complete");
    assertThat(NightlyManifest.read(fs, path).attempts).isEqualTo(2);
    // The temporary file was renamed over the manifest, not left behind.
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }
}
