package io.failover.agents.dashboard.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** The page and its two assets, from the jar; the page itself fetches everything else. */
@Controller
@Requires(property = Role.PROPERTY, value = Role.DASHBOARD)
final class PageController {
  private static final Map<String, byte[]> ASSETS = Map.of(
      "index.html", read("index.html"), "app.js", read("app.js"), "app.css", read("app.css"));

  @Get(uri = "/", produces = MediaType.TEXT_HTML)
  MutableHttpResponse<byte[]> page() {
    return HttpResponse.ok(ASSETS.get("index.html")).contentType(MediaType.TEXT_HTML_TYPE);
  }

  @Get(uri = "/app.js")
  MutableHttpResponse<byte[]> script() {
    return HttpResponse.ok(ASSETS.get("app.js")).contentType("text/javascript; charset=utf-8");
  }

  @Get(uri = "/app.css")
  MutableHttpResponse<byte[]> style() {
    return HttpResponse.ok(ASSETS.get("app.css")).contentType("text/css; charset=utf-8");
  }

  private static byte[] read(String asset) {
    try (InputStream in = PageController.class.getResourceAsStream("/public/" + asset)) {
      if (in == null) {
        throw new IllegalStateException("the dashboard asset " + asset + " is not in the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
