{{/*
Names, labels and the pieces every workload shares (image, environment, security context), plus
the values check that stops an install early with a message saying what to set.
*/}}

{{- define "tessera.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "tessera.fullname" -}}
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

{{/* The migration Job of this revision: a new name per revision, since a Job cannot be changed. */}}
{{- define "tessera.migrationJobName" -}}
{{- printf "%s-migrate-%d" .Release.Name (int .Release.Revision) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "tessera.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "tessera.selectorLabels" -}}
app.kubernetes.io/name: {{ include "tessera.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "tessera.labels" -}}
helm.sh/chart: {{ include "tessera.chart" . }}
{{ include "tessera.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: tessera
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "tessera.annotations" -}}
{{- with .Values.commonAnnotations -}}
annotations:
  {{- toYaml . | nindent 2 }}
{{- end -}}
{{- end -}}

{{- define "tessera.image" -}}
{{- $repository := .Values.image.repository -}}
{{- if .Values.image.registry -}}
{{- $repository = printf "%s/%s" .Values.image.registry .Values.image.repository -}}
{{- end -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" $repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" $repository (.Values.image.tag | default .Chart.AppVersion | toString) -}}
{{- end -}}
{{- end -}}

{{- define "tessera.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "tessera.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* Secrets: an existing Secret when named, otherwise the one this chart creates. */}}
{{- define "tessera.secretName" -}}
{{- default (include "tessera.fullname" .) .Values.secret.existingSecret -}}
{{- end -}}
{{- define "tessera.secretKey" -}}
{{- if .Values.secret.existingSecret -}}{{ .Values.secret.existingSecretKey }}{{- else -}}tessera-secret{{- end -}}
{{- end -}}

{{- define "tessera.adminConfigured" -}}
{{- if or .Values.admin.existingSecret .Values.admin.email -}}true{{- end -}}
{{- end -}}
{{- define "tessera.adminSecretName" -}}
{{- default (include "tessera.fullname" .) .Values.admin.existingSecret -}}
{{- end -}}

{{- define "tessera.databaseSecretName" -}}
{{- default (include "tessera.fullname" .) .Values.externalDatabase.existingSecret -}}
{{- end -}}
{{- define "tessera.databasePasswordKey" -}}
{{- if .Values.externalDatabase.existingSecret -}}{{ .Values.externalDatabase.existingSecretPasswordKey }}{{- else -}}database-password{{- end -}}
{{- end -}}

{{- define "tessera.smtpPasswordConfigured" -}}
{{- if or .Values.smtp.existingSecret .Values.smtp.password -}}true{{- end -}}
{{- end -}}
{{- define "tessera.smtpSecretName" -}}
{{- default (include "tessera.fullname" .) .Values.smtp.existingSecret -}}
{{- end -}}
{{- define "tessera.smtpPasswordKey" -}}
{{- if .Values.smtp.existingSecret -}}{{ .Values.smtp.existingSecretPasswordKey }}{{- else -}}smtp-password{{- end -}}
{{- end -}}

{{/* Does the chart create a Secret at all (some secret given as a value)? */}}
{{- define "tessera.createSecret" -}}
{{- if or (and .Values.secret.tesseraSecret (not .Values.secret.existingSecret)) (and (not .Values.admin.existingSecret) (or .Values.admin.email .Values.admin.password)) (and .Values.externalDatabase.password (not .Values.externalDatabase.existingSecret)) (and .Values.smtp.password (not .Values.smtp.existingSecret)) -}}
true
{{- end -}}
{{- end -}}

{{/*
DATABASE_URL without the password: the driver reads it from PGPASSWORD, so a password needs no
URL encoding. With externalDatabase.existingSecretUrlKey the whole URL comes from the Secret.
*/}}
{{- define "tessera.databaseUrl" -}}
{{- $db := .Values.externalDatabase -}}
{{- printf "postgres://%s@%s:%d/%s" $db.user $db.host (int $db.port) $db.database -}}
{{- if $db.sslMode -}}?sslmode={{ $db.sslMode }}{{- end -}}
{{- end -}}

{{- define "tessera.publicUrl" -}}
{{- if .Values.publicUrl -}}
{{- .Values.publicUrl -}}
{{- else if .Values.ingress.enabled -}}
{{- printf "%s://%s" (ternary "https" "http" .Values.ingress.tls) .Values.ingress.hostname -}}
{{- end -}}
{{- end -}}

{{/* Variables the chart sets itself; `config` may not set them. */}}
{{- define "tessera.managedVariables" -}}
{{- list "HOST" "PORT" "DATABASE_URL" "DATABASE_POOL_SIZE" "TESSERA_DATA_DIR" "TESSERA_SECRET" "TESSERA_ADMIN_EMAIL" "TESSERA_ADMIN_PASSWORD" "PUBLIC_URL" "LOG_LEVEL" "TESSERA_WEB_DIR" "SMTP_HOST" "SMTP_PORT" "SMTP_TLS" "SMTP_USER" "SMTP_PASSWORD" "PGPASSWORD" | toJson -}}
{{- end -}}

{{/* The environment of every Tessera container: server, init container and migration Job. */}}
{{- define "tessera.env" -}}
envFrom:
  - configMapRef:
      name: {{ include "tessera.fullname" . }}
  {{- with .Values.extraEnvFrom }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
env:
  - name: TESSERA_SECRET
    valueFrom:
      secretKeyRef:
        name: {{ include "tessera.secretName" . }}
        key: {{ include "tessera.secretKey" . }}
  {{- if .Values.externalDatabase.existingSecretUrlKey }}
  - name: DATABASE_URL
    valueFrom:
      secretKeyRef:
        name: {{ .Values.externalDatabase.existingSecret }}
        key: {{ .Values.externalDatabase.existingSecretUrlKey }}
  {{- else }}
  - name: PGPASSWORD
    valueFrom:
      secretKeyRef:
        name: {{ include "tessera.databaseSecretName" . }}
        key: {{ include "tessera.databasePasswordKey" . }}
  {{- end }}
  {{- if include "tessera.adminConfigured" . }}
  - name: TESSERA_ADMIN_EMAIL
    valueFrom:
      secretKeyRef:
        name: {{ include "tessera.adminSecretName" . }}
        key: {{ ternary .Values.admin.existingSecretEmailKey "admin-email" (not (empty .Values.admin.existingSecret)) }}
  {{- if or .Values.admin.existingSecret .Values.admin.password }}
  - name: TESSERA_ADMIN_PASSWORD
    valueFrom:
      secretKeyRef:
        name: {{ include "tessera.adminSecretName" . }}
        key: {{ ternary .Values.admin.existingSecretPasswordKey "admin-password" (not (empty .Values.admin.existingSecret)) }}
  {{- end }}
  {{- end }}
  {{- if include "tessera.smtpPasswordConfigured" . }}
  - name: SMTP_PASSWORD
    valueFrom:
      secretKeyRef:
        name: {{ include "tessera.smtpSecretName" . }}
        key: {{ include "tessera.smtpPasswordKey" . }}
  {{- end }}
  {{- with .Values.extraEnv }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
{{- end -}}

{{- define "tessera.containerSecurityContext" -}}
{{- if .Values.containerSecurityContext.enabled -}}
securityContext:
  {{- toYaml (omit .Values.containerSecurityContext "enabled") | nindent 2 }}
{{- end -}}
{{- end -}}

{{- define "tessera.podSecurityContext" -}}
{{- if .Values.podSecurityContext.enabled -}}
securityContext:
  runAsNonRoot: true
  {{- toYaml (omit .Values.podSecurityContext "enabled") | nindent 2 }}
{{- end -}}
{{- end -}}

{{- define "tessera.imagePullSecrets" -}}
{{- with .Values.image.pullSecrets -}}
imagePullSecrets:
  {{- range . }}
  - name: {{ . }}
  {{- end }}
{{- end -}}
{{- end -}}

{{/*
The values check. Each part returns a message or nothing; together they stop the install with
every problem listed (helm install/upgrade/template/lint all run it).
*/}}
{{- define "tessera.validateValues" -}}
{{- $messages := list -}}
{{- $messages = append $messages (include "tessera.validateValues.database" .) -}}
{{- $messages = append $messages (include "tessera.validateValues.secret" .) -}}
{{- $messages = append $messages (include "tessera.validateValues.admin" .) -}}
{{- $messages = append $messages (include "tessera.validateValues.config" .) -}}
{{- $messages = append $messages (include "tessera.validateValues.scaling" .) -}}
{{- $messages = append $messages (include "tessera.validateValues.ingress" .) -}}
{{- $messages = without $messages "" -}}
{{- if $messages -}}
{{- printf "\nVALUES VALIDATION:\n%s" (join "\n" $messages) | fail -}}
{{- end -}}
{{- end -}}

{{- define "tessera.validateValues.database" -}}
{{- $db := .Values.externalDatabase -}}
{{- if $db.existingSecretUrlKey -}}
{{- if not $db.existingSecret -}}
tessera: externalDatabase.existingSecretUrlKey
    Name the Secret holding the URL in externalDatabase.existingSecret.
{{- end -}}
{{- else if not $db.host -}}
tessera: externalDatabase
    No database configured. Tessera on Kubernetes runs on PostgreSQL: set externalDatabase.host
    (with externalDatabase.password or externalDatabase.existingSecret), or
    externalDatabase.existingSecret with externalDatabase.existingSecretUrlKey (e.g. key `uri`
    of a CloudNativePG app secret). The embedded database serves a single process and is not
    available in this chart.
{{- else if not (or $db.password $db.existingSecret) -}}
tessera: externalDatabase.password
    Set externalDatabase.password, or externalDatabase.existingSecret naming a Secret with the
    password (key externalDatabase.existingSecretPasswordKey).
{{- end -}}
{{- end -}}

{{- define "tessera.validateValues.secret" -}}
{{- if not (or .Values.secret.tesseraSecret .Values.secret.existingSecret) -}}
tessera: secret.tesseraSecret
    No signing key. Set secret.tesseraSecret (at least 32 characters, e.g. the output of
    `openssl rand -base64 48`) or secret.existingSecret naming a Secret that holds it (key
    secret.existingSecretKey). Keep it: a new key signs everyone out and makes stored mailbox
    passwords unreadable.
{{- else if and .Values.secret.tesseraSecret (lt (len .Values.secret.tesseraSecret) 32) (not .Values.secret.existingSecret) -}}
tessera: secret.tesseraSecret
    The signing key must be at least 32 characters long.
{{- end -}}
{{- end -}}

{{- define "tessera.validateValues.admin" -}}
{{- if and .Values.admin.password (not .Values.admin.email) (not .Values.admin.existingSecret) -}}
tessera: admin.email
    admin.password is set: set admin.email too.
{{- end -}}
{{- end -}}

{{- define "tessera.validateValues.config" -}}
{{- $managed := include "tessera.managedVariables" . | fromJsonArray -}}
{{- $clashes := list -}}
{{- range $name, $value := .Values.config -}}
{{- if has $name $managed -}}{{- $clashes = append $clashes $name -}}{{- end -}}
{{- end -}}
{{- if $clashes -}}
tessera: config
    {{ join ", " $clashes }} come(s) from the chart's own values (externalDatabase, secret, admin,
    smtp, publicUrl, logLevel): set them there, not in config.
{{- end -}}
{{- end -}}

{{- define "tessera.validateValues.scaling" -}}
{{- if and .Values.pdb.create (not (kindIs "string" .Values.pdb.minAvailable)) (not (kindIs "string" .Values.pdb.maxUnavailable)) -}}
tessera: pdb
    Set pdb.minAvailable or pdb.maxUnavailable, not both.
{{- else if and .Values.autoscaling.enabled (gt (int .Values.autoscaling.minReplicas) (int .Values.autoscaling.maxReplicas)) -}}
tessera: autoscaling
    autoscaling.minReplicas is larger than autoscaling.maxReplicas.
{{- end -}}
{{- end -}}

{{- define "tessera.validateValues.ingress" -}}
{{- if and .Values.ingress.enabled (not .Values.ingress.hostname) -}}
tessera: ingress.hostname
    The ingress needs a host name.
{{- end -}}
{{- end -}}
