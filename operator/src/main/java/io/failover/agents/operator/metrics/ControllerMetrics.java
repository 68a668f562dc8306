package io.failover.agents.operator.metrics;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetricsV2;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.controller.ResourceEvent;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * java-operator-sdk's reconcile metrics (per controller, not per resource, so a large fleet does not
 * multiply series), and the moment a watched resource is gone: JOSDK reports each deletion here once
 * its last reconcile has finished, which is when that resource's own series are dropped.
 */
public final class ControllerMetrics implements Metrics {
  private final Metrics reconciles;
  private final BiConsumer<String, ResourceID> deleted;

  /** @param deleted called with the resource's kind and its id, once per deletion */
  ControllerMetrics(MicrometerMetricsV2 reconciles, BiConsumer<String, ResourceID> deleted) {
    this.reconciles = reconciles;
    this.deleted = deleted;
  }

  @Override
  public void cleanupDone(ResourceID resourceId, Map<String, Object> metadata) {
    reconciles.cleanupDone(resourceId, metadata);
    if (metadata.get(Constants.RESOURCE_GVK_KEY) instanceof GroupVersionKind kind) {
      deleted.accept(kind.getKind(), resourceId);
    }
  }

  @Override
  public void controllerRegistered(Controller<? extends HasMetadata> controller) {
    reconciles.controllerRegistered(controller);
  }

  /**
   * Only events about the watched resources themselves: JOSDK tags those with their action and the
   * others (an outcome's signal, an owned object's change) without, and Prometheus refuses one name
   * with two sets of labels (the second is dropped with a warning in the log).
   */
  @Override
  public void eventReceived(Event event, Map<String, Object> metadata) {
    if (event instanceof ResourceEvent) {
      reconciles.eventReceived(event, metadata);
    }
  }

  @Override
  public void reconciliationSubmitted(HasMetadata resource, RetryInfo retryInfo, Map<String, Object> metadata) {
    reconciles.reconciliationSubmitted(resource, retryInfo, metadata);
  }

  @Override
  public void reconciliationStarted(HasMetadata resource, Map<String, Object> metadata) {
    reconciles.reconciliationStarted(resource, metadata);
  }

  @Override
  public void reconciliationFailed(HasMetadata resource, RetryInfo retryInfo, Exception exception, Map<String, Object> metadata) {
    reconciles.reconciliationFailed(resource, retryInfo, exception, metadata);
  }

  @Override
  public void reconciliationSucceeded(HasMetadata resource, Map<String, Object> metadata) {
    reconciles.reconciliationSucceeded(resource, metadata);
  }

  @Override
  public void reconciliationFinished(HasMetadata resource, RetryInfo retryInfo, Map<String, Object> metadata) {
    reconciles.reconciliationFinished(resource, retryInfo, metadata);
  }

  @Override
  public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
    return reconciles.timeControllerExecution(execution);
  }
}
