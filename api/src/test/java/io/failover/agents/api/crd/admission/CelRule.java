package io.failover.agents.api.crd.admission;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code x-kubernetes-validations} rule, compiled the way an API server compiles it: {@code self}
 * typed from the schema it sits on (so a misspelt field is a compile error, as at CRD creation), the
 * standard macros, and the Kubernetes URL library's {@code isURL}.
 */
final class CelRule {
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
      .addFunctionBindings(CelRuntime.CelFunctionBinding.from("isURL_string", String.class, GoRequestUri::parses))
      .build();

  private final ValidationRule rule;
  private final CelRuntime.Program program;

  private CelRule(ValidationRule rule, CelRuntime.Program program) {
    this.rule = rule;
    this.program = program;
  }

  static CelRule compile(ValidationRule rule, JSONSchemaProps schema, String schemaPath) {
    SchemaTypes types = new SchemaTypes();
    CelType self = types.of(schema, schemaPath);
    CelCompiler compiler = CelCompilerFactory.standardCelCompilerBuilder()
        .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
        .setTypeProvider(types)
        .addVar("self", self)
        .addFunctionDeclarations(CelFunctionDecl.newFunctionDeclaration("isURL",
            CelOverloadDecl.newGlobalOverload("isURL_string", SimpleType.BOOL, SimpleType.STRING)))
        .setResultType(SimpleType.BOOL)
        .build();
    try {
      CelAbstractSyntaxTree ast = compiler.compile(rule.getRule()).getAst();
      return new CelRule(rule, RUNTIME.createProgram(ast));
    } catch (CelValidationException | CelEvaluationException e) {
      throw new IllegalStateException("rule at " + schemaPath + " does not compile: " + rule.getRule() + "\n" + e.getMessage(), e);
    }
  }

  ValidationRule rule() {
    return rule;
  }

  /** Whether the value satisfies the rule; an evaluation error counts as a failure, as it does at admission. */
  boolean holdsFor(Object self) {
    try {
      return Boolean.TRUE.equals(program.eval(Map.of("self", self)));
    } catch (CelEvaluationException e) {
      return false;
    }
  }

  /** CEL types for a structural schema, objects as struct types named by their schema path. */
  private static final class SchemaTypes implements CelTypeProvider {
    private final Map<String, CelType> structs = new LinkedHashMap<>();

    CelType of(JSONSchemaProps schema, String path) {
      if (Boolean.TRUE.equals(schema.getXKubernetesIntOrString())) {
        return SimpleType.DYN;
      }
      String type = schema.getType() == null ? "" : schema.getType();
      switch (type) {
        case "string":
          return SimpleType.STRING;
        case "integer":
          return SimpleType.INT;
        case "number":
          return SimpleType.DOUBLE;
        case "boolean":
          return SimpleType.BOOL;
        case "array":
          return ListType.create(of(schema.getItems().getSchema(), path + ".@items"));
        case "object":
          return objectType(schema, path);
        default:
          return SimpleType.DYN;
      }
    }

    private CelType objectType(JSONSchemaProps schema, String path) {
      if (schema.getProperties() != null && !schema.getProperties().isEmpty()) {
        Map<String, CelType> fields = new LinkedHashMap<>();
        schema.getProperties().forEach((name, child) -> fields.put(name, of(child, path + "." + name)));
        StructType struct = StructType.create(path, ImmutableSet.copyOf(fields.keySet()), name -> Optional.ofNullable(fields.get(name)));
        structs.put(path, struct);
        return struct;
      }
      if (schema.getAdditionalProperties() != null && schema.getAdditionalProperties().getSchema() != null) {
        return MapType.create(SimpleType.STRING, of(schema.getAdditionalProperties().getSchema(), path + ".@values"));
      }
      return SimpleType.DYN;
    }

    @Override
    public ImmutableList<CelType> types() {
      return ImmutableList.copyOf(structs.values());
    }

    @Override
    public Optional<CelType> findType(String name) {
      return Optional.ofNullable(structs.get(name));
    }
  }
}
