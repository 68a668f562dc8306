package io.failover.agents.demo.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code kubectl get -w} over plain HTTP: the mock only watches over WebSocket, so the front
 * watches it and writes each event as one JSON line, as a Table row when kubectl asked for Tables
 * (columns only in the first). A list-started watch gets only new events; a watch of one named
 * object starts with that object as ADDED, as an API server answers resourceVersion=0.
 */
final class WatchStream {
  private static final Object CLOSED = new Object();

  private WatchStream() {}

  static void serve(HttpExchange exchange, KubernetesClient client, ApiCatalog.Resource resource, ResourcePath path,
      Optional<String> labelSelector, Optional<FieldSelector> fieldSelector, boolean table) throws IOException {
    Optional<String> name = path.name().or(() -> fieldSelector.flatMap(FieldSelector::name));
    var all = client.genericKubernetesResources(resource.groupVersion(), resource.kind());
    FilterWatchListDeletable<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> scope =
        path.namespace().isPresent() ? all.inNamespace(path.namespace().get()) : all.inAnyNamespace();
    if (labelSelector.isPresent()) {
      scope = scope.withLabelSelector(labelSelector.get());
    }
    BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, 0);
    Watcher<GenericKubernetesResource> watcher = new Watcher<>() {
      @Override
      public void eventReceived(Action action, GenericKubernetesResource object) {
        JsonNode json = Tables.JSON.valueToTree(object);
        if (name.map(n -> n.equals(object.getMetadata().getName())).orElse(true)
            && fieldSelector.map(selector -> selector.matches(json)).orElse(true)) {
          events.add(event(action.name(), json));
        }
      }

      @Override
      public void onClose(WatcherException cause) {
        events.add(CLOSED);
      }
    };
    if (name.isPresent()) {
      GenericKubernetesResource current = path.namespace().isPresent()
          ? all.inNamespace(path.namespace().get()).withName(name.get()).get() : all.withName(name.get()).get();
      if (current != null) {
        events.add(event("ADDED", Tables.JSON.valueToTree(current)));
      }
    }
    try (Watch watch = scope.watch(watcher); OutputStream out = exchange.getResponseBody()) {
      boolean first = true;
      while (true) {
        Object next = events.poll(30, TimeUnit.SECONDS);
        if (next == CLOSED) {
          return;
        }
        if (next instanceof ObjectNode event) {
          if (table) {
            event.set("object", Tables.of(resource, List.of(event.get("object")), null, Instant.now(), first));
          }
          first = false;
          out.write((event + "\n").getBytes(StandardCharsets.UTF_8));
          out.flush();
        }
      }
    } catch (InterruptedException stopped) {
      Thread.currentThread().interrupt();
    } catch (IOException clientGone) {
      // kubectl went away: closing the watch is all there is to do
    } finally {
      exchange.close();
    }
  }

  private static ObjectNode event(String type, JsonNode object) {
    ObjectNode event = Tables.JSON.createObjectNode();
    event.put("type", type);
    event.set("object", object);
    return event;
  }
}
