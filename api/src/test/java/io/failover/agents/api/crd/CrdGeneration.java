package io.failover.agents.api.crd;

import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.failover.agents.api.Agent;
import io.failover.agents.api.AgentType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Runs fabric8's CRD generator over the resource classes and returns each CRD file by name. */
final class CrdGeneration {
  static final List<Class<? extends HasMetadata>> RESOURCES = List.of(AgentType.class, Agent.class);

  private CrdGeneration() {}

  /** File name (e.g. {@code agents.agents.failover.io.yaml}) to YAML text. */
  static Map<String, String> generate() {
    Map<String, Class<?>> classByCrdName = RESOURCES.stream()
        .collect(Collectors.toMap(HasMetadata::getFullResourceName, Function.identity()));
    InMemoryOutput output = new InMemoryOutput();
    new CRDGenerator()
        .customResourceClasses(RESOURCES)
        .forCRDVersions("v1")
        .withPostProcessor(new CrdPolish(classByCrdName))
        .withOutput(output)
        .generate();
    Map<String, String> files = new TreeMap<>();
    output.streams.forEach((name, bytes) ->
        files.put(name.replaceFirst("-v1$", "") + ".yaml", bytes.toString(StandardCharsets.UTF_8)));
    return files;
  }

  private static final class InMemoryOutput extends CRDGenerator.AbstractCRDOutput<ByteArrayOutputStream> {
    private final Map<String, ByteArrayOutputStream> streams = new TreeMap<>();

    @Override
    protected ByteArrayOutputStream createStreamFor(String crdName) {
      return streams.computeIfAbsent(crdName, name -> new ByteArrayOutputStream());
    }
  }
}
