package org.synthstack.jobs.cli;

import java.io.PrintWriter;
import org.synthstack.audio.AudioDecodeException;
import org.synthstack.jobs.InputException;
import org.synthstack.synth.InvalidProgramException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** The {@code synthstack} command line: one subcommand per job or tool. */
@Command(name = "synthstack",
    mixinStandardHelpOptions = true,
    version = "synthstack 0.1.0",
    description = "Designs audio algorithms and synthesizers by search, on Apache Spark.",
    subcommands = {
        RenderProgramCommand.class,
        FeaturesCommand.class,
        RenderCommand.class,
        TrainEarCommand.class,
        ClassifyCommand.class,
        GenerateCommand.class,
        NightlyCommand.class,
        SearchCommand.class,
        DemoCommand.class,
        BenchCommand.class,
        CaadCommand.class,
        ImprovCommand.class,
        DrumManifestCommand.class,
        IngestCommand.class,
        TuneAutoencoderCommand.class,
        EmbedCommand.class,
        CommandLine.HelpCommand.class,
    })
public final class SynthstackCli implements Runnable {
  /** Exit code for usage and input errors. */
  public static final int INPUT_ERROR = 2;

  @Spec
  CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs a command line and returns its exit code (0 success, 1 failure, 2 usage or input error). */
  public static int execute(String... args) {
    return commandLine().execute(args);
  }

  static CommandLine commandLine() {
    return new CommandLine(new SynthstackCli())
        .setExecutionExceptionHandler(new InputErrorHandler())
        .setCaseInsensitiveEnumValuesAllowed(true);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }

  /** Input errors print their message and exit 2; anything else is a bug or an environment failure: exit 1. */
  private static final class InputErrorHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
      PrintWriter err = cmd.getErr();
      String name = cmd.getCommandSpec().qualifiedName();
      if (isInputError(e)) {
        err.println(name + ": " + e.getMessage());
        err.flush();
        return INPUT_ERROR;
      }
      err.println(name + ": failed: " + e);
      e.printStackTrace(err);
      err.flush();
      return 1;
    }

    private static boolean isInputError(Throwable e) {
      return e instanceof InputException || e instanceof InvalidProgramException
          || e instanceof AudioDecodeException;
    }
  }
}
