package io.failover.agents.dashboard.http;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.failover.agents.dashboard.auth.Caller;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Whether a credentials Secret exists, asked as the calling user (the dashboard itself may not read
 * Secrets) and for its metadata only, so that no key passes through the dashboard.
 */
public final class CredentialSecrets {
  /** What could be learnt about one Secret. */
  enum Presence { EXISTS, MISSING, UNKNOWN }

  private static final String METADATA_ONLY = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json";

  private final KubernetesClient ownClient;
  private final boolean anonymousMode;

  /** @param anonymousMode the demo: ask with the dashboard's own client */
  public CredentialSecrets(KubernetesClient ownClient, boolean anonymousMode) {
    this.ownClient = ownClient;
    this.anonymousMode = anonymousMode;
  }

  Presence check(Caller caller, String namespace, String name) {
    if (caller.token().isEmpty() && !anonymousMode) {
      return Presence.UNKNOWN;
    }
    if (caller.token().isEmpty()) {
      return ask(ownClient, namespace, name);
    }
    try (KubernetesClient asUser = new KubernetesClientBuilder().withConfig(asUser(caller.token().get())).build()) {
      return ask(asUser, namespace, name);
    }
  }

  private Config asUser(String token) {
    Config own = ownClient.getConfiguration();
    return new ConfigBuilder(Config.empty())
        .withMasterUrl(own.getMasterUrl())
        .withCaCertData(own.getCaCertData())
        .withCaCertFile(own.getCaCertFile())
        .withTrustCerts(own.isTrustCerts())
        .withDisableHostnameVerification(own.isDisableHostnameVerification())
        .withOauthToken(token)
        .build();
  }

  private static Presence ask(KubernetesClient client, String namespace, String name) {
    String url = client.getConfiguration().getMasterUrl().replaceAll("/+$", "") + "/api/v1/namespaces/"
        + URLEncoder.encode(namespace, StandardCharsets.UTF_8) + "/secrets/" + URLEncoder.encode(name, StandardCharsets.UTF_8);
    HttpRequest request = client.getHttpClient().newHttpRequestBuilder().uri(URI.create(url))
        .header("Accept", METADATA_ONLY).build();
    try {
      HttpResponse<byte[]> response = client.getHttpClient().sendAsync(request, byte[].class)
          .get(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
      return switch (response.code()) {
        case 200 -> Presence.EXISTS;
        case 404 -> Presence.MISSING;
        default -> Presence.UNKNOWN;
      };
    } catch (Exception failed) {
      return Presence.UNKNOWN;
    }
  }
}
