package io.failover.agents.core.spec;

import io.failover.agents.api.ProviderSettings;
import io.failover.agents.api.SecretKeyRef;
import io.failover.agents.core.provider.ProviderPreset;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks one provider entry (a chain entry, or the legacy form at spec level). */
final class ProviderSettingsValidator {
  static final int MAX_MODEL_LENGTH = 256;
  static final int MAX_BASE_URL_LENGTH = 2048;
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Set<String> operatorEnvKeys;

  /** @param operatorEnvKeys the env keys the operator sets itself, which a tier's env may not override */
  ProviderSettingsValidator(Set<String> operatorEnvKeys) {
    this.operatorEnvKeys = operatorEnvKeys;
  }

  void validate(ProviderSettings entry, String path, List<SpecProblem> problems) {
    Optional<ProviderPreset> preset = provider(entry.getProvider(), path + ".provider", problems);
    if (isBlank(entry.getModel())) {
      problems.add(new SpecProblem(path + ".model", "must not be empty"));
    } else if (entry.getModel().length() > MAX_MODEL_LENGTH) {
      problems.add(new SpecProblem(path + ".model", "must be at most " + MAX_MODEL_LENGTH + " characters"));
    }
    credentials(entry.getCredentialsSecretRef(), preset, path + ".credentialsSecretRef", problems);
    baseUrl(entry.getBaseUrl(), preset, path + ".baseUrl", problems);
    env(entry.getEnv(), path + ".env", problems);
  }

  private static Optional<ProviderPreset> provider(String provider, String path, List<SpecProblem> problems) {
    if (isBlank(provider)) {
      problems.add(new SpecProblem(path, "required"));
      return Optional.empty();
    }
    Optional<ProviderPreset> preset = ProviderPreset.fromWireName(provider);
    if (preset.isEmpty()) {
      problems.add(new SpecProblem(path,
          "unsupported value \"" + provider + "\": must be one of " + ProviderPreset.wireNames()));
    }
    return preset;
  }

  private static void credentials(
      SecretKeyRef ref, Optional<ProviderPreset> preset, String path, List<SpecProblem> problems) {
    if (ref == null) {
      preset.filter(ProviderPreset::needsCredentials).ifPresent(p ->
          problems.add(new SpecProblem(path, "required for provider " + p.wireName())));
      return;
    }
    if (isBlank(ref.getName())) {
      problems.add(new SpecProblem(path + ".name", "must not be empty"));
    }
    if (isBlank(ref.getKey())) {
      problems.add(new SpecProblem(path + ".key", "must not be empty"));
    }
  }

  private static void baseUrl(String url, Optional<ProviderPreset> preset, String path, List<SpecProblem> problems) {
    if (url == null) {
      preset.filter(ProviderPreset::needsBaseUrl).ifPresent(p ->
          problems.add(new SpecProblem(path, "required for provider " + p.wireName())));
    } else if (url.length() > MAX_BASE_URL_LENGTH) {
      problems.add(new SpecProblem(path, "must be at most " + MAX_BASE_URL_LENGTH + " characters"));
    } else if (!isHttpUrl(url)) {
      problems.add(new SpecProblem(path, "must be an http(s) URL, got \"" + url + "\""));
    }
  }

  static boolean isHttpUrl(String url) {
    try {
      URI uri = new URI(url);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null && !uri.getHost().isEmpty();
    } catch (URISyntaxException notAUri) {
      return false;
    }
  }

  private void env(Map<String, String> env, String path, List<SpecProblem> problems) {
    if (env == null) {
      return;
    }
    for (Map.Entry<String, String> variable : env.entrySet()) {
      String name = variable.getKey();
      if (!ENV_NAME.matcher(name).matches()) {
        problems.add(new SpecProblem(path + "." + name, "not a valid environment variable name"));
      } else if (operatorEnvKeys.contains(name)) {
        problems.add(new SpecProblem(path + "." + name, "set by the operator; it cannot be overridden"));
      } else if (variable.getValue() == null) {
        problems.add(new SpecProblem(path + "." + name, "must be a string"));
      }
    }
  }

  static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
