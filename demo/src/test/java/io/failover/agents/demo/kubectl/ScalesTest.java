package io.failover.agents.demo.kubectl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A custom resource's Scale, read from and written to the paths its CRD names. */
class ScalesTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final ApiCatalog.ScaleSubresource PATHS = new ApiCatalog.ScaleSubresource(".spec.replicas", ".status.replicas",
      Optional.of(".status.selector"), Optional.of(1L), Optional.of(0.0), Optional.empty());

  @Test
  void theScaleCarriesTheObjectsIdentityAndTheThreePaths() throws Exception {
    JsonNode scale = Scales.of(JSON.readTree("""
        {"metadata": {"name": "coder-1", "namespace": "agents", "uid": "u-1", "resourceVersion": "7", "labels": {"a": "b"}},
         "spec": {"replicas": 3}, "status": {"replicas": 2, "selector": "agents.failover.io/agent=coder-1"}}"""), PATHS);

    assertThat(scale).isEqualTo(JSON.readTree("""
        {"kind": "Scale", "apiVersion": "autoscaling/v1",
         "metadata": {"name": "coder-1", "namespace": "agents", "uid": "u-1", "resourceVersion": "7"},
         "spec": {"replicas": 3}, "status": {"replicas": 2, "selector": "agents.failover.io/agent=coder-1"}}"""));
  }

  @Test
  void missingSpecReplicasReadAsTheSchemaDefaultAndWithoutOneAreAnError() throws Exception {
    JsonNode object = JSON.readTree("{\"metadata\": {\"name\": \"coder-1\"}, \"spec\": {}}");

    assertThat(Scales.of(object, PATHS).path("spec").path("replicas").asInt()).isEqualTo(1);
    assertThat(Scales.of(object, PATHS).path("status").path("replicas").asInt()).isZero();
    ApiCatalog.ScaleSubresource noDefault = new ApiCatalog.ScaleSubresource(".spec.replicas", ".status.replicas",
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    assertThatThrownBy(() -> Scales.of(object, noDefault)).isInstanceOf(ApiError.class)
        .hasMessage("the spec replicas field \".spec.replicas\" does not exist");
  }

  @Test
  void aWrittenScaleMustBeAScaleOfThisObjectWithIntegerReplicas() throws Exception {
    assertThat(Scales.requestedReplicas(JSON.readTree("{\"spec\": {\"replicas\": 4}}"), "coder-1")).isEqualTo(4);
    assertThat(refusal("{\"spec\": {\"replicas\": \"two\"}}")).isEqualTo("400 spec.replicas");
    assertThat(refusal("{\"spec\": {}}")).isEqualTo("400 spec.replicas");
    assertThat(refusal("{\"metadata\": {\"name\": \"coder-2\"}, \"spec\": {\"replicas\": 1}}")).isEqualTo("400 ");
    assertThat(refusal("{\"apiVersion\": \"apps/v1\", \"kind\": \"Deployment\", \"spec\": {\"replicas\": 1}}")).isEqualTo("400 ");
    assertThat(refusal("[1]")).isEqualTo("400 ");
  }

  @Test
  void negativeAndOversizedReplicasAreInvalidNamingTheField() {
    assertThat(Scales.violations(0, PATHS)).isEmpty();
    assertThat(Scales.violations(-1, PATHS)).extracting(ApiError.Cause::field).containsExactly("spec.replicas", ".spec.replicas");
    assertThat(Scales.violations(1L + Integer.MAX_VALUE, PATHS)).extracting(ApiError.Cause::message)
        .containsExactly("Invalid value: 2147483648: should be less than or equal to 2147483647");
  }

  @Test
  void writingReplicasCreatesTheSpecPathIfNeeded() throws Exception {
    assertThat(Scales.withReplicas(JSON.readTree("{\"metadata\": {\"name\": \"a\"}}"), PATHS, 2).path("spec").path("replicas").asInt())
        .isEqualTo(2);
  }

  static String refusal(String scale) throws Exception {
    try {
      Scales.requestedReplicas(JSON.readTree(scale), "coder-1");
      return "accepted";
    } catch (ApiError refused) {
      Object causes = refused.details().get("causes");
      String field = causes == null ? "" : ((java.util.List<?>) causes).stream()
          .map(c -> ((java.util.Map<?, ?>) c).get("field").toString()).findFirst().orElse("");
      return refused.code() + " " + field;
    }
  }
}
