package org.synthstack.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthstack.audio.AudioLoader;
import org.synthstack.features.EarFeatureExtractor;
import org.synthstack.features.EarFeatures;
import org.synthstack.jobs.InputException;
import org.synthstack.jobs.SparkTestBase;
import org.synthstack.jobs.spark.PartitionPublisher;

/**
 * Ingest end to end on audio the test makes itself: good files of unusual shapes land in the features with the
 * right values, every kind of broken file lands in quarantine with its reason, duplicates are stored once, and
 * nothing is lost.
 */
class IngestJobTest extends SparkTestBase {
  private static final LocalDate DAY = LocalDate.of(2026, 3, 1);
  private static final int SR = 48_000;

  @TempDir
  static Path tmp;

  /** Expected quarantine reason of each broken file (path below the input folder). */
  private static final Map<String, String> BAD = new LinkedHashMap<>();
  /** The audio files an ingest of the folder lists (not hidden, audio extension). */
  private static int listedInFolder;

  private static Path in;
  private static IngestJob.Result folderRun;
  private static Map<String, Row> features;
  private static Map<String, Row> quarantine;

  @BeforeAll
  static void ingestTheFolder() throws IOException {
    in = tmp.resolve("in");
    makeFolder();
    folderRun = IngestJob.run(spark, new IngestJob.Options(null, in.toString(), "tests", tmp.resolve("out").toString(),
        DAY, 2.0, 64L << 20));
    features = byFileName(spark.read().parquet(folderRun.features()).collectAsList());
    quarantine = byFileName(spark.read().parquet(folderRun.quarantine()).collectAsList());
  }

  // ---------------------------------------------------------------- the folder

  private static void makeFolder() throws IOException {
    double[] sine = Wav.sine(1000, 0.5, SR, SR);
    write("kick/sine1k.wav", Wav.mono16(sine, SR));
    byte[] hit = Wav.mono16(Wav.hit(1, SR, 19_200), SR);
    write("kick/hit.wav", hit);
    write("kick/dup/hit.wav", hit); // identical bytes, same label: stored once
    write("snare/hi-rate.wav", Wav.mono16(Wav.sine(1000, 0.5, 384_000, 96_000), 384_000));
    write("snare/lo-rate.WAV", Wav.mono16(Wav.sine(1000, 0.5, 8_000, 4_000), 8_000));
    double[][] eight = new double[SR / 2][8];
    double[] a440 = Wav.sine(440, 0.8, SR, SR / 2);
    for (int i = 0; i < eight.length; i++) {
      eight[i][0] = a440[i];
    }
    Wav w8 = Wav.riff();
    write("hat/eight-channels.wav", w8.fmt(Wav.PCM, 8, SR, 24).data(w8.pcm24(eight)).build());
    write("hat/silent.wav", Wav.mono16(new double[SR / 2], SR));
    double[] square = new double[SR / 2];
    for (int i = 0; i < square.length; i++) {
      square[i] = (i / 24) % 2 == 0 ? 1.5 : -1.5; // clipped to full scale by the encoder
    }
    write("hat/clipped.wav", Wav.mono16(square, SR));
    write("tom/odd-8bit.wav", Wav.riff().fmt(Wav.PCM, 1, SR, 8).data(Wav.pcm8(Wav.hit(2, SR, 4801))).build());
    Wav stereo = Wav.riff();
    byte[] frames = stereo.pcm16(stereoOf(Wav.hit(3, SR, 1000)));
    write("tom/partial-frame.wav", stereo.fmt(Wav.PCM, 2, SR, 16).data(Arrays.copyOf(frames, frames.length + 2))
        .build());
    Wav rifx = Wav.rifx();
    write("tom/rifx.wav", rifx.fmt(Wav.PCM, 1, SR, 16).data(rifx.pcm16(Wav.mono(Wav.hit(4, SR, 9600)))).build());
    Wav ext = Wav.riff();
    write("rim/extensible-float.wav", ext.fmtExtensible(Wav.FLOAT, 2, 44_100, 32)
        .data(ext.float32(stereoOf(Wav.hit(5, 44_100, 13_230)))).build());
    Wav f64 = Wav.riff();
    write("rim/float64.wav", f64.fmt(Wav.FLOAT, 1, 96_000, 64).data(f64.float64(Wav.mono(Wav.hit(6, 96_000, 19_200))))
        .build());
    byte[] same = Wav.mono16(Wav.hit(7, SR, 4800), SR);
    write("clap/same.wav", same); // identical bytes under two labels: neither is kept
    write("shaker/same.wav", same);
    write("loose.wav", Wav.mono16(Wav.hit(8, SR, 4800), SR)); // not in a label folder

    // A name Spark's own folder listing would hide is read all the same.
    write("kick/_under.wav", Wav.mono16(Wav.hit(9, SR, 4800), SR));
    listedInFolder = 17; // the 15 good or conflicting files above, loose.wav and _under.wav
    // Not listed: dot files and folders (macOS litter), and files that are not audio by their extension.
    write("kick/._under.wav", new byte[] {0, 5, 22, 7});
    write(".hidden/kick/x.wav", Wav.mono16(Wav.hit(11, SR, 4800), SR));
    write("kick/notes.txt", "not audio".getBytes(StandardCharsets.UTF_8));

    byte[] good = Wav.mono16(Wav.hit(12, SR, 4800), SR);
    bad("empty.wav", new byte[0], "EMPTY_FILE");
    bad("truncated-header.wav", Arrays.copyOf(good, 24), "TRUNCATED_HEADER");
    byte[] junk = new byte[100];
    System.arraycopy("JUNK".getBytes(StandardCharsets.US_ASCII), 0, junk, 0, 4);
    bad("wrong-magic.wav", junk, "UNKNOWN_FORMAT");
    byte[] aiff = new byte[64];
    System.arraycopy("FORM\0\0\0\070AIFFCOMM".getBytes(StandardCharsets.ISO_8859_1), 0, aiff, 0, 16);
    bad("aiff-named.wav", aiff, "UNKNOWN_FORMAT");
    byte[] mp3 = new byte[417];
    mp3[0] = (byte) 0xFF;
    mp3[1] = (byte) 0xFB;
    mp3[2] = (byte) 0x90;
    bad("mp3-named.wav", mp3, "UNKNOWN_FORMAT");
    Wav beyond = Wav.riff().fmt(Wav.PCM, 1, SR, 16);
    bad("data-beyond-eof.wav", beyond.chunk("data", new byte[1000], 96_000).build(), "DATA_BEYOND_END_OF_FILE");
    bad("mp3-in-wav.wav", Wav.riff().fmt(0x0055, 1, SR, 16).data(new byte[400]).build(), "UNSUPPORTED_CODEC");
    bad("adpcm.wav", Wav.riff().fmt(0x0002, 1, SR, 4).data(new byte[400]).build(), "UNSUPPORTED_CODEC");
    double[] withNan = Wav.hit(13, SR, 4800);
    withNan[1234] = Double.NaN;
    Wav nan = Wav.riff();
    bad("nan.wav", nan.fmt(Wav.FLOAT, 1, SR, 32).data(nan.float32(Wav.mono(withNan))).build(), "NON_FINITE_SAMPLES");
    double[] withInf = Wav.hit(14, SR, 4800);
    withInf[4000] = Double.POSITIVE_INFINITY;
    Wav inf = Wav.riff();
    bad("inf64.wav", inf.fmt(Wav.FLOAT, 1, SR, 64).data(inf.float64(Wav.mono(withInf))).build(),
        "NON_FINITE_SAMPLES");
    bad("zero-channels.wav", Wav.riff().fmt(Wav.PCM, 0, SR, 16).data(new byte[400]).build(), "INVALID_FORMAT");
    bad("rate-100hz.wav", Wav.riff().fmt(Wav.PCM, 1, 100, 16).data(new byte[400]).build(), "INVALID_FORMAT");
    bad("rate-2mhz.wav", Wav.riff().fmt(Wav.PCM, 1, 2_000_000, 16).data(new byte[400]).build(), "INVALID_FORMAT");
    bad("no-data.wav", Wav.riff().fmt(Wav.PCM, 1, SR, 16).chunk("LIST", new byte[12], 12).build(), "NO_AUDIO_DATA");
    bad("empty-data.wav", Wav.riff().fmt(Wav.PCM, 1, SR, 16).data(new byte[0]).build(), "NO_AUDIO_DATA");
    bad("not-one-frame.wav", Wav.riff().fmt(Wav.PCM, 2, SR, 24).data(new byte[5]).build(), "NO_AUDIO_DATA");
    bad("too-long.wav", Wav.mono16(Wav.hit(15, 8_000, 24_000), 8_000), "TOO_LONG");
    bad("truncated.flac", "fLaC".getBytes(StandardCharsets.US_ASCII), "TRUNCATED_HEADER");
    byte[] ogg = new byte[24];
    System.arraycopy("OggS".getBytes(StandardCharsets.US_ASCII), 0, ogg, 0, 4);
    bad("short.ogg", ogg, "TRUNCATED_HEADER");
    listedInFolder += BAD.size();
  }

  private static void bad(String name, byte[] bytes, String reason) throws IOException {
    write("bad/" + name, bytes);
    BAD.put(name, reason);
  }

  private static void write(String relative, byte[] bytes) throws IOException {
    Path p = in.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.write(p, bytes);
  }

  private static double[][] stereoOf(double[] x) {
    double[][] out = new double[x.length][2];
    for (int i = 0; i < x.length; i++) {
      out[i][0] = x[i];
      out[i][1] = -0.5 * x[i];
    }
    return out;
  }

  /** Rows keyed by the path below the input folder (or the file name for other roots). */
  private static Map<String, Row> byFileName(List<Row> rows) {
    Map<String, Row> out = new HashMap<>();
    String prefix = in.toUri().toString().replace("file:///", "file:/");
    for (Row r : rows) {
      String path = r.getString(r.fieldIndex("path"));
      String key = path.startsWith(prefix) ? path.substring(prefix.length()) : path.substring(path.lastIndexOf('/') + 1);
      assertThat(out.put(key, r)).as("one row per path: %s", key).isNull();
    }
    return out;
  }

  private static Object get(Row r, String column) {
    return r.get(r.fieldIndex(column));
  }

  // ---------------------------------------------------------------- folder mode

  @Test
  void everyListedFileIsStoredDuplicatedOrQuarantinedAndTheJobSucceeds() {
    assertThat(folderRun.inputFiles()).isEqualTo(listedInFolder);
    assertThat(folderRun.stored() + folderRun.duplicates() + folderRun.quarantined()).isEqualTo(listedInFolder);
    assertThat(features.keySet()).containsExactlyInAnyOrder("kick/sine1k.wav", "kick/dup/hit.wav", "kick/_under.wav",
        "snare/hi-rate.wav", "snare/lo-rate.WAV", "hat/eight-channels.wav", "hat/silent.wav", "hat/clipped.wav",
        "tom/odd-8bit.wav", "tom/partial-frame.wav", "tom/rifx.wav", "rim/extensible-float.wav", "rim/float64.wav");
    assertThat(folderRun.duplicates()).isEqualTo(1);
    assertThat(Path.of(folderRun.features().replace("file:", "")).resolve(PartitionPublisher.SUCCESS)).exists();
    assertThat(Path.of(folderRun.quarantine().replace("file:", "")).resolve(PartitionPublisher.SUCCESS)).exists();
    assertThat(tmp.resolve("out/_staging")).doesNotExist();
  }

  @Test
  void eachBrokenFileIsQuarantinedWithItsReason() {
    assertThat(BAD).hasSizeGreaterThanOrEqualTo(15);
    for (Map.Entry<String, String> e : BAD.entrySet()) {
      Row row = quarantine.get("bad/" + e.getKey());
      assertThat(row).as(e.getKey()).isNotNull();
      assertThat(get(row, "reason")).as(e.getKey()).isEqualTo(e.getValue());
      assertThat((String) get(row, "detail")).as(e.getKey()).isNotBlank();
      assertThat(get(row, "label")).isEqualTo("bad");
      assertThat(get(row, "source")).isEqualTo("tests");
    }
    assertThat((String) get(quarantine.get("bad/aiff-named.wav"), "detail")).contains("AIFF");
    assertThat((String) get(quarantine.get("bad/mp3-in-wav.wav"), "detail")).contains("0x0055");
    assertThat((String) get(quarantine.get("bad/nan.wav"), "detail")).contains("frame 1234").contains("NaN");
    assertThat((String) get(quarantine.get("bad/data-beyond-eof.wav"), "detail")).contains("96000");
    assertThat((String) get(quarantine.get("bad/too-long.wav"), "detail")).contains("3.000 s");
    // The checksum identifies even a file that did not decode.
    assertThat((String) get(quarantine.get("bad/empty.wav"), "sha256"))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(get(quarantine.get("bad/empty.wav"), "bytes")).isEqualTo(0L);
  }

  @Test
  void identicalBytesAreStoredOnceAndConflictingLabelsKeepNeither() {
    Row hit = features.get("kick/dup/hit.wav"); // the smaller path of the two copies represents them
    assertThat(get(hit, "copies")).isEqualTo(2);
    assertThat(hit.<String>getList(hit.fieldIndex("duplicate_paths"))).singleElement()
        .satisfies(p -> assertThat(p).endsWith("/in/kick/hit.wav"));
    assertThat(get(hit, "kit")).isEqualTo("dup");
    assertThat(get(features.get("kick/sine1k.wav"), "kit")).isNull();
    assertThat(get(features.get("kick/sine1k.wav"), "copies")).isEqualTo(1);
    for (String copy : List.of("clap/same.wav", "shaker/same.wav")) {
      assertThat(get(quarantine.get(copy), "reason")).isEqualTo("CONFLICTING_LABELS");
      assertThat((String) get(quarantine.get(copy), "detail")).contains("clap, shaker");
    }
    assertThat(get(quarantine.get("loose.wav"), "reason")).isEqualTo("NO_LABEL");
    assertThat(folderRun.byReason()).containsEntry("CONFLICTING_LABELS", 2L).containsEntry("NO_LABEL", 1L);
  }

  @Test
  void decodedFilesCarryTheirOriginalShapeAndTheRenderFeatures() throws Exception {
    Row sine = features.get("kick/sine1k.wav");
    assertThat(get(sine, "label")).isEqualTo("kick");
    assertThat(get(sine, "original_rate")).isEqualTo(48_000);
    assertThat(get(sine, "channels")).isEqualTo(1);
    assertThat(get(sine, "bits_per_sample")).isEqualTo(16);
    assertThat(get(sine, "format")).isEqualTo("wav/pcm16");
    assertThat((double) get(sine, "duration")).isEqualTo(1.0);
    assertThat((long) get(sine, "bytes")).isEqualTo(44 + 2 * SR);
    // The same features as the render path computes from the decoded samples...
    byte[] bytes = Files.readAllBytes(in.resolve("kick/sine1k.wav"));
    EarFeatures expected = new EarFeatureExtractor().extract(AudioLoader.loadMono(bytes, "x", SR).samples());
    assertThat(floats(sine.getList(sine.fieldIndex("envelope")))).isEqualTo(expected.envelope());
    assertThat(floats(sine.getList(sine.fieldIndex("frequency")))).isEqualTo(expected.frequency());
    // ...and, independently, a 1 kHz tone peaks in Slaney mel band 11 of 50 (30 Hz..24 kHz): 1 kHz is 15 mel,
    // band centres are 0.45 + (k + 1) * 1.1916 mel, so band 11 (14.75 mel) holds most of it.
    float[] frequency = floats(sine.getList(sine.fieldIndex("frequency")));
    assertThat(frequency[11]).isEqualTo(1.0f);
    assertThat(sine.getList(sine.fieldIndex("spectrum"))).hasSize(30);
    assertThat(get(sine, "sha256")).isEqualTo(RecordingFeaturizer.sha256(bytes));

    Row hi = features.get("snare/hi-rate.wav");
    assertThat(get(hi, "original_rate")).isEqualTo(384_000);
    assertThat((double) get(hi, "duration")).isEqualTo(0.25);
    assertThat((double) get(hi, "peak")).isCloseTo(0.5, within(0.01)); // 1 kHz passes the 384k -> 48k filter
    Row lo = features.get("snare/lo-rate.WAV");
    assertThat(get(lo, "original_rate")).isEqualTo(8_000);
    assertThat((double) get(lo, "duration")).isEqualTo(0.5);
    assertThat((double) get(lo, "peak")).isCloseTo(0.5, within(0.01));

    Row eight = features.get("hat/eight-channels.wav");
    assertThat(get(eight, "channels")).isEqualTo(8);
    assertThat(get(eight, "bits_per_sample")).isEqualTo(24);
    assertThat((double) get(eight, "peak")).isCloseTo(0.8 / 8, within(1e-4)); // the mix averages the channels

    Row silent = features.get("hat/silent.wav");
    assertThat(get(silent, "silent")).isEqualTo(true);
    assertThat((double) get(silent, "peak")).isZero();
    assertThat(floats(silent.getList(silent.fieldIndex("envelope")))).containsOnly(0f);
    assertThat(floats(silent.getList(silent.fieldIndex("frequency")))).containsOnly(0f);
    assertThat(folderRun.silent()).isEqualTo(1);

    Row clipped = features.get("hat/clipped.wav");
    assertThat((double) get(clipped, "peak")).isEqualTo(1.0); // -32768 / 32768
    assertThat(get(clipped, "silent")).isEqualTo(false);

    Row odd = features.get("tom/odd-8bit.wav");
    assertThat(get(odd, "format")).isEqualTo("wav/pcm8");
    assertThat((double) get(odd, "duration")).isEqualTo(4801.0 / SR);
    Row partial = features.get("tom/partial-frame.wav");
    assertThat((double) get(partial, "duration")).isEqualTo(1000.0 / SR);
    assertThat(partial.<String>getList(partial.fieldIndex("warnings"))).singleElement()
        .satisfies(w -> assertThat(w).contains("2 bytes"));
    assertThat(get(features.get("tom/rifx.wav"), "format")).isEqualTo("rifx/pcm16");
    Row ext = features.get("rim/extensible-float.wav");
    assertThat(get(ext, "format")).isEqualTo("wav/float32");
    assertThat(get(ext, "channels")).isEqualTo(2);
    assertThat(get(ext, "original_rate")).isEqualTo(44_100);
    assertThat((double) get(ext, "duration")).isEqualTo(0.3);
    assertThat(get(features.get("rim/float64.wav"), "bits_per_sample")).isEqualTo(64);
  }

  @Test
  void theTablesHaveTheCatalogSchemasAndTheReportCountsPerLabel() throws IOException {
    var table = spark.read().parquet(tmp.resolve("out/features").toString());
    assertThat(table.schema().fieldNames()).containsExactly(withDate(IngestRows.FEATURES.fieldNames()));
    var q = spark.read().parquet(tmp.resolve("out/quarantine").toString());
    assertThat(q.schema().fieldNames()).containsExactly(withDate(IngestRows.QUARANTINE.fieldNames()));
    assertThat(folderRun.counts()).isEqualTo(Map.of("tests",
        Map.of("kick", 3L, "snare", 2L, "hat", 3L, "tom", 3L, "rim", 2L)));
    String md = Files.readString(Path.of(folderRun.report().replace("file:", "")).resolve("ingest.md"));
    assertThat(md).contains("| label | tests |").contains("| hat | 3 |").contains("| **total** | 13 |")
        .contains("kick:3 - snare:2 - hat:3 - tom:3 - rim:2")
        .contains("| duplicates (identical bytes already stored) | 1 |")
        .contains("| TOO_LONG | 1 |");
    Path reportDir = Path.of(folderRun.report().replace("file:", ""));
    for (String png : List.of("label_counts.png", "durations.png")) {
      byte[] bytes = Files.readAllBytes(reportDir.resolve(png));
      assertThat(Arrays.copyOf(bytes, 4)).as(png).containsExactly(0x89, 'P', 'N', 'G');
    }
    List<Row> counts = spark.read().parquet(folderRun.report() + "/label_counts").orderBy("label").collectAsList();
    assertThat(counts).extracting(r -> r.getString(1) + "=" + r.getLong(2))
        .containsExactly("hat=3", "kick=3", "rim=2", "snare=2", "tom=3");
  }

  // ---------------------------------------------------------------- manifest mode

  @Test
  void aManifestCarriesLabelsSourcesKitsAndLicencesAndAccountsForMissingAndLargeFiles() throws IOException {
    Path lib = tmp.resolve("lib");
    Files.createDirectories(lib.resolve("sub"));
    Files.write(lib.resolve("Kick One.wav"), Wav.mono16(Wav.hit(20, SR, 4800), SR));
    Files.write(lib.resolve("odd [1].wav"), Wav.mono16(Wav.hit(21, SR, 4800), SR));
    Files.write(lib.resolve("Señal 100%.wav"), Wav.mono16(Wav.hit(25, SR, 4800), SR));
    Files.write(lib.resolve("sub/snare.wav"), Wav.mono16(Wav.hit(22, SR, 4800), SR));
    Files.write(lib.resolve("big.wav"), Wav.mono16(Wav.hit(23, SR, SR), SR)); // 96 044 bytes
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.write(elsewhere.resolve("abs.wav"), Wav.mono16(Wav.hit(24, SR, 4800), SR));
    String csv = "label,path,source,kit,licence,notes\n"
        + "kick,Kick One.wav,pkg-a,\"Kit, One\",\"CC-BY \"\"3.0\"\"\",x\n"
        + "kick,odd [1].wav,pkg-a,,,\n"
        + "snare,Señal 100%.wav,pkg-a,,,\n"
        + "snare,sub/snare.wav,pkg-b,sub,GPL-2+,\n"
        + "tom,big.wav,pkg-b,,,\n"
        + "hat," + elsewhere.resolve("abs.wav") + ",pkg-c,,,\n"
        + "clap,gone.wav,pkg-c,,,\n"
        + "clap,missing-folder/gone-too.wav,pkg-c,,,\n";
    Path manifest = lib.resolve("manifest.csv");
    Files.writeString(manifest, csv);
    Path out = tmp.resolve("drums");
    IngestJob.Options options = new IngestJob.Options(manifest.toString(), null, null, out.toString(), DAY, 2.0,
        50_000);
    IngestJob.Result first = IngestJob.run(spark, options);
    assertThat(first.inputFiles()).isEqualTo(8);
    assertThat(first.stored()).isEqualTo(5);
    assertThat(first.byReason()).isEqualTo(Map.of("MISSING_FILE", 2L, "FILE_TOO_LARGE", 1L));
    Map<String, Row> stored = byFileName(spark.read().parquet(first.features()).collectAsList());
    assertThat(stored.keySet()).containsExactlyInAnyOrder("Kick One.wav", "odd [1].wav", "Señal 100%.wav",
        "snare.wav", "abs.wav");
    assertThat(get(stored.get("Señal 100%.wav"), "label")).isEqualTo("snare");
    Row kick = stored.get("Kick One.wav");
    assertThat(get(kick, "source")).isEqualTo("pkg-a");
    assertThat(get(kick, "kit")).isEqualTo("Kit, One");
    assertThat(get(kick, "licence")).isEqualTo("CC-BY \"3.0\"");
    assertThat(get(stored.get("odd [1].wav"), "licence")).isNull();
    assertThat(get(stored.get("snare.wav"), "kit")).isEqualTo("sub");
    assertThat(get(stored.get("abs.wav"), "label")).isEqualTo("hat");
    Map<String, Row> setAside = byFileName(spark.read().parquet(first.quarantine()).collectAsList());
    assertThat(get(setAside.get("big.wav"), "reason")).isEqualTo("FILE_TOO_LARGE");
    assertThat(get(setAside.get("big.wav"), "bytes")).isEqualTo(96_044L);
    assertThat(get(setAside.get("big.wav"), "label")).isEqualTo("tom");
    assertThat(get(setAside.get("gone.wav"), "reason")).isEqualTo("MISSING_FILE");
    assertThat(get(setAside.get("gone.wav"), "source")).isEqualTo("pkg-c");

    // A rerun replaces the partition with the same rows.
    List<String> before = sortedRows(first.features());
    IngestJob.Result again = IngestJob.run(spark, options);
    assertThat(sortedRows(again.features())).isEqualTo(before);
    assertThat(spark.read().parquet(out.resolve("features").toString()).count()).isEqualTo(5);
    assertThat(out.resolve("_staging")).doesNotExist();
    assertThat(out.resolve("features/_trash")).doesNotExist();
  }

  @Test
  void inputErrorsNameTheFileAndWriteNothing() throws IOException {
    Path out = tmp.resolve("never");
    assertThatThrownBy(() -> IngestJob.run(spark, new IngestJob.Options(tmp.resolve("nope.csv").toString(), null,
        null, out.toString(), DAY, 2.0, 1 << 20)))
        .isInstanceOf(InputException.class).hasMessageContaining("nope.csv").hasMessageContaining("no such file");
    assertThatThrownBy(() -> IngestJob.run(spark, new IngestJob.Options(null, tmp.resolve("nodir").toString(), null,
        out.toString(), DAY, 2.0, 1 << 20)))
        .isInstanceOf(InputException.class).hasMessageContaining("nodir");
    Path bad = tmp.resolve("bad-manifest.csv");
    Files.writeString(bad, "path,label\na.wav,\n");
    assertThatThrownBy(() -> IngestJob.run(spark, new IngestJob.Options(bad.toString(), null, null, out.toString(),
        DAY, 2.0, 1 << 20)))
        .isInstanceOf(InputException.class).hasMessageContaining("row 2").hasMessageContaining("label is empty");
    assertThat(out).doesNotExist();
  }

  @Test
  void aRunThatStoresNothingStillSucceedsAndAccountsForEveryFile() throws IOException {
    Path lib = Files.createDirectories(tmp.resolve("nothing"));
    Files.write(lib.resolve("empty.wav"), new byte[0]);
    Files.writeString(lib.resolve("m.csv"), "path,label\ngone.wav,kick\nempty.wav,snare\n");
    IngestJob.Result r = IngestJob.run(spark, new IngestJob.Options(lib.resolve("m.csv").toString(), null, null,
        tmp.resolve("nothing-out").toString(), DAY, 2.0, 1 << 20));
    assertThat(r.stored()).isZero();
    assertThat(r.byReason()).isEqualTo(Map.of("MISSING_FILE", 1L, "EMPTY_FILE", 1L));
    assertThat(spark.read().parquet(r.features()).count()).isZero();
    assertThat(r.markdown()).contains("| **total** |");
  }

  @Test
  void globCharactersAreEscapedForSparkAndRestored() {
    assertThat(IngestJob.escapeGlob("file:/a/odd [1]{x}*?.wav")).isEqualTo("file:/a/odd \\[1\\]\\{x\\}\\*\\?.wav");
    assertThat(IngestJob.unescapeGlob(IngestJob.escapeGlob("file:/a/b\\c [1].wav"))).isEqualTo("file:/a/b\\c [1].wav");
  }

  private static String[] withDate(String[] names) {
    String[] out = Arrays.copyOf(names, names.length + 1);
    out[names.length] = "dt";
    return out;
  }

  private static List<String> sortedRows(String table) {
    return spark.read().parquet(table).collectAsList().stream().map(Row::toString).sorted()
        .collect(Collectors.toList());
  }

  private static float[] floats(List<Float> list) {
    float[] out = new float[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = list.get(i);
    }
    return out;
  }
}
