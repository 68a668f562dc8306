package io.failover.agents.core.spec;

/** One thing wrong with a spec, at a field path such as {@code spec.providerChain[1].model}. */
public record SpecProblem(String path, String message) {

  @Override
  public String toString() {
    return path + ": " + message;
  }
}
