"""Load and export the audit framework in one JSON shape.

The fixture in fixtures/framework/ and the output of `export_framework` share this shape, so a
loaded framework can be compared with its source document field by field.
"""

import datetime
import json
from pathlib import Path

from django.conf import settings
from django.db import transaction

from standards.models import Criterion, Framework, Recommendation, Standard

FRAMEWORK_FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "framework"


@transaction.atomic
def load_framework(path: Path) -> Framework:
    """Create or update a framework from its JSON document (idempotent)."""
    document = json.loads(Path(path).read_text(encoding="utf-8"))
    meta = document["framework"]
    framework, _ = Framework.objects.update_or_create(
        code=meta["code"],
        version=meta["version"],
        defaults={
            "title": meta["title"],
            "published_on": datetime.date.fromisoformat(meta["published_on"]),
            "return_due": datetime.date.fromisoformat(meta["return_due"]),
            "default_descriptors": document["default_descriptors"],
        },
    )
    recommendations = {}
    for item in document["recommendations"]:
        recommendations[item["number"]], _ = Recommendation.objects.update_or_create(
            framework=framework,
            number=item["number"],
            defaults={
                "text": item["text"],
                "paragraph": item["paragraph"],
                "timescale_months": item["timescale_months"],
                "reconstructed": item.get("reconstructed", False),
                "reconstruction_note": item.get("reconstruction_note", ""),
            },
        )
    for standard_data in document["standards"]:
        standard, _ = Standard.objects.update_or_create(
            framework=framework,
            number=standard_data["number"],
            defaults={
                "title": standard_data["title"],
                "statement": standard_data["statement"],
                "reconstructed": standard_data.get("reconstructed", False),
                "reconstruction_note": standard_data.get("reconstruction_note", ""),
            },
        )
        for criterion_data in standard_data["criteria"]:
            number = int(criterion_data["code"].split(".")[1])
            criterion, _ = Criterion.objects.update_or_create(
                standard=standard,
                number=number,
                defaults={
                    "code": criterion_data["code"],
                    "text": criterion_data["text"],
                    "guidance": criterion_data["guidance"],
                    "descriptors": criterion_data.get("descriptors", {}),
                    "reconstructed": criterion_data.get("reconstructed", False),
                    "reconstruction_note": criterion_data.get("reconstruction_note", ""),
                },
            )
            criterion.recommendations.set(
                [recommendations[n] for n in criterion_data["recommendations"]]
            )
    return framework


def load_all_frameworks() -> list[Framework]:
    return [load_framework(path) for path in sorted(FRAMEWORK_FIXTURES.glob("*.json"))]


def export_framework(framework: Framework) -> dict:
    standards = framework.standards.order_by("number")
    criteria = Criterion.objects.with_framework_detail().filter(standard__framework=framework)
    criteria_by_standard: dict[int, list[Criterion]] = {}
    for criterion in criteria:
        criteria_by_standard.setdefault(criterion.standard_id, []).append(criterion)
    return {
        "framework": {
            "code": framework.code,
            "title": framework.title,
            "version": framework.version,
            "published_on": framework.published_on.isoformat(),
            "return_due": framework.return_due.isoformat(),
        },
        "standards": [
            {
                "number": standard.number,
                "title": standard.title,
                "statement": standard.statement,
                "criteria": [
                    _export_criterion(c) for c in criteria_by_standard.get(standard.pk, [])
                ],
            }
            for standard in standards
        ],
        "recommendations": [
            {
                "number": r.number,
                "text": r.text,
                "paragraph": r.paragraph,
                "timescale_months": r.timescale_months,
            }
            for r in framework.recommendations.order_by("number")
        ],
    }


def _export_criterion(criterion: Criterion) -> dict:
    deadline = criterion.laming_deadline
    return {
        "code": criterion.code,
        "text": criterion.text,
        "recommendations": [r.number for r in criterion.recommendations.all()],
        "guidance": list(criterion.guidance),
        "laming_deadline": deadline.isoformat() if deadline else None,
        "descriptors": {str(level): text for level, text in criterion.all_descriptors.items()},
    }
