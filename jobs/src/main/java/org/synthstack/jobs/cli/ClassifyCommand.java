package org.synthstack.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.synthstack.audio.AudioDecodeException;
import org.synthstack.audio.AudioLoader;
import org.synthstack.features.EarFeatureExtractor;
import org.synthstack.features.EarFeatures;
import org.synthstack.jobs.InputException;
import org.synthstack.jobs.ear.Ear;
import org.synthstack.jobs.spark.ProgramRows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "classify", mixinStandardHelpOptions = true,
    description = "Classifies audio files (or every file in the given folders) with a trained ear; prints one "
        + "JSON line per file: {\"file\", \"label\", \"probability\", \"isDrum\"}, or {\"file\", \"error\"} for a file "
        + "that cannot be decoded. Exits 2 only if no file could be classified.")
final class ClassifyCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "DIR", description = "The ear (train-ear's output).")
  String model;

  @Parameters(arity = "0..*", paramLabel = "PATH", description = "Audio files or folders.")
  List<Path> in = new ArrayList<>();

  @Option(names = "--in", paramLabel = "PATH", description = "Audio files or folders (same as the positional "
      + "arguments).")
  List<Path> inOption = new ArrayList<>();

  @Mixin
  SparkOptions spark;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (in.isEmpty() && inOption.isEmpty()) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give at least one audio file or folder");
    }
    List<Path> files = expand(in, inOption);
    PrintWriter out = spec.commandLine().getOut();
    ObjectMapper json = new ObjectMapper();
    EarFeatureExtractor extractor = new EarFeatureExtractor();
    List<Row> rows = new ArrayList<>();
    List<String> order = new ArrayList<>();
    java.util.Map<String, String> errors = new java.util.HashMap<>();
    for (Path f : files) {
      String name = f.toString();
      order.add(name);
      try {
        AudioLoader.MonoAudio audio = AudioLoader.loadMono(java.nio.file.Files.readAllBytes(f), name,
            EarFeatureExtractor.SAMPLE_RATE);
        EarFeatures features = extractor.extract(audio.samples());
        rows.add(RowFactory.create(name, features.envelope(), features.frequency(), features.spectrum()));
      } catch (AudioDecodeException e) {
        errors.put(name, e.getMessage());
      } catch (IOException e) {
        errors.put(name, name + ": cannot read (" + e.getMessage() + ")");
      }
    }
    java.util.Map<String, Row> results = new java.util.HashMap<>();
    if (!rows.isEmpty()) {
      SparkSession session = spark.session("synthstack classify");
      try {
        Ear ear = Ear.load(session, model);
        StructType schema = new StructType().add("file", DataTypes.StringType)
            .add(ProgramRows.FEATURES.fields()[0]).add(ProgramRows.FEATURES.fields()[1])
            .add(ProgramRows.FEATURES.fields()[2]);
        for (Row r : ear.classify(session.createDataFrame(rows, schema))
            .select("file", "ear_label", "ear_probability", "is_drum").collectAsList()) {
          results.put(r.getString(0), r);
        }
      } finally {
        session.stop();
      }
    }
    for (String name : order) {
      ObjectNode line = json.createObjectNode().put("file", name);
      Row r = results.get(name);
      if (r != null) {
        line.put("label", r.getString(1)).put("probability", r.getDouble(2)).put("isDrum", r.getBoolean(3));
      } else {
        line.put("error", errors.get(name));
      }
      out.println(json.writeValueAsString(line));
    }
    out.flush();
    if (results.isEmpty()) {
      throw new InputException("no file could be classified (" + errors.size() + " errors above)");
    }
    return 0;
  }

  private static List<Path> expand(List<Path> a, List<Path> b) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path p : Stream.concat(a.stream(), b.stream()).toList()) {
      if (java.nio.file.Files.isDirectory(p)) {
        try (Stream<Path> walk = java.nio.file.Files.walk(p)) {
          walk.filter(java.nio.file.Files::isRegularFile).sorted().forEach(files::add);
        }
      } else if (java.nio.file.Files.exists(p)) {
        files.add(p);
      } else {
        throw new InputException(p + ": no such file or folder");
      }
    }
    return files;
  }
}
