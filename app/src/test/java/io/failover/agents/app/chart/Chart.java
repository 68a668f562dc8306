package io.failover.agents.app.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** The chart, rendered with helm-java, as a list of objects to look into. */
final class Chart {
  static final Path DIR = Path.of(System.getProperty("chart.dir", "../charts/agent-failover"));
  static final String RELEASE = "failover";
  static final String NAMESPACE = "agent-failover";
  static final String KUBE_VERSION = "v1.32.0";
  static final String TEST_HOOK = "templates/090-Pod-test.yaml";
  static final String HOOK_ANNOTATION = "helm.sh/hook: test";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Chart() {}

  static List<JsonNode> render(Map<String, Object> values) {
    return render(DIR, values);
  }

  static List<JsonNode> render(Path chart, Map<String, Object> values) {
    TemplateCommand template = new Helm(chart).template().withName(RELEASE).withNamespace(NAMESPACE)
        .withKubeVersion(KUBE_VERSION);
    values.forEach(template::set);
    return parse(template.call());
  }

  static List<JsonNode> parse(String manifests) {
    List<JsonNode> objects = new ArrayList<>();
    try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(manifests)) {
      while (documents.hasNext()) {
        JsonNode document = documents.next();
        if (document != null && !document.isNull() && document.has("kind")) {
          objects.add(document);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return objects;
  }

  /**
   * The chart with its `helm test` hook rendered too. helm-java's template prints only the release's
   * manifest, never its hooks, so this renders a copy of the chart whose test Pod lacks the hook
   * annotation (ChartMonitoringTest checks that the chart itself carries it).
   */
  static List<JsonNode> renderWithTestHook(Path scratch, Map<String, Object> values) {
    try {
      Path copy = scratch.resolve("chart-with-test-hook-as-manifest");
      try (Stream<Path> files = Files.walk(DIR)) {
        for (Path file : files.toList()) {
          Path target = copy.resolve(DIR.relativize(file).toString());
          if (Files.isDirectory(file)) {
            Files.createDirectories(target);
          } else {
            Files.copy(file, target);
          }
        }
      }
      Path hook = copy.resolve(TEST_HOOK);
      String text = Files.readString(hook);
      if (!text.contains(HOOK_ANNOTATION)) {
        throw new AssertionError(TEST_HOOK + " has no " + HOOK_ANNOTATION);
      }
      Files.writeString(hook, text.replace(HOOK_ANNOTATION, "rendered-as-manifest: test"));
      return render(copy, values);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What `helm install` prints after installing: the rendered NOTES.txt (a client-only dry run). */
  static String notes(Map<String, Object> values) {
    InstallCommand install = new Helm(DIR).install().withName(RELEASE).withNamespace(NAMESPACE)
        .withKubeVersion(KUBE_VERSION).withDryRunOption(DryRun.CLIENT).clientOnly();
    values.forEach(install::set);
    return install.call().getOutput();
  }

  static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
    return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
  }

  static JsonNode one(List<JsonNode> objects, String kind, String name) {
    return objects.stream().filter(o -> kind.equals(o.path("kind").asText()))
        .filter(o -> name.equals(o.path("metadata").path("name").asText())).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + names(objects)));
  }

  static List<String> names(List<JsonNode> objects) {
    return objects.stream().map(o -> o.path("kind").asText() + "/" + o.path("metadata").path("namespace").asText("")
        + "/" + o.path("metadata").path("name").asText()).toList();
  }

  static Predicate<JsonNode> named(String name) {
    return o -> name.equals(o.path("metadata").path("name").asText());
  }
}
