package org.synthstack.jobs.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.synthstack.jobs.catalog.DrumLabels;
import org.synthstack.jobs.catalog.DrumManifestBuilder;
import org.synthstack.jobs.catalog.LabelRules;
import org.synthstack.jobs.catalog.LicenceTable;
import org.synthstack.jobs.ingest.IngestReport;
import org.synthstack.jobs.ingest.Manifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "drum-manifest", mixinStandardHelpOptions = true,
    description = "Labels the audio files of unpacked Debian packages (one folder per package under ROOT) with a "
        + "rule table and writes the manifest CSV that ingest reads, plus the list of files no rule labels. "
        + "Used by data-catalog/debian-drums/build.sh.")
final class DrumManifestCommand implements Callable<Integer> {
  @Option(names = "--root", required = true, paramLabel = "DIR", description = "The unpack root: DIR/<package>/...")
  Path root;

  @Option(names = "--rules", required = true, paramLabel = "RULES.tsv", description = "The label rule table.")
  Path rules;

  @Option(names = "--licences", required = true, paramLabel = "LICENCES.tsv", description = "The licence table.")
  Path licences;

  @Option(names = "--out", required = true, paramLabel = "MANIFEST.csv",
      description = "The manifest to write; paths in it are relative to its folder.")
  Path out;

  @Option(names = "--unlabelled", paramLabel = "U.tsv",
      description = "Where to list the files no rule labels (default: unlabelled.tsv next to the manifest).")
  Path unlabelled;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    LabelRules labelRules = LabelRules.parse(rules.getFileName().toString(),
        new String(Files.read(rules, "rule table"), StandardCharsets.UTF_8), DrumLabels.ALL);
    LicenceTable licenceTable = LicenceTable.parse(licences.getFileName().toString(),
        new String(Files.read(licences, "licence table"), StandardCharsets.UTF_8));
    DrumManifestBuilder.Result result = DrumManifestBuilder.build(root, labelRules, licenceTable);

    // Paths in the manifest are relative to its folder.
    Path manifestDir = out.toAbsolutePath().getParent();
    Path rootAbs = root.toAbsolutePath().normalize();
    List<Manifest.Entry> entries = new ArrayList<>();
    for (Manifest.Entry e : result.entries()) {
      String path = manifestDir.relativize(rootAbs.resolve(e.path())).toString().replace(java.io.File.separatorChar, '/');
      entries.add(new Manifest.Entry(path, e.label(), e.source(), e.kit(), e.licence(), e.instrument(), e.rule()));
    }
    Path unlabelledOut = unlabelled != null ? unlabelled : manifestDir.resolve("unlabelled.tsv");
    Files.writeAtomically(unlabelledOut, o -> o.write(
        DrumManifestBuilder.unlabelledTsv(result.unlabelled()).getBytes(StandardCharsets.UTF_8)));
    Files.writeAtomically(out, o -> o.write(Manifest.toCsv(entries).getBytes(StandardCharsets.UTF_8)));

    var w = spec.commandLine().getOut();
    w.print(IngestReport.labelCounts(result.counts()));
    w.printf("%d files labelled; %d files no rule labels (listed in %s)%n", entries.size(),
        result.unlabelled().size(), unlabelledOut);
    for (String warning : result.warnings()) {
      w.println("warning: " + warning);
    }
    w.printf("manifest: %s%n", out);
    w.flush();
    return 0;
  }
}
