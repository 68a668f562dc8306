package io.failover.agents.app;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * {@code java -jar agent-failover.jar <role> [options]}. Options take {@code --opt value} and
 * {@code --opt=value}, each also from an {@code AGENT_FAILOVER_*} environment variable. Unknown
 * options and bad values exit with status 2 and one line naming the option.
 */
@Command(name = "agent-failover", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Keeps AI coding agents working when their model provider fails.",
    subcommands = {OperatorCommand.class, DashboardCommand.class, DemoCommand.class,
        io.failover.agents.bench.BenchCommand.class})
public final class Main implements Runnable {
  static final int USAGE_ERROR = 2;
  static final int FAILURE = 1;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(new PrintWriter(System.err, true), args));
  }

  static int run(PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setErr(err);
    cli.setParameterExceptionHandler((problem, arguments) -> {
      err.println(cli.getCommandName() + ": " + oneLine(problem.getMessage()));
      return USAGE_ERROR;
    });
    cli.setExecutionExceptionHandler((failure, command, parsed) -> {
      err.println(cli.getCommandName() + ": " + oneLine(String.valueOf(failure.getMessage())));
      return FAILURE;
    });
    return cli.execute(args);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "a role is required: " + String.join(", ", spec.subcommands().keySet()));
  }

  static String oneLine(String message) {
    return message == null ? "failed" : message.lines().map(String::strip).filter(line -> !line.isEmpty())
        .findFirst().orElse("failed");
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"agent-failover " + (version == null ? "development build" : version)};
    }
  }
}
