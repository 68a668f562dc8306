package io.failover.agents.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.failover.agents.operator.OperatorRole;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class CommandLineTest {

  record Outcome(int status, String err) {}

  static Outcome run(String... args) {
    StringWriter err = new StringWriter();
    int status = Main.run(new PrintWriter(err, true), args);
    return new Outcome(status, err.toString());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      no role                   |                                         | a role is required
      unknown role              | launch                                  | Unmatched argument at index 0: 'launch'
      unknown option            | operator --bogus                        | Unknown option: '--bogus'
      port not a number         | operator --port abc                     | Invalid value for option '--port': 'abc' is not an int
      port out of range         | operator --port=70000                   | Invalid value for option '--port': 70000 is not a port (1-65535)
      report URL not http       | operator --report-url ftp://x           | Invalid value for option '--report-url': 'ftp://x' is not an http(s) URL
      bad namespace             | operator --namespaces a,B_              | Invalid value for option '--namespaces': 'B_' is not a namespace name
      bad retention             | operator --retention forever            | Invalid value for option '--retention': 'forever' is not a duration such as 12h or 30d
      bad leader election       | operator --leader-election maybe        | Invalid value for option '--leader-election': 'maybe' is not auto, true or false
      bad max connections       | operator --max-connections 0            | Invalid value for option '--max-connections': 0 is not a positive number
      operator auth none public | operator --auth none                    | Invalid value for option '--host': '0.0.0.0' is not a loopback address
      bad lease name            | operator --lease-name Shard_A           | Invalid value for option '--lease-name': 'Shard_A' is not a Kubernetes object name
      option without value      | operator --port                         | Missing required parameter for option '--port'
      """)
  void badInputExitsWithOneLineNamingTheOption(String description, String args, String message) {
    Outcome outcome = run(args == null ? new String[0] : args.split(" "));

    assertThat(outcome.status()).isEqualTo(Main.USAGE_ERROR);
    assertThat(outcome.err().lines()).singleElement().asString().startsWith("agent-failover: ").contains(message);
  }

  @Test
  void optionsTakeBothSpellingsAndDefaultAsDocumented() {
    OperatorCommand spaced = parse("operator", "--port", "9090", "--namespaces", "a, b", "--retention", "7d",
        "--leader-election", "false", "--report-url", "http://operator.agents.svc:9090/", "--lease-name", "shard-a");
    OperatorCommand joined = parse("operator", "--port=9090", "--namespaces=a,b", "--retention=7d",
        "--leader-election=false", "--report-url=http://operator.agents.svc:9090", "--lease-name=shard-a");

    OperatorRole.Settings expected = new OperatorRole.Settings("0.0.0.0", 9090, Path.of("data/ledger.db"),
        Duration.ofDays(7), Set.of("a", "b"), "http://operator.agents.svc:9090", false, "shard-a", Optional.empty(), "x", io.failover.agents.operator.http.HttpLimits.DEFAULTS,
        io.failover.agents.access.AuthMode.KUBERNETES);
    assertThat(spaced.settings()).usingRecursiveComparison().ignoringFields("instance").isEqualTo(expected);
    assertThat(joined.settings()).usingRecursiveComparison().ignoringFields("instance").isEqualTo(expected);
    OperatorRole.Settings defaults = parse("operator").settings();
    assertThat(defaults.port()).isEqualTo(8080);
    assertThat(defaults.namespaces()).isEmpty();
    assertThat(defaults.reportUrl()).isEqualTo("http://localhost:8080");
    assertThat(defaults.retention()).isEqualTo(Duration.ofDays(30));
    assertThat(defaults.leaseName()).isEqualTo("agent-failover-operator");
  }

  static OperatorCommand parse(String... args) {
    CommandLine cli = new CommandLine(new Main());
    CommandLine.ParseResult result = cli.parseArgs(args);
    return (OperatorCommand) result.subcommand().commandSpec().userObject();
  }
}
