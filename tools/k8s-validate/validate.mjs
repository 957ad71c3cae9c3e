// Validates every object of rendered Kubernetes YAML (read from stdin) against the Kubernetes and KEDA schemas
// shipped by the kubernetes-models packages: no cluster and no network needed. Also checks that every ConfigMap (and
// ConfigMap key) a pod reads is rendered, and that the objects named as arguments (Kind/name) are.
//   kubectl kustomize deploy/k8s/overlays/dev | node tools/k8s-validate/validate.mjs Job/minio-setup
import { parseAllDocuments } from "yaml";

const packages = { "keda.sh": "@kubernetes-models/keda/keda.sh" };

async function modelOf(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : [null, apiVersion];
  const base = group === null ? "kubernetes-models" : packages[group] ?? `kubernetes-models/${group}`;
  const module = await import(`${base}/${version}/index.js`).catch(() => import(`${base}/${version}`));
  const model = module[kind];
  if (!model) throw new Error(`no schema for ${apiVersion} ${kind}`);
  return model;
}

const input = await new Promise(resolve => {
  let text = "";
  process.stdin.setEncoding("utf8").on("data", d => (text += d)).on("end", () => resolve(text));
});
let count = 0;
const failures = [];
const objects = [];
for (const doc of parseAllDocuments(input)) {
  const object = doc.toJS();
  if (!object) continue;
  objects.push(object);
  const name = `${object.kind}/${object.metadata?.name}`;
  try {
    const Model = await modelOf(object.apiVersion, object.kind);
    new Model(object).validate();
    count++;
  } catch (error) {
    failures.push(`${name}: ${error.message}`);
  }
}
// A generated ConfigMap's hashed name or a file moved out of a kustomization would otherwise show only on a cluster,
// as a pod that never starts.
const configMaps = new Map(objects.filter(o => o.kind === "ConfigMap").map(o => [o.metadata.name, o.data ?? {}]));
for (const object of objects) {
  const pod = object.spec?.template?.spec;
  if (!pod) continue;
  const name = `${object.kind}/${object.metadata.name}`;
  for (const volume of pod.volumes ?? []) {
    if (volume.configMap && !configMaps.has(volume.configMap.name)) failures.push(`${name}: no ConfigMap ${volume.configMap.name}`);
  }
  for (const container of [...(pod.initContainers ?? []), ...(pod.containers ?? [])]) {
    for (const from of container.envFrom ?? []) {
      if (from.configMapRef && !configMaps.has(from.configMapRef.name)) failures.push(`${name}: no ConfigMap ${from.configMapRef.name}`);
    }
    for (const env of container.env ?? []) {
      const ref = env.valueFrom?.configMapKeyRef;
      if (ref && !(ref.key in (configMaps.get(ref.name) ?? {}))) failures.push(`${name}: no ConfigMap key ${ref.name}/${ref.key}`);
    }
  }
}
for (const required of process.argv.slice(2)) {
  if (!objects.some(o => `${o.kind}/${o.metadata?.name}` === required)) failures.push(`${required}: not rendered`);
}
if (failures.length > 0 || count === 0) {
  console.error(failures.length > 0 ? failures.join("\n") : "no objects to validate");
  process.exit(1);
}
console.log(`${count} objects valid`);
