package io.failover.agents.demo.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/** A Secret's stringData written into data, as an API server stores it (the mock keeps it as sent). */
final class SecretData {
  private SecretData() {}

  static byte[] asTheApiServerStoresIt(byte[] body) throws IOException {
    JsonNode secret = Tables.JSON.readTree(body);
    if (!secret.isObject() || !secret.path("stringData").isObject()) {
      return body;
    }
    ObjectNode data = secret.path("data").isObject() ? (ObjectNode) secret.get("data") : ((ObjectNode) secret).putObject("data");
    for (Iterator<Map.Entry<String, JsonNode>> entries = secret.get("stringData").fields(); entries.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = entries.next();
      data.put(entry.getKey(), Base64.getEncoder().encodeToString(entry.getValue().asText().getBytes(StandardCharsets.UTF_8)));
    }
    ((ObjectNode) secret).remove("stringData");
    return Tables.JSON.writeValueAsBytes(secret);
  }
}
