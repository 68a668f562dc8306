package io.failover.agents.dashboard;

import static org.awaitility.Awaitility.await;

import io.failover.agents.access.AuthMode;
import io.failover.agents.operator.testing.RunningOperator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** The operator and the dashboard, wired as in a cluster, against one mock API server. */
final class RunningDashboard implements AutoCloseable {
  final RunningOperator op;
  final DashboardRole dashboard;
  final String url;

  private RunningDashboard(RunningOperator op, DashboardRole dashboard) {
    this.op = op;
    this.dashboard = dashboard;
    this.url = "http://127.0.0.1:" + dashboard.port();
  }

  static RunningDashboard start(Path dir, AuthMode auth) {
    RunningOperator op = RunningOperator.with().auth(auth).start(dir);
    FakeClusterAuth.install(op.cluster.server);
    String operatorUrl = op.http();
    DashboardRole dashboard = DashboardRole.start(op.client,
        new DashboardRole.Settings("127.0.0.1", 0, operatorUrl, auth, java.util.Set.of()), Clock.systemUTC());
    await().atMost(Duration.ofSeconds(10)).until(dashboard::ready);
    return new RunningDashboard(op, dashboard);
  }

  @Override
  public void close() {
    dashboard.close();
    op.close();
  }
}
