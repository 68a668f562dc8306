package io.failover.agents.app.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The rules of Kubernetes' Pod Security Standards at the "restricted" level (which includes every
 * "baseline" rule), applied to a pod spec as the PodSecurity admission controller applies them
 * (kubernetes.io/docs/concepts/security/pod-security-standards, Kubernetes 1.32). The controller
 * itself is Go code with no Java or command-line form here, so its rules are written out; each has a
 * case in RestrictedPodSecurityTest. Messages name the field at fault.
 */
public final class RestrictedPodSecurity {
  static final Set<String> RESTRICTED_VOLUMES = Set.of("configMap", "csi", "downwardAPI", "emptyDir", "ephemeral",
      "persistentVolumeClaim", "projected", "secret");
  static final Set<String> SAFE_SYSCTLS = Set.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
      "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
      "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
      "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes");
  static final Set<String> SELINUX_TYPES = Set.of("", "container_t", "container_init_t", "container_kvm_t", "container_engine_t");
  static final Set<String> SECCOMP_ALLOWED = Set.of("RuntimeDefault", "Localhost");

  private RestrictedPodSecurity() {}

  /** Every rule the pod spec breaks; empty when the restricted profile admits it. */
  public static List<String> violations(JsonNode pod) {
    List<String> problems = new ArrayList<>();
    for (String host : List.of("hostNetwork", "hostPID", "hostIPC")) {
      if (pod.path(host).asBoolean(false)) {
        problems.add("spec." + host + ": host namespaces are forbidden");
      }
    }
    JsonNode podContext = pod.path("securityContext");
    securityContext("spec.securityContext", podContext, problems);
    for (JsonNode sysctl : podContext.path("sysctls")) {
      if (!SAFE_SYSCTLS.contains(sysctl.path("name").asText())) {
        problems.add("spec.securityContext.sysctls: " + sysctl.path("name").asText() + " is not a safe sysctl");
      }
    }
    for (JsonNode volume : pod.path("volumes")) {
      volume.fieldNames().forEachRemaining(field -> {
        if (!field.equals("name") && !RESTRICTED_VOLUMES.contains(field)) {
          problems.add("spec.volumes[" + volume.path("name").asText() + "]: volume type " + field + " is forbidden");
        }
      });
    }
    for (String list : List.of("initContainers", "containers", "ephemeralContainers")) {
      int index = 0;
      for (JsonNode container : pod.path(list)) {
        container(list + "[" + index++ + "] (" + container.path("name").asText() + ")", container, podContext, problems);
      }
    }
    return problems;
  }

  private static void container(String where, JsonNode container, JsonNode podContext, List<String> problems) {
    JsonNode context = container.path("securityContext");
    securityContext(where + ".securityContext", context, problems);
    if (context.path("privileged").asBoolean(false)) {
      problems.add(where + ".securityContext.privileged: must not be true");
    }
    if (!context.path("allowPrivilegeEscalation").isBoolean() || context.path("allowPrivilegeEscalation").asBoolean()) {
      problems.add(where + ".securityContext.allowPrivilegeEscalation: must be false");
    }
    boolean dropsAll = false;
    for (JsonNode dropped : context.path("capabilities").path("drop")) {
      dropsAll |= dropped.asText().equals("ALL");
    }
    if (!dropsAll) {
      problems.add(where + ".securityContext.capabilities.drop: must include ALL");
    }
    for (JsonNode added : context.path("capabilities").path("add")) {
      if (!added.asText().equals("NET_BIND_SERVICE")) {
        problems.add(where + ".securityContext.capabilities.add: " + added.asText() + " is forbidden (only NET_BIND_SERVICE)");
      }
    }
    boolean nonRoot = context.has("runAsNonRoot") ? context.path("runAsNonRoot").asBoolean() : podContext.path("runAsNonRoot").asBoolean(false);
    if (!nonRoot) {
      problems.add(where + ".securityContext.runAsNonRoot: must be true (here or in spec.securityContext)");
    }
    String seccomp = context.path("seccompProfile").path("type").asText(podContext.path("seccompProfile").path("type").asText(""));
    if (!SECCOMP_ALLOWED.contains(seccomp)) {
      problems.add(where + ".securityContext.seccompProfile.type: must be RuntimeDefault or Localhost (here or in spec.securityContext)");
    }
    for (JsonNode port : container.path("ports")) {
      if (port.path("hostPort").asInt(0) != 0) {
        problems.add(where + ".ports: hostPort " + port.path("hostPort").asInt() + " is forbidden");
      }
    }
    String procMount = context.path("procMount").asText("Default");
    if (!procMount.equals("Default")) {
      problems.add(where + ".securityContext.procMount: must be Default");
    }
  }

  /** Rules that hold at pod and at container level alike. */
  private static void securityContext(String where, JsonNode context, List<String> problems) {
    if (context.has("runAsUser") && context.path("runAsUser").asLong() == 0) {
      problems.add(where + ".runAsUser: must not be 0");
    }
    if (context.has("runAsNonRoot") && !context.path("runAsNonRoot").asBoolean()) {
      problems.add(where + ".runAsNonRoot: must not be false");
    }
    if (context.path("seccompProfile").path("type").asText("").equals("Unconfined")) {
      problems.add(where + ".seccompProfile.type: Unconfined is forbidden");
    }
    if (context.path("appArmorProfile").path("type").asText("").equals("Unconfined")) {
      problems.add(where + ".appArmorProfile.type: Unconfined is forbidden");
    }
    if (context.path("windowsOptions").path("hostProcess").asBoolean(false)) {
      problems.add(where + ".windowsOptions.hostProcess: must not be true");
    }
    JsonNode selinux = context.path("seLinuxOptions");
    if (!SELINUX_TYPES.contains(selinux.path("type").asText(""))) {
      problems.add(where + ".seLinuxOptions.type: " + selinux.path("type").asText() + " is forbidden");
    }
    if (selinux.has("user") || selinux.has("role")) {
      problems.add(where + ".seLinuxOptions: user and role must not be set");
    }
  }
}
