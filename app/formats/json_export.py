"""The validated bank as JSON, for other tools (contract in DESIGN.md)."""

from __future__ import annotations

import json

from app.bank import LoadedBank


def bank_to_json(loaded: LoadedBank) -> str:
    """`{"id", "title", "headline", "source", "questions": [...]}`; each question carries its
    fields as in the YAML file plus its `content_hash`."""
    bank = loaded.bank
    document = bank.model_dump(mode="json", exclude={"questions"})
    document["headline"] = loaded.headline
    document["questions"] = [
        {**question.model_dump(mode="json"), "content_hash": question.content_hash}
        for question in bank.questions
    ]
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
