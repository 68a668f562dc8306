{{- define "agent-failover.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The prefix of every object's name: fullnameOverride, else the release name with the chart's name unless it holds it already. */}}
{{- define "agent-failover.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "agent-failover.operatorName" -}}
{{- printf "%s-operator" (include "agent-failover.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "agent-failover.dashboardName" -}}
{{- printf "%s-dashboard" (include "agent-failover.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "agent-failover.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "agent-failover.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "agent-failover.operatorSelector" -}}
app.kubernetes.io/name: {{ include "agent-failover.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: operator
{{- end -}}

{{- define "agent-failover.dashboardSelector" -}}
app.kubernetes.io/name: {{ include "agent-failover.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: dashboard
{{- end -}}

{{- define "agent-failover.operatorServiceAccount" -}}
{{- if .Values.operator.serviceAccount.create -}}
{{- default (include "agent-failover.operatorName" .) .Values.operator.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.operator.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "agent-failover.dashboardServiceAccount" -}}
{{- if .Values.dashboard.serviceAccount.create -}}
{{- default (include "agent-failover.dashboardName" .) .Values.dashboard.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.dashboard.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* repository@digest when a digest is given (the tag is then ignored), else repository:tag */}}
{{- define "agent-failover.image" -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}
{{- end -}}

{{- define "agent-failover.reportUrl" -}}
{{- if .Values.operator.reportUrl -}}
{{- .Values.operator.reportUrl -}}
{{- else -}}
{{- printf "http://%s.%s.svc:%v" (include "agent-failover.operatorName" .) .Release.Namespace .Values.operator.port -}}
{{- end -}}
{{- end -}}

{{- define "agent-failover.operatorUrl" -}}
{{- printf "http://%s.%s.svc:%v" (include "agent-failover.operatorName" .) .Release.Namespace .Values.operator.port -}}
{{- end -}}

{{/*
What the operator's code calls, namespace by namespace (RbacMatchesCodeTest checks the list
against the calls the operator really makes, and the other way round).
*/}}
{{- define "agent-failover.operatorRules" -}}
- apiGroups: [agents.failover.io]
  resources: [agents]
  verbs: [get, list, watch, patch]
- apiGroups: [agents.failover.io]
  resources: [agents/status, agenttypes/status]
  verbs: [update]
# owned Secrets and Deployments set blockOwnerDeletion on their Agent owner reference, which clusters
# running the OwnerReferencesPermissionEnforcement admission plugin allow only with this grant
- apiGroups: [agents.failover.io]
  resources: [agents/finalizers]
  verbs: [update]
# get: a Type-scoped move re-reads the type's circuits; patch: the close-circuits annotation is
# removed, and set by the action API for a verified caller
- apiGroups: [agents.failover.io]
  resources: [agenttypes]
  verbs: [get, list, watch, patch]
# watched by label only: the operator's own env Secrets, and provider credentials labelled
# agents.failover.io/credentials=true (a rotated key reaches the agents that use it); get tells a
# missing credentials Secret from an unlabelled one; only the agents' env Secrets are written
- apiGroups: [""]
  resources: [secrets]
  verbs: [get, list, watch, create, update]
# get: before creating an Agent's Deployment, whether someone else's already has the name
- apiGroups: [apps]
  resources: [deployments]
  verbs: [get, list, watch, create, update]
- apiGroups: [""]
  resources: [events]
  verbs: [create, patch]
{{- end -}}

{{- define "agent-failover.dashboardRules" -}}
# actions go through the operator's action API with the user's own token: no patch here
- apiGroups: [agents.failover.io]
  resources: [agents]
  verbs: [list, watch]
- apiGroups: [agents.failover.io]
  resources: [agenttypes]
  verbs: [list, watch, update]
# the Kubernetes Events of an agent, for its own view (read as the user may: a SubjectAccessReview first)
- apiGroups: [""]
  resources: [events]
  verbs: [list]
{{- end -}}

{{- define "agent-failover.javaEnv" -}}
- name: JAVA_TOOL_OPTIONS
  value: {{ printf "%s -Djava.io.tmpdir=/tmp" .javaOptions | quote }}
- name: AGENT_FAILOVER_LOG_LEVEL
  value: {{ .logLevel | quote }}
{{- end -}}


{{/*
A role's pod-template labels: its selector, the commonLabels and its podLabels.
Call with (dict "selector" <selector yaml> "root" $ "role" .Values.<role>).
*/}}
{{- define "agent-failover.podLabels" -}}
{{ .selector }}
{{- with .root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- with .role.podLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/*
A role's topologySpreadConstraints; a constraint without a labelSelector gets the role's own pods.
Call with (dict "selector" <selector yaml> "constraints" .Values.<role>.topologySpreadConstraints).
*/}}
{{- define "agent-failover.topologySpread" -}}
{{- range .constraints }}
{{- $constraint := deepCopy . }}
{{- if not (hasKey $constraint "labelSelector") }}
{{- $_ := set $constraint "labelSelector" (dict "matchLabels" (fromYaml $.selector)) }}
{{- end }}
- {{ toYaml $constraint | nindent 2 | trim }}
{{- end }}
{{- end -}}

{{/* The scrape job of the operator's /metrics, as a ServiceMonitor names it: the Service's name. */}}
{{- define "agent-failover.operatorJob" -}}
{{- default (include "agent-failover.operatorName" .) .Values.prometheusRule.job -}}
{{- end -}}

{{- define "agent-failover.testSelector" -}}
app.kubernetes.io/name: {{ include "agent-failover.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: test
{{- end -}}

{{/* Whether the cluster serves monitoring.coreos.com/v1 <kind> (or the user said to render it anyway). */}}
{{- define "agent-failover.hasMonitoringKind" -}}
{{- if or .skip (.root.Capabilities.APIVersions.Has (printf "monitoring.coreos.com/v1/%s" .kind)) -}}
true
{{- end -}}
{{- end -}}
