package io.failover.agents.dashboard.http;

import io.failover.agents.dashboard.auth.Caller;
import io.failover.agents.dashboard.auth.Gate;
import io.failover.agents.dashboard.cluster.ClusterWatch;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Live updates for the page: every visible agent and type on connect, then each change as it
 * happens (the informers feed it), and a comment every 15 s so idle connections stay open.
 */
@Controller("/api/v1/stream")
@Requires(property = Role.PROPERTY, value = Role.DASHBOARD)
final class StreamController {
  private final Gate gate;
  private final ClusterWatch cluster;

  StreamController(Gate gate, ClusterWatch cluster) {
    this.gate = gate;
    this.cluster = cluster;
  }

  @Get(produces = MediaType.TEXT_EVENT_STREAM)
  @ExecuteOn(TaskExecutors.BLOCKING)
  Publisher<Event<String>> stream(HttpRequest<?> request) {
    Caller caller = gate.caller(request);
    Predicate<String> agents = Visibility.namespaces(gate, caller, "agents");
    Predicate<String> types = Visibility.namespaces(gate, caller, "agenttypes");
    Sinks.Many<ClusterWatch.Change> sink = Sinks.many().multicast().onBackpressureBuffer(10_000, false);
    // the informers' thread only hands changes over: deciding visibility may ask the API server
    // A viewer too slow to take the changes would silently miss some: its stream ends instead, and
    // the page, reconnecting, lists everything again.
    Consumer<ClusterWatch.Change> forward = change -> {
      synchronized (sink) {
        if (sink.tryEmitNext(change) == Sinks.EmitResult.FAIL_OVERFLOW) {
          sink.tryEmitComplete();
        }
      }
    };
    Flux<Event<String>> changes = sink.asFlux()
        .publishOn(Schedulers.boundedElastic())
        .filter(change -> change.event().startsWith("agenttype") ? types.test(change.namespace()) : agents.test(change.namespace()))
        .map(change -> Event.of(change.json()).name(change.event()));
    cluster.subscribe(forward);
    Flux<Event<String>> replay = Flux.concat(
        Flux.fromIterable(cluster.agentTypeItems()).filter(item -> types.test(item.namespace()))
            .map(item -> Event.of(item.json()).name("agenttype")),
        Flux.fromIterable(cluster.agentItems()).filter(item -> agents.test(item.namespace()))
            .map(item -> Event.of(item.json()).name("agent")));
    Flux<Event<String>> keepAlive = Flux.interval(Duration.ofSeconds(15)).map(tick -> Event.of("").comment("keep-alive"));
    return Flux.concat(replay, Flux.merge(changes, keepAlive))
        .doFinally(signal -> cluster.unsubscribe(forward));
  }
}
