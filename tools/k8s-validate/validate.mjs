// Validates every object of rendered Kubernetes YAML (read from stdin) against the Kubernetes and KEDA schemas
// shipped by the kubernetes-models packages: no cluster and no network needed.
//   kubectl kustomize deploy/k8s/overlays/dev | node tools/k8s-validate/validate.mjs
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
for (const doc of parseAllDocuments(input)) {
  const object = doc.toJS();
  if (!object) continue;
  const name = `${object.kind}/${object.metadata?.name}`;
  try {
    const Model = await modelOf(object.apiVersion, object.kind);
    new Model(object).validate();
    count++;
  } catch (error) {
    failures.push(`${name}: ${error.message}`);
  }
}
if (failures.length > 0 || count === 0) {
  console.error(failures.length > 0 ? failures.join("\n") : "no objects to validate");
  process.exit(1);
}
console.log(`${count} objects valid`);
