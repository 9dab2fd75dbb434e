# Parses Prometheus text exposition from stdin with the Prometheus project's own Python parser and
# prints the families as JSON: [{"name", "type", "samples": [{"name", "labels", "value"}]}].
# Exit 3 when the parser is not installed (Debian: python3-prometheus-client).
import json
import math
import sys

try:
    from prometheus_client.parser import text_string_to_metric_families
except ImportError as e:
    print(f"prometheus_client is not installed: {e}", file=sys.stderr)
    sys.exit(3)


def value(v):
    return "+Inf" if v == math.inf else "-Inf" if v == -math.inf else "NaN" if v != v else v


families = []
for f in text_string_to_metric_families(sys.stdin.read()):
    families.append({
        "name": f.name,
        "type": f.type,
        "samples": [{"name": s.name, "labels": s.labels, "value": value(s.value)} for s in f.samples],
    })
json.dump(families, sys.stdout)
