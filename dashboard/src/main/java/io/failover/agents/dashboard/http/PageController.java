package io.failover.agents.dashboard.http;

import io.failover.agents.dashboard.auth.ApiException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The page, its stylesheet and its script modules, from the jar; the page itself fetches everything else. */
@Controller
@Requires(property = Role.PROPERTY, value = Role.DASHBOARD)
final class PageController {
  /**
   * The page's ES modules under /public/js/, main.js importing the rest. Only these names are served,
   * each read once at start: a request names an entry of this list or gets a 404, never a path.
   */
  private static final List<String> MODULES = List.of(
      "main.js", "dom.js", "api.js", "format.js", "view-state.js", "store.js", "stream.js", "session.js", "status.js",
      "actions.js", "agent-row.js", "agents.js", "agent-view.js", "types.js", "chart.js", "editor.js", "editor-save.js",
      "spec.js", "yaml.js");

  // Module scripts are refused by browsers unless served with a JavaScript MIME type.
  private static final String JAVASCRIPT = "text/javascript; charset=utf-8";
  private static final byte[] PAGE = read("index.html");
  private static final byte[] STYLE = read("app.css");
  private static final Map<String, byte[]> SCRIPTS = MODULES.stream()
      .collect(Collectors.toUnmodifiableMap(Function.identity(), module -> read("js/" + module)));

  @Get(uri = "/", produces = MediaType.TEXT_HTML)
  MutableHttpResponse<byte[]> page() {
    return HttpResponse.ok(PAGE).contentType(MediaType.TEXT_HTML_TYPE);
  }

  /** An agent's own view has its own address; the page draws it from the path. */
  @Get(uri = "/agents/{namespace}/{name}", produces = MediaType.TEXT_HTML)
  MutableHttpResponse<byte[]> agentPage(String namespace, String name) {
    return page();
  }

  @Get(uri = "/js/{module}")
  MutableHttpResponse<byte[]> script(String module) {
    byte[] script = SCRIPTS.get(module);
    if (script == null) {
      throw new ApiException(404, "no such script module");
    }
    return HttpResponse.ok(script).contentType(JAVASCRIPT);
  }

  @Get(uri = "/app.css")
  MutableHttpResponse<byte[]> style() {
    return HttpResponse.ok(STYLE).contentType("text/css; charset=utf-8");
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
