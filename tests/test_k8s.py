"""The Helm chart in deploy/k8s renders objects that Kubernetes accepts (validated offline against
its schemas with kubernetes-validate), and says what docs/scaling.md promises: three processes
per service, probes, budgets, autoscaling, network policies, secrets from the cluster."""

from __future__ import annotations

import importlib
import shutil
import subprocess
from collections import Counter
from typing import Any

import kubernetes_validate
import pytest
import yaml

from deploy.stack.profiles import ROOT, SERVICES
from wmo_common.events.registry import topics as event_topics

CHART = ROOT / "deploy" / "k8s" / "wmo-suite"
EXAMPLES = ROOT / "deploy" / "k8s" / "examples"
KUBERNETES_VERSION = "1.33.0"
ROLES = ("api", "worker", "scheduler")


def helm() -> str:
    local = ROOT / ".tools" / "bin" / "helm"
    found = str(local) if local.exists() else shutil.which("helm")
    if found is None:
        pytest.skip("helm is missing: `make k8s-tools` builds it with the Go toolchain")
    return found


def render(*settings: str) -> subprocess.CompletedProcess[str]:
    arguments = [arg for setting in settings for arg in ("--set", setting)]
    return subprocess.run(
        [helm(), "template", "wmo", str(CHART), "--namespace", "wmo", *arguments],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


@pytest.fixture(scope="module")
def objects() -> list[dict[str, Any]]:
    result = render()
    assert result.returncode == 0, result.stderr
    return [doc for doc in yaml.safe_load_all(result.stdout) if doc]


def of_kind(objects: list[dict[str, Any]], kind: str) -> dict[str, dict[str, Any]]:
    return {o["metadata"]["name"]: o for o in objects if o["kind"] == kind}


def test_every_rendered_object_is_valid_against_the_kubernetes_schemas(
    objects: list[dict[str, Any]],
) -> None:
    errors = []
    for item in objects:
        try:
            kubernetes_validate.validate(item, KUBERNETES_VERSION, strict=True)
        except kubernetes_validate.ValidationError as error:
            errors.append(f"{item['kind']}/{item['metadata']['name']}: {error.message}")
    assert errors == []
    assert len(objects) > 50


def test_every_service_runs_as_api_worker_and_scheduler_from_one_image_with_probes(
    objects: list[dict[str, Any]],
) -> None:
    deployments = of_kind(objects, "Deployment")
    assert set(deployments) == {f"{s}-{r}" for s in SERVICES for r in ROLES}
    images = set()
    for name, deployment in deployments.items():
        service, role = name.split("-")
        container = deployment["spec"]["template"]["spec"]["containers"][0]
        images.add(container["image"])
        assert container["command"][-3:] == [role, "--service", service]
        assert {"name": "PROCESS_ROLE", "value": role} in container["env"]
        assert container["livenessProbe"]["httpGet"]["path"] == "/health/live"
        assert container["readinessProbe"]["httpGet"]["path"] == "/health/ready"
        assert container["resources"]["requests"]["cpu"]
        assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert len(images) == 1


def test_each_role_has_a_disruption_budget_and_apis_and_workers_scale_out(
    objects: list[dict[str, Any]],
) -> None:
    budgets = of_kind(objects, "PodDisruptionBudget")
    assert set(budgets) == {f"{s}-{r}" for s in SERVICES for r in ROLES}
    scalers = of_kind(objects, "HorizontalPodAutoscaler")
    values = yaml.safe_load((CHART / "values.yaml").read_text())
    for service in SERVICES:
        assert scalers[f"{service}-api"]["spec"]["metrics"][0]["resource"]["name"] == "cpu"
        groups = values["services"][service]["consumerGroups"]
        if not groups:
            assert f"{service}-worker" not in scalers
            continue
        worker = scalers[f"{service}-worker"]["spec"]
        assert worker["maxReplicas"] <= values["kafka"]["partitions"]
        assert [m["external"]["metric"]["selector"]["matchLabels"] for m in worker["metrics"]] == [
            {"consumergroup": group} for group in groups
        ]


def test_the_consumer_groups_the_chart_scales_on_are_those_the_services_run() -> None:
    values = yaml.safe_load((CHART / "values.yaml").read_text())
    for service in SERVICES:
        consumers = importlib.import_module(f"wmo_{service}.reacties").CONSUMERS
        running = [f"{service}.{spec.purpose}" for spec in consumers]
        assert values["services"][service]["consumerGroups"] == running, service


def test_a_service_reaches_only_dns_kafka_its_own_database_and_the_gateway_the_ggk(
    objects: list[dict[str, Any]],
) -> None:
    policies = of_kind(objects, "NetworkPolicy")
    assert policies["wmo-default-deny"]["spec"]["policyTypes"] == ["Ingress", "Egress"]
    for service in SERVICES:
        rules = policies[f"{service}-egress"]["spec"]["egress"]
        peers = [peer for rule in rules for peer in rule["to"]]
        databases = [p["podSelector"]["matchLabels"] for p in peers if "cnpg.io/cluster" in str(p)]
        assert databases == [{"cnpg.io/cluster": f"wmo-{service}"}]
        assert any(
            p.get("podSelector", {}).get("matchLabels", {}).get("k8s-app") == "kube-dns"
            for p in peers
        )
        assert any("strimzi.io/cluster" in str(p) for p in peers)
        external = [p for p in peers if "ipBlock" in p]
        assert bool(external) == (service == "gateway")


def test_secrets_come_from_the_cluster_and_never_from_the_chart(
    objects: list[dict[str, Any]],
) -> None:
    assert "Secret" not in Counter(o["kind"] for o in objects)
    for deployment in of_kind(objects, "Deployment").values():
        container = deployment["spec"]["template"]["spec"]["containers"][0]
        assert container["envFrom"][0]["secretRef"]["name"].startswith("wmo-secrets-")
        password = next(e for e in container["env"] if e["name"] == "DB_PASSWORD")
        assert password["valueFrom"]["secretKeyRef"]["key"] == "password"


@pytest.mark.parametrize(
    ("setting", "reason"),
    [
        ("retention.inboxDays=3", "/retention/inboxDays"),
        ("kafka.partitions=0", "/kafka/partitions"),
        ("roles.api.disruptionBudget.minAvailable=null", "/roles/api/disruptionBudget"),
        ("environment=staging", "/environment"),
    ],
)
def test_values_against_the_schema_are_refused_with_the_value_named(
    setting: str, reason: str
) -> None:
    result = render(setting)
    assert result.returncode != 0
    assert reason in result.stderr


def test_the_strimzi_example_replicates_every_topic_three_times_with_two_in_sync() -> None:
    documents = [d for d in yaml.safe_load_all((EXAMPLES / "strimzi-kafka.yaml").read_text()) if d]
    kafka = next(d for d in documents if d["kind"] == "Kafka")
    assert kafka["spec"]["kafka"]["config"]["min.insync.replicas"] == 2
    assert kafka["spec"]["kafka"]["config"]["default.replication.factor"] == 3
    topics = {d["spec"]["topicName"]: d["spec"] for d in documents if d["kind"] == "KafkaTopic"}
    wanted = set(event_topics())
    assert set(topics) == wanted | {f"{t}.dlq" for t in wanted}
    assert all(spec["replicas"] == 3 for spec in topics.values())
    assert all(spec["config"]["min.insync.replicas"] == 2 for spec in topics.values())


def test_the_cloudnative_pg_example_gives_each_service_a_cluster_the_chart_reads() -> None:
    documents = [d for d in yaml.safe_load_all((EXAMPLES / "cloudnative-pg.yaml").read_text()) if d]
    clusters = {d["metadata"]["name"]: d["spec"] for d in documents if d["kind"] == "Cluster"}
    assert set(clusters) == {f"wmo-{service}" for service in SERVICES}
    assert all(spec["instances"] == 3 for spec in clusters.values())


def test_the_chart_lints_clean() -> None:
    result = subprocess.run(
        [helm(), "lint", str(CHART), "--strict"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
