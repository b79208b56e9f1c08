{{/* Names, labels and shared pod settings of the LiftLog chart. */}}

{{/* Object name of a component: namePrefix + component, e.g. "core", "stats", "postgresql". */}}
{{- define "liftlog.name" -}}
{{- printf "%s%s" .root.Values.namePrefix .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "liftlog.secretName" -}}
{{- if .Values.secrets.create -}}
{{- printf "%sliftlog-secrets" .Values.namePrefix -}}
{{- else -}}
{{- required "secrets.existingSecret is required when secrets.create is false" .Values.secrets.existingSecret -}}
{{- end -}}
{{- end -}}

{{- define "liftlog.imageTag" -}}
{{- .Values.images.tag | default .Chart.AppVersion -}}
{{- end -}}

{{- define "liftlog.coreImage" -}}
{{- printf "%s/%s:%s" .Values.images.registry .Values.images.core (include "liftlog.imageTag" .) -}}
{{- end -}}

{{- define "liftlog.statsImage" -}}
{{- printf "%s/%s:%s" .Values.images.registry .Values.images.stats (include "liftlog.imageTag" .) -}}
{{- end -}}

{{/* Pods are selected by these three labels; they never change across upgrades. */}}
{{- define "liftlog.selectorLabels" -}}
app.kubernetes.io/name: liftlog
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "liftlog.labels" -}}
{{ include "liftlog.selectorLabels" . }}
app.kubernetes.io/part-of: liftlog
app.kubernetes.io/version: {{ include "liftlog.imageTag" .root | quote }}
{{- if .root.Values.plainManifests }}
app.kubernetes.io/managed-by: kubectl
{{- else }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end }}
{{- end -}}

{{/* Labels of objects that belong to the whole release rather than one component. */}}
{{- define "liftlog.commonLabels" -}}
{{ include "liftlog.labels" (dict "root" . "component" "liftlog") }}
{{- end -}}

{{/* Pod security: non-root, no privilege escalation, no capabilities, read-only root filesystem. */}}
{{- define "liftlog.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .uid }}
runAsGroup: {{ .uid }}
fsGroup: {{ .uid }}
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "liftlog.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop: [ALL]
{{- end -}}

{{/*
Init container that holds a service pod until every migration shipped in the core image is recorded as
finished in _prisma_migrations, so pods of a new version never serve an old schema. Runs in the core
image (it carries prisma/migrations); the stats pod passes its read-only URL (SELECT is enough).
*/}}
{{- define "liftlog.waitForSchema" -}}
- name: wait-for-schema
  image: {{ include "liftlog.coreImage" .root }}
  imagePullPolicy: {{ .root.Values.images.pullPolicy }}
  command:
    - node
    - --input-type=module
    - -e
    - |
      import fs from 'node:fs'
      import pg from 'pg'
      const wanted = fs.readdirSync('prisma/migrations', { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name)
      for (;;) {
        const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
        try {
          await client.connect()
          const { rows } = await client.query('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL')
          const missing = wanted.filter((name) => !rows.some((row) => row.migration_name === name))
          if (missing.length === 0) break
          console.log(`waiting for migrations: ${missing.join(', ')}`)
        } catch (error) {
          console.log(`waiting for the database: ${error.message}`)
        } finally {
          await client.end().catch(() => {})
        }
        await new Promise((resolve) => setTimeout(resolve, 2000))
      }
      console.log('database schema is current')
  env:
    - name: DATABASE_URL
      valueFrom:
        secretKeyRef:
          name: {{ include "liftlog.secretName" .root }}
          key: {{ .databaseUrlKey }}
  securityContext:
    {{- include "liftlog.containerSecurityContext" . | nindent 4 }}
  resources:
    requests: { cpu: 10m, memory: 64Mi }
    limits: { cpu: 200m, memory: 128Mi }
{{- end -}}

{{- define "liftlog.hookAnnotations" -}}
{{- if not .root.Values.plainManifests }}
helm.sh/hook: {{ .hook }}
helm.sh/hook-weight: {{ .weight | default "0" | quote }}
helm.sh/hook-delete-policy: before-hook-creation
{{- end }}
{{- end -}}
