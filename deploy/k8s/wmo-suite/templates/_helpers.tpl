{{/* Labels every object carries. */}}
{{- define "wmo.labels" -}}
app.kubernetes.io/part-of: wmo-suite
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* The selector of one service's role: wmo.selector (dict "service" "access" "role" "api"). */}}
{{- define "wmo.selector" -}}
app.kubernetes.io/name: {{ .service }}
app.kubernetes.io/component: {{ .role }}
{{- end -}}

{{/* The image, one for every service and role. */}}
{{- define "wmo.image" -}}
{{ printf "%s:%s" .Values.image.repository .Values.image.tag }}
{{- end -}}

{{/* The environment of every container of a service: settings, secrets, DATABASE_URL. */}}
{{- define "wmo.env" -}}
{{- $root := .root -}}
{{- $cluster := printf "%s%s" $root.Values.database.clusterPrefix .service -}}
- name: SERVICE_NAME
  value: {{ .service | quote }}
- name: ENVIRONMENT
  value: {{ $root.Values.environment | quote }}
- name: LOG_LEVEL
  value: {{ $root.Values.logLevel | quote }}
- name: HOST
  value: "0.0.0.0"
- name: PORT
  value: "8000"
- name: PROCESS_ROLE
  value: {{ .role | quote }}
- name: MALLOC_ARENA_MAX
  value: "2"
- name: KAFKA_BOOTSTRAP_SERVERS
  value: {{ $root.Values.kafka.bootstrapServers | quote }}
- name: KAFKA_PARTITIONS
  value: {{ $root.Values.kafka.partitions | quote }}
- name: KAFKA_REPLICATION_FACTOR
  value: {{ $root.Values.kafka.replicationFactor | quote }}
- name: OUTBOX_SLOTS
  value: {{ $root.Values.outbox.slots | quote }}
- name: OUTBOX_RETENTION_DAYS
  value: {{ $root.Values.retention.outboxDays | quote }}
- name: INBOX_RETENTION_DAYS
  value: {{ $root.Values.retention.inboxDays | quote }}
- name: AUDIT_RETENTION_DAYS
  value: {{ $root.Values.retention.auditDays | quote }}
# The operator console of each API shows the five services: their in-cluster Services.
- name: SUITE_URLS
  value: {{ include "wmo.suiteUrls" $root | quote }}
- name: DATABASE_POOL_SIZE
  value: {{ $root.Values.database.poolSize | quote }}
- name: DB_USER
  valueFrom: {secretKeyRef: {name: {{ printf "%s-app" $cluster }}, key: username}}
- name: DB_PASSWORD
  valueFrom: {secretKeyRef: {name: {{ printf "%s-app" $cluster }}, key: password}}
- name: DB_NAME
  valueFrom: {secretKeyRef: {name: {{ printf "%s-app" $cluster }}, key: dbname}}
# The read-write service of the CloudNativePG cluster; $(VAR) is expanded by Kubernetes.
- name: DATABASE_URL
  value: {{ printf "postgresql+asyncpg://$(DB_USER):$(DB_PASSWORD)@%s-rw:%v/$(DB_NAME)" $cluster $root.Values.database.port | quote }}
{{- end -}}

{{/* The pod's security: not root, nothing written but /tmp, no privileges. */}}
{{- define "wmo.podSecurity" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "wmo.containerSecurity" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: [ALL]
{{- end -}}


{{- define "wmo.suiteUrls" -}}
{{- $urls := dict -}}
{{- range $service, $spec := .Values.services -}}
{{- $_ := set $urls $service (printf "http://%s.%s.svc" $service $.Release.Namespace) -}}
{{- end -}}
{{- toJson $urls -}}
{{- end -}}
