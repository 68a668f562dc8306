package io.failover.agents.api.crd.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every AgentType and Agent we hand to users (docs/examples, the agent kit's example, the YAML in
 * the README and the docs) is admitted by the committed CRDs as a real API server would admit it.
 */
class PublishedManifestsAdmissionTest {
  private static final Path ROOT = Path.of("..");
  private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);
  private static final Map<String, Admission> BY_KIND = Map.of(
      "AgentType", Admission.agentTypes(),
      "Agent", Admission.agents());

  static Stream<Path> publishedFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path folder : List.of(ROOT.resolve("docs/examples"), ROOT.resolve("agent-kit/examples"))) {
      try (Stream<Path> list = Files.list(folder)) {
        list.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(files::add);
      }
    }
    files.add(ROOT.resolve("README.md"));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(f -> f.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    return files.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("publishedFiles")
  void everyFailoverResourceInItIsAdmitted(Path file) throws IOException {
    for (JsonNode document : failoverResources(file)) {
      String kind = document.path("kind").asText();
      assertThat(BY_KIND.get(kind).validate(document))
          .as("%s %s in %s", kind, document.at("/metadata/name").asText(), file)
          .isEmpty();
    }
  }

  @Test
  void thePublishedFilesHoldBothKinds() throws IOException {
    List<String> kinds = new ArrayList<>();
    for (Path file : publishedFiles().toList()) {
      failoverResources(file).forEach(document -> kinds.add(document.path("kind").asText()));
    }
    assertThat(kinds).contains("AgentType", "Agent");
  }

  @Test
  void anAgentWithoutATypeOrWithNegativeReplicasIsRefused() {
    Admission agents = BY_KIND.get("Agent");
    String head = "apiVersion: agents.failover.io/v1alpha1\nkind: Agent\nmetadata: {name: a}\n";
    assertThat(agents.validate(Admission.yaml(head + "spec: {replicas: 1}\n"))).containsExactly("spec.type: Required value");
    assertThat(agents.validate(Admission.yaml(head + "spec: {type: \"\"}\n")))
        .containsExactly("spec.type: Invalid value: \"\": spec.type in body should be at least 1 chars long");
    assertThat(agents.validate(Admission.yaml(head + "spec: {type: coder, replicas: -1}\n")))
        .containsExactly("spec.replicas: Invalid value: -1: spec.replicas in body should be greater than or equal to 0");
    assertThat(agents.defaulted(Admission.yaml(head + "spec: {type: coder}\n")).at("/spec/replicas").asInt()).isEqualTo(1);
  }

  private static List<JsonNode> failoverResources(Path file) throws IOException {
    String text = Files.readString(file);
    List<String> sources = new ArrayList<>();
    if (file.toString().endsWith(".md")) {
      Matcher blocks = YAML_BLOCK.matcher(text);
      while (blocks.find()) {
        sources.add(blocks.group(1));
      }
    } else {
      sources.add(text);
    }
    List<JsonNode> resources = new ArrayList<>();
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    for (String source : sources) {
      try (var parser = yaml.getFactory().createParser(source)) {
        yaml.readValues(parser, JsonNode.class).forEachRemaining(document -> {
          if (document != null && document.path("apiVersion").asText().startsWith("agents.failover.io/")) {
            resources.add(document);
          }
        });
      }
    }
    return resources;
  }
}
