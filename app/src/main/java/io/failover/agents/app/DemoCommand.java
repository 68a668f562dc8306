package io.failover.agents.app;

import io.failover.agents.demo.Demo;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code demo}: the whole product on this machine, no cluster needed; Ctrl-C stops it. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run an embedded Kubernetes API with the operator, the dashboard and simulated agents.")
final class DemoCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--port", defaultValue = "${env:AGENT_FAILOVER_PORT:-8081}",
      description = "Dashboard port on 127.0.0.1 (env AGENT_FAILOVER_PORT; default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--api-port", defaultValue = "${env:AGENT_FAILOVER_API_PORT:-0}",
      description = "Port of the embedded Kubernetes API on 127.0.0.1; 0 for any free port (default ${DEFAULT-VALUE}).")
  int apiPort;

  @Option(names = "--dir", defaultValue = "${env:AGENT_FAILOVER_DEMO_DIR:-data/demo}",
      description = "Where the demo keeps its kubeconfig and ledger (default ${DEFAULT-VALUE}).")
  Path dir;

  @Override
  public Integer call() throws InterruptedException {
    CommandLine commandLine = spec.commandLine();
    Demo.Settings settings = new Demo.Settings(dir, Options.port(commandLine, "--port", port, true),
        Options.port(commandLine, "--api-port", apiPort, true));
    Demo demo = Demo.start(settings);
    PrintStream out = System.out;
    out.println("dashboard: " + demo.dashboardUrl());
    out.println("kubeconfig: " + demo.kubeconfig());
    out.flush();
    RoleLifecycle.runUntilStopped("demo", demo);
    return 0;
  }
}
