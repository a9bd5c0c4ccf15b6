// deploy/helm/tessera, checked with a real helm binary (scripts/install-test-deps.sh unpacks it
// into .cache/tools) and without a cluster: `helm lint` and `helm template` for every
// ci/*-values.yaml, each rendered manifest validated against the Kubernetes API schemas
// (kubernetes-models), the promises of the chart asserted (security context, probes, the
// migration Job, secrets), the values check shown failing with its message, and the settings the
// chart hands Tessera loaded by Tessera's own configuration class.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';
import { ENV_VARIABLES, loadConfig } from '../src/config/env.config.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const CHART = `${REPO}deploy/helm/tessera`;
const HELM = `${REPO}.cache/tools/helm`;
const RELEASE = 'helpdesk';
const NAMESPACE = 'support';
/** Read by the PostgreSQL driver or Node.js itself rather than by Tessera's configuration. */
const RUNTIME_VARIABLES = ['PGPASSWORD', 'NODE_EXTRA_CA_CERTS'];
const CI_VALUES = readdirSync(`${CHART}/ci`).filter((f) => f.endsWith('-values.yaml'));

/** What validates a kind: the model classes carry the Kubernetes OpenAPI schemas. */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'v1/ServiceAccount': ServiceAccount,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'networking.k8s.io/v1/Ingress': Ingress,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'monitoring.coreos.com/v1/ServiceMonitor': ServiceMonitor,
};

/* eslint-disable @typescript-eslint/no-explicit-any -- rendered manifests are read as plain data */
type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  [key: string]: any;
};

let helmHome: string;

function helm(args: string[]): { code: number | null; stdout: string; stderr: string } {
  if (!existsSync(HELM)) {
    throw new Error(
      `helm is not installed at ${HELM}: run ./scripts/install-test-deps.sh, which unpacks it there.`,
    );
  }
  const result = spawnSync(HELM, args, {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '', // eslint-disable-line no-restricted-properties
      HELM_CACHE_HOME: join(helmHome, 'cache'),
      HELM_CONFIG_HOME: join(helmHome, 'config'),
      HELM_DATA_HOME: join(helmHome, 'data'),
    },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function render(valuesFile: string, ...extra: string[]): Manifest[] {
  const result = helm([
    'template',
    RELEASE,
    CHART,
    '--namespace',
    NAMESPACE,
    '--kube-version',
    '1.30.0',
    '-f',
    `${CHART}/ci/${valuesFile}`,
    ...extra,
  ]);
  if (result.code !== 0) throw new Error(`helm template failed:\n${result.stderr}`);
  return parseAllDocuments(result.stdout)
    .map((doc) => doc.toJS() as Manifest | null)
    .filter((doc): doc is Manifest => doc !== null);
}

function only(manifests: Manifest[], kind: string): Manifest {
  const found = manifests.filter((m) => m.kind === kind);
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}`);
  return found[0];
}

function kinds(manifests: Manifest[]): string[] {
  return manifests.map((m) => m.kind).sort();
}

/** Every container of a pod spec, init containers included. */
function containers(podSpec: any): any[] {
  return [...(podSpec.initContainers ?? []), ...podSpec.containers];
}

/**
 * The environment a Tessera container would see: the ConfigMap's data, then its own variables,
 * secret references resolved to stand-ins of the right shape.
 */
function environment(container: any, configMap: Manifest): Record<string, string> {
  const stand_ins: Record<string, string> = {
    TESSERA_SECRET: 's'.repeat(48),
    PGPASSWORD: 'a-password',
    DATABASE_URL: 'postgresql://app:secret@db-rw:5432/app',
    TESSERA_ADMIN_EMAIL: 'ops@example.com',
    TESSERA_ADMIN_PASSWORD: 'a long admin passphrase',
    SMTP_PASSWORD: 'smtp-password',
  };
  const env: Record<string, string> = { ...(configMap.data as Record<string, string>) };
  for (const variable of container.env ?? []) {
    env[variable.name] = variable.valueFrom ? (stand_ins[variable.name] ?? 'x') : variable.value;
  }
  return env;
}

beforeAll(async () => {
  helmHome = await mkdtemp(join(tmpdir(), 'tessera-helm-'));
});
afterAll(async () => {
  await rm(helmHome, { recursive: true, force: true });
});

describe('Helm chart deploy/helm/tessera', () => {
  it.each(CI_VALUES)('passes helm lint --strict with ci/%s', (file) => {
    const result = helm(['lint', '--strict', CHART, '-f', `${CHART}/ci/${file}`]);
    expect(result.stderr + result.stdout).toContain('0 chart(s) failed');
    expect(result.code).toBe(0);
  });

  it('has CI values for the configurations it supports', () => {
    expect(CI_VALUES.sort()).toEqual([
      'existing-secrets-values.yaml',
      'minimal-values.yaml',
      'production-values.yaml',
    ]);
  });

  describe.each(CI_VALUES)('rendered with ci/%s', (file) => {
    let manifests: Manifest[];
    beforeAll(() => {
      manifests = render(file);
    });

    it('renders only manifests valid under the Kubernetes API schemas', () => {
      for (const manifest of manifests) {
        const Model = MODELS[`${manifest.apiVersion}/${manifest.kind}`];
        if (!Model) throw new Error(`no schema for ${manifest.apiVersion} ${manifest.kind}`);
        expect(() => new Model(manifest as never).validate()).not.toThrow();
        expect(manifest.metadata.name.length).toBeLessThanOrEqual(63);
      }
    });

    it('runs every container unprivileged, read-only, without capabilities, with /tmp on an emptyDir', () => {
      for (const workload of [only(manifests, 'Deployment'), only(manifests, 'Job')]) {
        const pod = workload.spec.template.spec;
        expect(pod.securityContext).toMatchObject({
          runAsNonRoot: true,
          seccompProfile: { type: 'RuntimeDefault' },
        });
        expect(pod.automountServiceAccountToken).toBe(false);
        expect(pod.volumes).toContainEqual({ name: 'tmp', emptyDir: { sizeLimit: '256Mi' } });
        for (const container of containers(pod)) {
          expect(container.securityContext).toEqual({
            runAsNonRoot: true,
            runAsUser: 10001,
            runAsGroup: 10001,
            readOnlyRootFilesystem: true,
            allowPrivilegeEscalation: false,
            capabilities: { drop: ['ALL'] },
          });
          expect(container.volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
          expect(container.resources?.limits?.memory).toBeDefined();
        }
      }
    });

    it('probes liveness on /healthz, readiness on /readyz, and gives a slow start time', () => {
      const [server] = only(manifests, 'Deployment').spec.template.spec.containers;
      expect(server.args).toEqual(['serve']);
      expect(server.ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
      expect(server.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
      expect(server.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
      expect(server.startupProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
      expect(
        server.startupProbe.periodSeconds * server.startupProbe.failureThreshold,
      ).toBeGreaterThanOrEqual(60);
      expect(server.lifecycle.preStop.exec.command[0]).toBe('sleep');
      const grace = only(manifests, 'Deployment').spec.template.spec.terminationGracePeriodSeconds;
      expect(grace).toBeGreaterThan(15 + 5);
    });

    it('migrates in a Job named per revision, which new pods wait for', () => {
      const job = only(manifests, 'Job');
      expect(job.metadata.name).toBe(`${RELEASE}-migrate-1`);
      const pod = job.spec.template.spec;
      expect(pod.restartPolicy).toBe('Never');
      expect(pod.containers.map((c: any) => c.args)).toEqual([['migrate']]);
      const deployment = only(manifests, 'Deployment');
      const init = deployment.spec.template.spec.initContainers;
      expect(init.map((c: any) => c.args.slice(0, 2))).toEqual([['migrate', '--wait']]);
      expect(init[0].image).toBe(deployment.spec.template.spec.containers[0].image);
      expect(pod.containers[0].image).toBe(init[0].image);
      // The Job's pod is not one of the Service's (nor the Deployment's) pods.
      const jobLabels = job.spec.template.metadata.labels as Record<string, string>;
      const selector = only(manifests, 'Service').spec.selector as Record<string, string>;
      expect(Object.entries(selector).every(([k, v]) => jobLabels[k] === v)).toBe(false);
      expect(deployment.spec.selector.matchLabels).toEqual(selector);
    });

    it('hands Tessera only settings it knows, which its configuration accepts', () => {
      const configMap = only(manifests, 'ConfigMap');
      expect(configMap.data).toMatchObject({ HOST: '0.0.0.0', PORT: '8080' });
      const deployment = only(manifests, 'Deployment');
      const job = only(manifests, 'Job');
      for (const container of [
        ...containers(deployment.spec.template.spec),
        ...job.spec.template.spec.containers,
      ]) {
        expect(container.envFrom[0]).toEqual({ configMapRef: { name: configMap.metadata.name } });
        const env = environment(container, configMap);
        const unknown = Object.keys(env).filter(
          (name) =>
            !(ENV_VARIABLES as readonly string[]).includes(name) &&
            !RUNTIME_VARIABLES.includes(name),
        );
        expect(unknown).toEqual([]);
        const config = loadConfig(env);
        expect(config.databaseUrl).toMatch(/^postgres(ql)?:\/\//);
        expect(config.host).toBe('0.0.0.0');
      }
    });

    it('reads every secret from a Secret, and the chart’s own Secret holds every key asked for', () => {
      const own = manifests.find((m) => m.kind === 'Secret');
      const refs = containers(only(manifests, 'Deployment').spec.template.spec)
        .flatMap((c) => c.env ?? [])
        .filter((e: any) => e.valueFrom)
        .map((e: any) => e.valueFrom.secretKeyRef as { name: string; key: string });
      expect(refs.length).toBeGreaterThanOrEqual(2);
      for (const ref of refs) {
        if (own && ref.name === own.metadata.name) {
          expect(Object.keys(own.data)).toContain(ref.key);
        } else {
          expect(ref.name).not.toBe(`${RELEASE}-tessera`);
        }
      }
      // No secret in the ConfigMap, whatever the values.
      const configMap = JSON.stringify(only(manifests, 'ConfigMap').data);
      expect(configMap).not.toMatch(/a-database-password|signing-key-that/);
    });
  });

  it('minimal: PostgreSQL by host and password, two replicas, secrets in the chart’s Secret', () => {
    const manifests = render('minimal-values.yaml');
    expect(kinds(manifests)).toEqual([
      'ConfigMap',
      'Deployment',
      'Job',
      'PodDisruptionBudget',
      'Secret',
      'Service',
      'ServiceAccount',
    ]);
    expect(only(manifests, 'Deployment').spec.replicas).toBe(2);
    expect(only(manifests, 'ConfigMap').data.DATABASE_URL).toBe(
      'postgres://tessera@postgres.databases.svc.cluster.local:5432/tessera',
    );
    expect(Object.keys(only(manifests, 'Secret').data).sort()).toEqual([
      'database-password',
      'tessera-secret',
    ]);
    expect(only(manifests, 'PodDisruptionBudget').spec.minAvailable).toBe(1);
  });

  it('existing secrets: no Secret of its own, the database URL from a CloudNativePG-style secret', () => {
    const manifests = render('existing-secrets-values.yaml');
    expect(manifests.some((m) => m.kind === 'Secret')).toBe(false);
    const pod = only(manifests, 'Deployment').spec.template.spec;
    const env = pod.containers[0].env as any[];
    expect(env.find((e) => e.name === 'DATABASE_URL')?.valueFrom.secretKeyRef).toEqual({
      name: 'tessera-db-app',
      key: 'uri',
    });
    expect(env.some((e) => e.name === 'PGPASSWORD')).toBe(false);
    expect(env.find((e) => e.name === 'TESSERA_ADMIN_PASSWORD')?.valueFrom.secretKeyRef).toEqual({
      name: 'tessera-admin',
      key: 'admin-password',
    });
    expect(pod.containers[0].image).toBe(
      'registry.example.com/helpdesk/tessera@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    );
    expect(pod.imagePullSecrets).toEqual([{ name: 'registry-credentials' }]);
    const data = only(manifests, 'ConfigMap').data;
    expect(data.DATABASE_URL).toBeUndefined();
    expect(data).toMatchObject({ MAIL_INTAKE: 'off', SMTP_HOST: 'smtp.example.com' });
  });

  it('production: TLS ingress, autoscaling, disruption budget, ServiceMonitor, network policy', () => {
    const manifests = render('production-values.yaml');
    expect(kinds(manifests)).toEqual([
      'ConfigMap',
      'Deployment',
      'HorizontalPodAutoscaler',
      'Ingress',
      'Job',
      'NetworkPolicy',
      'PodDisruptionBudget',
      'Secret',
      'Service',
      'ServiceAccount',
      'ServiceMonitor',
    ]);
    const ingress = only(manifests, 'Ingress');
    expect(ingress.spec.tls).toEqual([
      { hosts: ['help.example.com'], secretName: 'help.example.com-tls' },
    ]);
    expect(ingress.spec.rules[0].http.paths[0].backend.service).toEqual({
      name: `${RELEASE}-tessera`,
      port: { name: 'http' },
    });
    expect(only(manifests, 'ConfigMap').data).toMatchObject({
      PUBLIC_URL: 'https://help.example.com',
      DATABASE_URL:
        'postgres://tessera@tessera-db-rw.databases.svc:5432/tessera?sslmode=verify-full',
    });
    // The autoscaler owns the replica count.
    expect(only(manifests, 'Deployment').spec.replicas).toBeUndefined();
    expect(only(manifests, 'HorizontalPodAutoscaler').spec).toMatchObject({
      minReplicas: 3,
      maxReplicas: 10,
      scaleTargetRef: { kind: 'Deployment', name: `${RELEASE}-tessera` },
    });
    expect(only(manifests, 'PodDisruptionBudget').spec.maxUnavailable).toBe(1);
    expect(only(manifests, 'ServiceMonitor').spec.endpoints).toEqual([
      { port: 'http', path: '/metrics', interval: '30s' },
    ]);
    const policy = only(manifests, 'NetworkPolicy').spec;
    expect(policy.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(policy.ingress[0].from).toHaveLength(3);
    const egressPorts = (policy.egress as any[]).flatMap((rule) =>
      rule.ports.map((p: any) => p.port),
    );
    expect(egressPorts).toEqual(expect.arrayContaining([53, 5432, 993, 587]));
  });

  describe('stops early with a clear message', () => {
    function fails(...args: string[]): string {
      const result = helm(['template', RELEASE, CHART, ...args]);
      expect(result.code).not.toBe(0);
      return result.stderr;
    }

    it('without a database or a signing key (the defaults), naming what to set', () => {
      const message = fails();
      expect(message).toContain('VALUES VALIDATION');
      expect(message).toContain('No database configured');
      expect(message).toContain('externalDatabase.host');
      expect(message).toContain('embedded database');
      expect(message).toContain('No signing key');
      expect(message).toContain('secret.existingSecret');
      // (helm lint only logs `fail` calls, by design, so that charts needing values can be linted.)
    });

    it('with a database host but no password', () => {
      const message = fails(
        '--set',
        'externalDatabase.host=db',
        '--set',
        'secret.existingSecret=key',
      );
      expect(message).toContain(
        'Set externalDatabase.password, or externalDatabase.existingSecret',
      );
      expect(message).not.toContain('No signing key');
    });

    it('with a setting in config that the chart manages', () => {
      const message = fails(
        '-f',
        `${CHART}/ci/minimal-values.yaml`,
        '--set',
        'config.DATABASE_URL=postgres://elsewhere/db',
      );
      expect(message).toContain('DATABASE_URL come(s) from the chart');
    });

    it('with values the schema refuses: a misspelt key, a short signing key', () => {
      expect(fails('-f', `${CHART}/ci/minimal-values.yaml`, '--set', 'ingress.hostnme=x')).toMatch(
        /additional properties 'hostnme' not allowed/,
      );
      expect(
        fails('-f', `${CHART}/ci/minimal-values.yaml`, '--set', 'secret.tesseraSecret=short'),
      ).toMatch(/tesseraSecret.*minLength/s);
    });
  });

  it('documents every value of values.yaml with ## @param, and only values that exist', () => {
    const text = readFileSync(`${CHART}/values.yaml`, 'utf8');
    const documented = [...text.matchAll(/^\s*## @param (\S+) \S/gm)].map((m) => m[1]);
    const leaves: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (node && typeof node === 'object' && !Array.isArray(node) && Object.keys(node).length) {
        for (const [key, value] of Object.entries(node)) walk(value, path ? `${path}.${key}` : key);
      } else {
        leaves.push(path);
      }
    };
    walk(parse(text), '');
    const covered = (leaf: string) =>
      documented.some((param) => leaf === param || leaf.startsWith(`${param}.`));
    expect(leaves.filter((leaf) => !covered(leaf))).toEqual([]);
    const exists = (param: string) =>
      leaves.some((leaf) => leaf === param || leaf.startsWith(`${param}.`));
    expect(documented.filter((param) => !exists(param))).toEqual([]);
  });

  it('deploys the Tessera version of this repository by default', () => {
    const chart = parse(readFileSync(`${CHART}/Chart.yaml`, 'utf8')) as { appVersion: string };
    const server = JSON.parse(readFileSync(`${REPO}apps/server/package.json`, 'utf8')) as {
      version: string;
    };
    expect(chart.appVersion).toBe(server.version);
  });
});
