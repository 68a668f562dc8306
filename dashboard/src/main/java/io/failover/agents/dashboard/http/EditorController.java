package io.failover.agents.dashboard.http;

import io.failover.agents.api.AgentType;
import io.failover.agents.api.AgentTypeSpec;
import io.failover.agents.api.ProviderSettings;
import io.failover.agents.dashboard.auth.ApiException;
import io.failover.agents.dashboard.auth.Caller;
import io.failover.agents.dashboard.auth.Gate;
import io.failover.agents.dashboard.cluster.ClusterWatch;
import io.failover.agents.operator.failover.AgentTypeValidator;
import io.failover.agents.operator.failover.PolicyReader;
import io.failover.agents.operator.failover.PolicyReading;
import io.failover.agents.operator.failover.SpecProblem;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The provider-chain editor's server side: the AgentType as stored, the operator's own validation
 * (plus whether the named credentials Secrets exist, asked as the user), and saving, which checks the
 * spec with that same validation (422 naming the field, whatever the API server would admit) and
 * with the generation the user loaded, so that a concurrent change of the spec is a 409 and not a
 * silent overwrite.
 */
@Controller("/api/v1/namespaces/{namespace}/agenttypes/{name}")
@Requires(property = Role.PROPERTY, value = Role.DASHBOARD)
@ExecuteOn(TaskExecutors.BLOCKING)
final class EditorController {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final Gate gate;
  private final ClusterWatch cluster;
  private final CredentialSecrets secrets;
  private final AgentTypeWriter writer;

  EditorController(Gate gate, ClusterWatch cluster, KubernetesClient client, CredentialSecrets secrets) {
    this.gate = gate;
    this.cluster = cluster;
    this.secrets = secrets;
    this.writer = new AgentTypeWriter(client);
  }

  @Get
  Map<String, Object> load(HttpRequest<?> request, String namespace, String name) {
    gate.require(request, "get", "agenttypes", namespace, name);
    AgentType type = find(namespace, name);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("namespace", namespace);
    body.put("name", name);
    body.put("generation", type.getMetadata().getGeneration());
    body.put("resourceVersion", type.getMetadata().getResourceVersion());
    body.put("spec", SERIALIZATION.convertValue(type.getSpec(), Map.class));
    return body;
  }

  @Post("/validate")
  Map<String, Object> validate(HttpRequest<?> request, String namespace, String name, @Body @Nullable Map<String, Object> body) {
    Caller caller = gate.require(request, "get", "agenttypes", namespace, name);
    AgentTypeSpec spec = spec(body);
    PolicyReading reading = PolicyReader.read(spec);
    List<Map<String, String>> problems = new ArrayList<>();
    reading.problems().forEach(problem -> problems.add(problem(problem.path(), problem.message())));
    credentialProblems(caller, namespace, spec).forEach(problems::add);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("problems", problems);
    answer.put("warnings", reading.warnings());
    return answer;
  }

  /**
   * Saves the spec the user edited. With {@code generation} (what the page sends) only a change of
   * the spec since the user opened it is a conflict: the operator's status writes, which change the
   * resourceVersion but not the generation, are not. With {@code resourceVersion} any change is.
   */
  @Put
  Map<String, Object> save(HttpRequest<?> request, String namespace, String name, @Body @Nullable Map<String, Object> body) {
    gate.require(request, "update", "agenttypes", namespace, name);
    AgentTypeSpec spec = spec(body);
    List<SpecProblem> problems = AgentTypeValidator.validate(spec);
    if (!problems.isEmpty()) {
      throw new ApiException(422, Optional.of(problems.get(0).path()), String.join("; ",
          problems.stream().map(problem -> problem.path() + ": " + problem.message()).toList()));
    }
    Object generation = body.get("generation");
    Object resourceVersion = body.get("resourceVersion");
    if (generation instanceof Number edited) {
      return saveIfSpecUnchanged(namespace, name, spec, edited.longValue());
    }
    if (resourceVersion instanceof String version && !version.isBlank()) {
      return versions(put(find(namespace, name), version, spec));
    }
    throw new ApiException(400, Optional.of("generation"),
        "generation: required (the metadata.generation of the AgentType you edited), or resourceVersion");
  }

  private Map<String, Object> saveIfSpecUnchanged(String namespace, String name, AgentTypeSpec spec, long edited) {
    for (int attempt = 0; ; attempt++) {
      AgentType current = find(namespace, name);
      Long generation = current.getMetadata().getGeneration();
      if (generation != null && generation != edited) {
        throw new ApiException(409, "Someone else changed this AgentType's spec since you opened it.");
      }
      try {
        return versions(put(current, current.getMetadata().getResourceVersion(), spec));
      } catch (ApiException conflict) {
        // our copy lagged behind a write (the operator's status, most likely): wait for the newer one
        if (conflict.status() != 409 || attempt == 2) {
          throw conflict;
        }
        awaitNewerThan(namespace, name, current.getMetadata().getResourceVersion());
      }
    }
  }

  private static Map<String, Object> versions(AgentType saved) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("resourceVersion", saved.getMetadata().getResourceVersion());
    answer.put("generation", saved.getMetadata().getGeneration());
    return answer;
  }

  private void awaitNewerThan(String namespace, String name, String resourceVersion) {
    long deadline = System.nanoTime() + 2_000_000_000L;
    while (System.nanoTime() < deadline && find(namespace, name).getMetadata().getResourceVersion().equals(resourceVersion)) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** A PUT of the AgentType with the new spec at the given version, naming the dashboard as field manager. */
  private AgentType put(AgentType current, String resourceVersion, AgentTypeSpec spec) {
    AgentType updated = SERIALIZATION.clone(current);
    updated.getMetadata().setResourceVersion(resourceVersion);
    updated.getMetadata().setManagedFields(null);
    updated.setSpec(spec);
    updated.setStatus(null);
    try {
      return writer.replace(updated);
    } catch (KubernetesClientException refused) {
      throw refusal(refused);
    }
  }

  private static ApiException refusal(KubernetesClientException refused) {
    if (refused.getCode() == 409) {
      return new ApiException(409, "Someone else changed this AgentType since you opened it.");
    }
    Optional<StatusCause> cause = refused.getStatus() == null || refused.getStatus().getDetails() == null
        ? Optional.empty() : refused.getStatus().getDetails().getCauses().stream().findFirst();
    String message = refused.getStatus() != null && refused.getStatus().getMessage() != null
        ? refused.getStatus().getMessage() : refused.getMessage();
    int code = refused.getCode() == 422 || refused.getCode() == 400 || refused.getCode() == 403 ? refused.getCode() : 502;
    return new ApiException(code, cause.map(StatusCause::getField).filter(field -> !field.isBlank()), message);
  }

  private List<Map<String, String>> credentialProblems(Caller caller, String namespace, AgentTypeSpec spec) {
    List<Map<String, String>> problems = new ArrayList<>();
    List<Map.Entry<String, ProviderSettings>> entries = new ArrayList<>();
    if (spec != null && spec.getProviderChain() != null) {
      for (int i = 0; i < spec.getProviderChain().size(); i++) {
        entries.add(Map.entry("spec.providerChain[" + i + "]", spec.getProviderChain().get(i)));
      }
    } else if (spec != null && spec.getProvider() != null) {
      entries.add(Map.entry("spec", spec));
    }
    for (Map.Entry<String, ProviderSettings> entry : entries) {
      var ref = entry.getValue() == null ? null : entry.getValue().getCredentialsSecretRef();
      if (ref == null || ref.getName() == null || ref.getName().isBlank()) {
        continue;
      }
      String path = entry.getKey() + ".credentialsSecretRef.name";
      switch (secrets.check(caller, namespace, ref.getName())) {
        case MISSING -> problems.add(problem(path, "Secret " + namespace + "/" + ref.getName() + " does not exist"));
        case UNKNOWN -> problems.add(problem(path, "Secret " + namespace + "/" + ref.getName()
            + " cannot be checked (you may not read Secrets here)"));
        case EXISTS -> { }
      }
    }
    return problems;
  }

  private AgentType find(String namespace, String name) {
    return cluster.agentType(namespace, name)
        .orElseThrow(() -> new ApiException(404, "agenttype " + namespace + "/" + name + " not found"));
  }

  private static AgentTypeSpec spec(Map<String, Object> body) {
    Object spec = body == null ? null : body.get("spec");
    if (!(spec instanceof Map)) {
      throw new ApiException(400, Optional.of("spec"), "spec: required, an AgentType spec object");
    }
    try {
      return SERIALIZATION.convertValue(spec, AgentTypeSpec.class);
    } catch (IllegalArgumentException unreadable) {
      throw new ApiException(400, Optional.of("spec"), "spec: " + unreadable.getMessage().lines().findFirst().orElse("unreadable"));
    }
  }

  private static Map<String, String> problem(String path, String message) {
    Map<String, String> problem = new LinkedHashMap<>();
    problem.put("path", path);
    problem.put("message", message);
    return problem;
  }

}
